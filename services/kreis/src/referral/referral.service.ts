import { type DataSource, type EntityManager, In } from 'typeorm';
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
import { type Module, type ProviderRegistry, ReferralStatus } from '@durchstarten/contracts';
import { type RegistryScope } from '../access';
import { whereInScope } from '../participant/registry-scope';
import type { MunicipalityService } from '../municipality/municipality.service';
import { PROGRAMME_END } from '../programme';
import { ParticipantEntity } from '../participant/participant.entity';
import { ReferralEntity } from './referral.entity';
import type { ChangeReferralStatusCommand, ReferParticipantCommand } from './referral.commands';

const ID_WIDTH = 5;

/** Which status may follow which; the date of the change sets startedOn or endedOn. */
const NEXT_STATUS: Record<ReferralStatus, ReferralStatus[]> = {
  [ReferralStatus.REFERRED]: [ReferralStatus.ACTIVE, ReferralStatus.CANCELLED],
  [ReferralStatus.ACTIVE]: [ReferralStatus.COMPLETED, ReferralStatus.CANCELLED],
  [ReferralStatus.COMPLETED]: [],
  [ReferralStatus.CANCELLED]: [],
};

export class ReferralService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly municipalities: MunicipalityService,
    private readonly providers: ProviderRegistry,
  ) {}

  findByIds(ids: readonly string[], scope: RegistryScope = { kind: 'all' }): Promise<ReferralEntity[]> {
    return this.scoped(scope)
      .andWhere('r.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  findByParticipantIds(participantIds: readonly string[], scope: RegistryScope = { kind: 'all' }): Promise<ReferralEntity[]> {
    return this.scoped(scope)
      .andWhere('r.participant_id IN (:...participantIds)', { participantIds: [...participantIds] })
      .orderBy('r.number', 'ASC')
      .getMany();
  }

  /** Referrals a viewer may see: a provider's staff only those to their own provider. */
  private scoped(scope: RegistryScope) {
    const query = whereInScope(this.dataSource.getRepository(ReferralEntity).createQueryBuilder('r'), 'r.participant_id', scope);
    return scope.kind === 'provider' ? query.andWhere('r.provider_id = :ownProvider', { ownProvider: scope.providerId }) : query;
  }

  async refer(input: ReferParticipantCommand): Promise<ReferralEntity> {
    if (input.providerId) this.providers.require(input.providerId);
    return withNumberRetry(() =>
      inTransaction(this.dataSource, async (manager) => {
        const participant = await manager.findOneBy(ParticipantEntity, { id: input.participantId });
        if (!participant) throw new NotFoundError('Participant', input.participantId);
        if (participant.exitedOn)
          throw new ConflictError(
            `Participant ${participant.id} exited on ${participant.exitedOn}; exited participants cannot be referred.`,
          );
        if (participant.erasedOn) throw new ConflictError(`Participant ${participant.id} was erased.`);
        requireNotBefore(input.referredOn, participant.enteredOn, 'referredOn', 'the participant’s enteredOn');
        if (input.referredOn > PROGRAMME_END)
          throw new ValidationError(`referredOn must not be after the programme ended (${PROGRAMME_END}).`, 'referredOn');
        const open = await manager.findOneBy(ReferralEntity, {
          participantId: participant.id,
          module: input.module,
          status: In([ReferralStatus.REFERRED, ReferralStatus.ACTIVE]),
        });
        if (open) throw new ConflictError(`Participant ${participant.id} already has an open referral (${open.id}) to ${input.module}.`);
        const providerId =
          input.providerId ?? this.municipalities.defaultProvider(this.municipalities.require(participant.municipalityId)).id;
        const number = await nextNumber(manager, ReferralEntity);
        const referral = manager.create(ReferralEntity, {
          id: formatId('REF', number, ID_WIDTH),
          number,
          participantId: participant.id,
          providerId,
          module: input.module as Module,
          referredOn: input.referredOn,
          startedOn: null,
          endedOn: null,
          status: ReferralStatus.REFERRED,
        });
        await manager.insert(ReferralEntity, referral);
        return referral;
      }),
    );
  }

  async changeStatus(input: ChangeReferralStatusCommand): Promise<ReferralEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const referral = await manager.findOneBy(ReferralEntity, { id: input.referralId });
      if (!referral) throw new NotFoundError('Referral', input.referralId);
      const current = referral.status as ReferralStatus;
      if (!NEXT_STATUS[current].includes(input.status)) {
        throw new ConflictError(`Referral ${referral.id} is ${current}; it cannot become ${input.status}.`);
      }
      if (input.on > todayIso()) throw new ValidationError('"on" must not be in the future.', 'on');
      if (input.status === ReferralStatus.ACTIVE) {
        requireNotBefore(input.on, referral.referredOn, 'on', 'referredOn');
        referral.startedOn = input.on;
      } else {
        requireNotBefore(input.on, referral.startedOn ?? referral.referredOn, 'on', referral.startedOn ? 'startedOn' : 'referredOn');
        referral.endedOn = input.on;
      }
      referral.status = input.status;
      await manager.save(ReferralEntity, referral);
      return referral;
    });
  }

  /** Inserts seed rows inside the caller's transaction: a seed loads an organisation's whole part or nothing. */
  async importMany(rows: Array<Omit<ReferralEntity, 'number'>>, manager: EntityManager): Promise<void> {
    const entities = rows.map((row) => ({ ...row, number: Number(row.id.replace(/^REF-/, '')) }));
    await insertInChunks(manager, ReferralEntity, entities, 9);
  }
}
