import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { inTransaction, keysetPage, type Page, purgeErasedValues, takeNumber } from '@durchstarten/kit';
import { ERASED } from '@durchstarten/contracts';
import { PlacementEntity } from './placement.entity';

export interface PlacementQuery {
  participantId?: string;
  kind?: string;
  office?: string;
  startsFrom?: string;
  startsTo?: string;
}

/** Every statement on `placement`. */
export class PlacementRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(ids: readonly string[]): Promise<PlacementEntity[]> {
    return this.dataSource.getRepository(PlacementEntity).findBy({ id: In([...ids]) });
  }

  findByParticipantIds(participantIds: readonly string[]): Promise<PlacementEntity[]> {
    return this.dataSource
      .getRepository(PlacementEntity)
      .find({ where: { participantId: In([...participantIds]) }, order: { number: 'ASC' } });
  }

  page(filter: PlacementQuery, first?: number | null, after?: string | null): Promise<Page<PlacementEntity>> {
    const query = this.dataSource.getRepository(PlacementEntity).createQueryBuilder('p');
    if (filter.participantId) query.andWhere('p.participant_id = :participantId', { participantId: filter.participantId });
    if (filter.kind) query.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter.office) query.andWhere('p.office = :office', { office: filter.office });
    if (filter.startsFrom) query.andWhere('p.starts_on >= :startsFrom', { startsFrom: filter.startsFrom });
    if (filter.startsTo) query.andWhere('p.starts_on <= :startsTo', { startsTo: filter.startsTo });
    return keysetPage(query, { column: 'p.number', keyOf: (row) => row.number, numericKey: true, first, after });
  }

  /** Inserts the placement `build` makes from the next number of the placement sequence. */
  insertNumbered(build: (number: number) => PlacementEntity): Promise<PlacementEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const placement = build(await takeNumber(manager, PlacementEntity));
      await manager.insert(PlacementEntity, placement);
      return placement;
    });
  }

  /** Runs `work` in one transaction, reading and saving placements through it. */
  transaction<T>(work: (placements: PlacementTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (manager) => work(new PlacementTransaction(manager)));
  }

  /** Overwrites the employer on the participant's placements not erased yet; how many it changed. */
  async eraseEmployers(participantId: string): Promise<number> {
    const result = await inTransaction(this.dataSource, (manager) =>
      manager.update(PlacementEntity, { participantId, employerName: Not(ERASED) }, { employerName: ERASED }),
    );
    return result.affected ?? 0;
  }

  /** So that erased values survive nowhere in the database's files (see kit's purgeErasedValues). */
  purgeErasedValues(): Promise<void> {
    return purgeErasedValues(this.dataSource);
  }
}

/** Placements inside one transaction. */
export class PlacementTransaction {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<PlacementEntity | null> {
    return this.manager.findOneBy(PlacementEntity, { id });
  }

  async save(row: PlacementEntity): Promise<void> {
    await this.manager.save(PlacementEntity, row);
  }
}
