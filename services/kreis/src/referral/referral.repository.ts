import { type EntityManager, In, LessThan } from 'typeorm';
import { insertNumberedRows, takeNumber } from '@durchstarten/kit';
import { ReferralStatus } from '@durchstarten/contracts';
import type { RegistryScope } from '../access';
import { whereInScope } from '../participant/registry-scope';
import { ReferralEntity } from './referral.entity';

/** Columns per row: how many rows one bulk insert may bind (see insertInChunks). */
const REFERRAL_COLUMNS = 9;
const OPEN_STATUSES = [ReferralStatus.REFERRED, ReferralStatus.ACTIVE];

/** The referral table, over one connection or within one transaction (`manager`). */
export class ReferralRepository {
  constructor(private readonly manager: EntityManager) {}

  findByIds(ids: readonly string[], scope: RegistryScope): Promise<ReferralEntity[]> {
    return this.scoped(scope)
      .andWhere('r.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  findByParticipantIds(participantIds: readonly string[], scope: RegistryScope): Promise<ReferralEntity[]> {
    return this.scoped(scope)
      .andWhere('r.participant_id IN (:...participantIds)', { participantIds: [...participantIds] })
      .orderBy('r.number', 'ASC')
      .getMany();
  }

  /** Referrals a viewer may see: a provider's staff only those to their own provider. */
  private scoped(scope: RegistryScope) {
    const query = whereInScope(this.manager.getRepository(ReferralEntity).createQueryBuilder('r'), 'r.participant_id', scope);
    return scope.kind === 'provider' ? query.andWhere('r.provider_id = :ownProvider', { ownProvider: scope.providerId }) : query;
  }

  findById(id: string): Promise<ReferralEntity | null> {
    return this.manager.findOneBy(ReferralEntity, { id });
  }

  /** The participant's referrals still REFERRED or ACTIVE. */
  findOpen(participantId: string): Promise<ReferralEntity[]> {
    return this.manager.findBy(ReferralEntity, { participantId, status: In(OPEN_STATUSES) });
  }

  /** The participant's open referral to `module`, if any: there is at most one. */
  findOpenToModule(participantId: string, module: string): Promise<ReferralEntity | null> {
    return this.manager.findOneBy(ReferralEntity, { participantId, module, status: In(OPEN_STATUSES) });
  }

  /** Any referral of the participant made before `date`. */
  findOneReferredBefore(participantId: string, date: string): Promise<ReferralEntity | null> {
    return this.manager.findOne(ReferralEntity, { where: { participantId, referredOn: LessThan(date) } });
  }

  /** Call inside the inserting transaction. */
  takeNumber(): Promise<number> {
    return takeNumber(this.manager, ReferralEntity);
  }

  async insert(fields: ReferralEntity): Promise<ReferralEntity> {
    const referral = this.manager.create(ReferralEntity, fields);
    await this.manager.insert(ReferralEntity, referral);
    return referral;
  }

  async save(referral: ReferralEntity): Promise<void> {
    await this.manager.save(ReferralEntity, referral);
  }

  /** Rows that bring their own numbers (a seed); the sequence then continues after the highest. */
  async insertMany(referrals: ReferralEntity[]): Promise<void> {
    await insertNumberedRows(this.manager, ReferralEntity, referrals, REFERRAL_COLUMNS);
  }
}
