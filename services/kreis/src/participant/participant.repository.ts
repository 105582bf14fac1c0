import { Brackets, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { insertNumberedRows, keysetPage, type Page, takeNumber } from '@durchstarten/kit';
import type { RegistryScope } from '../access';
import type { ParticipantCriteria } from './participant.commands';
import { ParticipantEntity } from './participant.entity';
import { ParticipationStatus } from './participant.enums';
import { whereInScope } from './registry-scope';

/** Columns per row: how many rows one bulk insert may bind (see insertInChunks). */
const PARTICIPANT_COLUMNS = 13;

/** The participant table, over one connection or within one transaction (`manager`). */
export class ParticipantRepository {
  constructor(private readonly manager: EntityManager) {}

  findByIds(ids: readonly string[], scope: RegistryScope): Promise<ParticipantEntity[]> {
    const query = this.manager
      .getRepository(ParticipantEntity)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids: [...ids] });
    return whereInScope(query, 'p.id', scope).getMany();
  }

  findById(id: string): Promise<ParticipantEntity | null> {
    return this.manager.findOneBy(ParticipantEntity, { id });
  }

  /** One page in registration order of the participants matching `criteria` that `scope` admits. */
  page(
    criteria: ParticipantCriteria,
    scope: RegistryScope,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<ParticipantEntity>> {
    const query = whereParticipantMatches(this.manager.getRepository(ParticipantEntity).createQueryBuilder('p'), criteria, scope);
    return keysetPage(whereInScope(query, 'p.id', scope), {
      column: 'p.number',
      keyOf: (row) => row.number,
      numericKey: true,
      first,
      after,
    });
  }

  /** The next running number, from the sequence; call inside the inserting transaction. */
  takeNumber(): Promise<number> {
    return takeNumber(this.manager, ParticipantEntity);
  }

  async insert(fields: ParticipantEntity): Promise<ParticipantEntity> {
    const participant = this.manager.create(ParticipantEntity, fields);
    await this.manager.insert(ParticipantEntity, participant);
    return participant;
  }

  async save(participant: ParticipantEntity): Promise<void> {
    await this.manager.save(ParticipantEntity, participant);
  }

  /** Overwrites the personal fields with NULL and dates the erasure. */
  async erasePersonalFields(id: string, erasedOn: string): Promise<void> {
    await this.manager.update(ParticipantEntity, { id }, { givenName: null, familyName: null, birthDate: null, erasedOn });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.manager.count(ParticipantEntity)) === 0;
  }

  /** Rows that bring their own numbers (a seed); the sequence then continues after the highest. */
  async insertMany(participants: ParticipantEntity[]): Promise<void> {
    await insertNumberedRows(this.manager, ParticipantEntity, participants, PARTICIPANT_COLUMNS);
  }
}

/** Narrows a query over participants (alias `p`) to those matching `criteria`; also used by the statistics' repository. */
export function whereParticipantMatches<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  criteria: ParticipantCriteria,
  scope: RegistryScope,
): SelectQueryBuilder<T> {
  if (criteria.municipalityId) query.andWhere('p.municipality_id = :municipalityId', { municipalityId: criteria.municipalityId });
  if (criteria.residenceStatus) query.andWhere('p.residence_status = :residenceStatus', { residenceStatus: criteria.residenceStatus });
  if (criteria.status === ParticipationStatus.ACTIVE) query.andWhere('p.exited_on IS NULL');
  if (criteria.status === ParticipationStatus.EXITED) query.andWhere('p.exited_on IS NOT NULL');
  if (criteria.enteredFrom) query.andWhere('p.entered_on >= :enteredFrom', { enteredFrom: criteria.enteredFrom });
  if (criteria.enteredTo) query.andWhere('p.entered_on <= :enteredTo', { enteredTo: criteria.enteredTo });
  if (criteria.providerId || criteria.module) {
    query.andWhere(
      new Brackets((where) => {
        const conditions = ['r.participant_id = p.id'];
        if (criteria.providerId) conditions.push('r.provider_id = :providerId');
        if (criteria.module) conditions.push('r.module = :module');
        // A provider's staff filter within the referrals they may see: their own provider's.
        if (scope.kind === 'provider') conditions.push('r.provider_id = :ownProvider');
        where.where(`EXISTS (SELECT 1 FROM referral r WHERE ${conditions.join(' AND ')})`, {
          providerId: criteria.providerId,
          module: criteria.module,
          ownProvider: scope.kind === 'provider' ? scope.providerId : undefined,
        });
      }),
    );
  }
  return query;
}
