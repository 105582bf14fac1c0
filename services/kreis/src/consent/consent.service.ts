import { ConflictError, formatId, NotFoundError, requireNotBefore, todayIso, ValidationError } from '@durchstarten/kit';
import { requireParticipant } from '../participant/participant.service';
import type { RegistryRepositories } from '../registry.repository';
import type { ConsentCommand } from './consent.commands';
import type { ConsentEntity } from './consent.entity';
import type { ConsentScope } from './consent.enums';

const ID_WIDTH = 5;

/** Registry rules for consents: one active consent per scope, and withdrawal that keeps the record. */
export class ConsentService {
  constructor(private readonly registry: RegistryRepositories) {}

  findByParticipantIds(participantIds: readonly string[]): Promise<ConsentEntity[]> {
    return this.registry.consents.findByParticipantIds(participantIds);
  }

  async grant(command: ConsentCommand): Promise<ConsentEntity> {
    if (command.on > todayIso()) throw new ValidationError('"on" must not be in the future.', 'on');
    return this.registry.transaction(async (registry) => {
      const participant = await requireParticipant(registry, command.participantId);
      if (participant.erasedOn) throw new ConflictError(`Participant ${participant.id} was erased.`);
      const active = await registry.consents.findActive(participant.id, command.scope);
      if (active) throw new ConflictError(`Consent ${command.scope} is already granted (${active.id}, since ${active.grantedOn}).`);
      const number = await registry.consents.takeNumber();
      return registry.consents.insert({
        id: formatId('CON', number, ID_WIDTH),
        number,
        participantId: participant.id,
        scope: command.scope,
        grantedOn: command.on,
        withdrawnOn: null,
      });
    });
  }

  /** Withdrawal keeps the record (when it was granted matters) and dates its end. */
  async withdraw(command: ConsentCommand): Promise<ConsentEntity> {
    if (command.on > todayIso()) throw new ValidationError('"on" must not be in the future.', 'on');
    return this.registry.transaction(async (registry) => {
      const active = await registry.consents.findActive(command.participantId, command.scope);
      if (!active) throw new NotFoundError(`Active consent ${command.scope} of participant`, command.participantId);
      requireNotBefore(command.on, active.grantedOn, 'on', 'grantedOn');
      active.withdrawnOn = command.on;
      await registry.consents.save(active);
      return active;
    });
  }

  /** Inserts seed rows within the seed's transaction (`registry`): a seed loads an organisation's whole part or nothing. */
  async importMany(rows: Array<Omit<ConsentEntity, 'number'>>, registry: RegistryRepositories): Promise<void> {
    await registry.consents.insertMany(rows.map((row) => ({ ...row, number: Number(row.id.replace(/^CON-/, '')) })));
  }
}

/** True when the participant's consents include an active one of `scope`. */
export function hasActiveConsent(consents: ReadonlyArray<{ scope: string; withdrawnOn: string | null }>, scope: ConsentScope): boolean {
  return consents.some((consent) => consent.scope === scope && consent.withdrawnOn === null);
}
