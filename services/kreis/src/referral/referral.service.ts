import { ConflictError, formatId, NotFoundError, requireNotBefore, todayIso, ValidationError } from '@durchstarten/kit';
import { type ProviderRegistry, ReferralStatus } from '@durchstarten/contracts';
import type { RegistryScope } from '../access';
import type { MunicipalityService } from '../municipality/municipality.service';
import { requireParticipant } from '../participant/participant.service';
import { PROGRAMME_END } from '../programme';
import type { RegistryRepositories } from '../registry.repository';
import type { ChangeReferralStatusCommand, ReferParticipantCommand } from './referral.commands';
import type { ReferralEntity } from './referral.entity';

const ID_WIDTH = 5;

/** Which status may follow which; the date of the change sets startedOn or endedOn. */
const NEXT_STATUS: Record<ReferralStatus, ReferralStatus[]> = {
  [ReferralStatus.REFERRED]: [ReferralStatus.ACTIVE, ReferralStatus.CANCELLED],
  [ReferralStatus.ACTIVE]: [ReferralStatus.COMPLETED, ReferralStatus.CANCELLED],
  [ReferralStatus.COMPLETED]: [],
  [ReferralStatus.CANCELLED]: [],
};

/** Registry rules for referrals: who may be referred, to which provider, and how a referral moves on. */
export class ReferralService {
  constructor(
    private readonly registry: RegistryRepositories,
    private readonly municipalities: MunicipalityService,
    private readonly providers: ProviderRegistry,
  ) {}

  findByIds(ids: readonly string[], scope: RegistryScope = { kind: 'all' }): Promise<ReferralEntity[]> {
    return this.registry.referrals.findByIds(ids, scope);
  }

  findByParticipantIds(participantIds: readonly string[], scope: RegistryScope = { kind: 'all' }): Promise<ReferralEntity[]> {
    return this.registry.referrals.findByParticipantIds(participantIds, scope);
  }

  async refer(command: ReferParticipantCommand): Promise<ReferralEntity> {
    if (command.providerId) this.providers.require(command.providerId);
    return this.registry.transaction(async (registry) => {
      const participant = await requireParticipant(registry, command.participantId);
      if (participant.exitedOn)
        throw new ConflictError(`Participant ${participant.id} exited on ${participant.exitedOn}; exited participants cannot be referred.`);
      if (participant.erasedOn) throw new ConflictError(`Participant ${participant.id} was erased.`);
      requireNotBefore(command.referredOn, participant.enteredOn, 'referredOn', 'the participant’s enteredOn');
      if (command.referredOn > PROGRAMME_END)
        throw new ValidationError(`referredOn must not be after the programme ended (${PROGRAMME_END}).`, 'referredOn');
      const open = await registry.referrals.findOpenToModule(participant.id, command.module);
      if (open) throw new ConflictError(`Participant ${participant.id} already has an open referral (${open.id}) to ${command.module}.`);
      const providerId =
        command.providerId ?? this.municipalities.defaultProvider(this.municipalities.require(participant.municipalityId)).id;
      const number = await registry.referrals.takeNumber();
      return registry.referrals.insert({
        id: formatId('REF', number, ID_WIDTH),
        number,
        participantId: participant.id,
        providerId,
        module: command.module,
        referredOn: command.referredOn,
        startedOn: null,
        endedOn: null,
        status: ReferralStatus.REFERRED,
      });
    });
  }

  async changeStatus(command: ChangeReferralStatusCommand): Promise<ReferralEntity> {
    return this.registry.transaction(async (registry) => {
      const referral = await registry.referrals.findById(command.referralId);
      if (!referral) throw new NotFoundError('Referral', command.referralId);
      const current = referral.status as ReferralStatus;
      if (!NEXT_STATUS[current].includes(command.status)) {
        throw new ConflictError(`Referral ${referral.id} is ${current}; it cannot become ${command.status}.`);
      }
      if (command.on > todayIso()) throw new ValidationError('"on" must not be in the future.', 'on');
      if (command.status === ReferralStatus.ACTIVE) {
        requireNotBefore(command.on, referral.referredOn, 'on', 'referredOn');
        referral.startedOn = command.on;
      } else {
        requireNotBefore(command.on, referral.startedOn ?? referral.referredOn, 'on', referral.startedOn ? 'startedOn' : 'referredOn');
        referral.endedOn = command.on;
      }
      referral.status = command.status;
      await registry.referrals.save(referral);
      return referral;
    });
  }

  /** Inserts seed rows within the seed's transaction (`registry`): a seed loads an organisation's whole part or nothing. */
  async importMany(rows: Array<Omit<ReferralEntity, 'number'>>, registry: RegistryRepositories): Promise<void> {
    await registry.referrals.insertMany(rows.map((row) => ({ ...row, number: Number(row.id.replace(/^REF-/, '')) })));
  }
}
