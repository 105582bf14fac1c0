import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import {
  ConflictError,
  formatId,
  insertInChunks,
  inTransaction,
  nextNumber,
  NotFoundError,
  requireNotBefore,
  todayIso,
  ValidationError,
  withNumberRetry,
} from '@durchstarten/kit';
import { type ConsentScope } from './consent.enums';
import { ParticipantEntity } from '../participant/participant.entity';
import { ConsentEntity } from './consent.entity';
import type { ConsentCommand } from './consent.commands';

export class ConsentService {
  constructor(private readonly dataSource: DataSource) {}

  findByParticipantIds(participantIds: readonly string[]): Promise<ConsentEntity[]> {
    return this.dataSource
      .getRepository(ConsentEntity)
      .find({ where: { participantId: In([...participantIds]) }, order: { number: 'ASC' } });
  }

  async grant(input: ConsentCommand): Promise<ConsentEntity> {
    if (input.on > todayIso()) throw new ValidationError('"on" must not be in the future.', 'on');
    return withNumberRetry(() =>
      inTransaction(this.dataSource, async (manager) => {
        const participant = await manager.findOneBy(ParticipantEntity, { id: input.participantId });
        if (!participant) throw new NotFoundError('Participant', input.participantId);
        if (participant.erasedOn) throw new ConflictError(`Participant ${participant.id} was erased.`);
        const active = await manager.findOneBy(ConsentEntity, { participantId: participant.id, scope: input.scope, withdrawnOn: IsNull() });
        if (active) throw new ConflictError(`Consent ${input.scope} is already granted (${active.id}, since ${active.grantedOn}).`);
        const number = await nextNumber(manager, ConsentEntity);
        const consent = manager.create(ConsentEntity, {
          id: formatId('CON', number, 5),
          number,
          participantId: participant.id,
          scope: input.scope as ConsentScope,
          grantedOn: input.on,
          withdrawnOn: null,
        });
        await manager.insert(ConsentEntity, consent);
        return consent;
      }),
    );
  }

  /** Withdrawal keeps the record (when it was granted matters) and dates its end. */
  async withdraw(input: ConsentCommand): Promise<ConsentEntity> {
    if (input.on > todayIso()) throw new ValidationError('"on" must not be in the future.', 'on');
    return inTransaction(this.dataSource, async (manager) => {
      const active = await manager.findOneBy(ConsentEntity, {
        participantId: input.participantId,
        scope: input.scope,
        withdrawnOn: IsNull(),
      });
      if (!active) throw new NotFoundError(`Active consent ${input.scope} of participant`, input.participantId);
      requireNotBefore(input.on, active.grantedOn, 'on', 'grantedOn');
      active.withdrawnOn = input.on;
      await manager.save(ConsentEntity, active);
      return active;
    });
  }

  /** Inserts seed rows inside the caller's transaction: a seed loads an organisation's whole part or nothing. */
  async importMany(rows: Array<Omit<ConsentEntity, 'number'>>, manager: EntityManager): Promise<void> {
    const entities = rows.map((row) => ({ ...row, number: Number(row.id.replace(/^CON-/, '')) }));
    await insertInChunks(manager, ConsentEntity, entities, 6);
  }
}

/** True when the participant's consents include an active one of `scope`. */
export function hasActiveConsent(consents: ReadonlyArray<{ scope: string; withdrawnOn: string | null }>, scope: ConsentScope): boolean {
  return consents.some((consent) => consent.scope === scope && consent.withdrawnOn === null);
}
