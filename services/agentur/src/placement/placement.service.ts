import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { ConflictError, formatId, insertInChunks, inTransaction, keysetPage, nextNumber, NotFoundError, type Page, purgeErasedValues, requireNotBefore, requireText, todayIso, ValidationError, withNumberRetry } from '@durchstarten/kit';
import { ERASED } from '@durchstarten/contracts';
import { PlacementEntity } from './placement.entity';
import type { PlacementFilter, RecordPlacementInput } from './placement.type';

/** Placement rules: dates in order, known kinds and offices (enums), KldB codes of 5 digits (input validation). */
export class PlacementService {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(ids: readonly string[]): Promise<PlacementEntity[]> {
    return this.dataSource.getRepository(PlacementEntity).findBy({ id: In([...ids]) });
  }

  findByParticipantIds(participantIds: readonly string[]): Promise<PlacementEntity[]> {
    return this.dataSource
      .getRepository(PlacementEntity)
      .find({ where: { participantId: In([...participantIds]) }, order: { number: 'ASC' } });
  }

  async record(input: RecordPlacementInput): Promise<PlacementEntity> {
    requireNotBefore(input.endsOn, input.startsOn, 'endsOn', 'startsOn');
    if (input.startsOn > addYears(todayIso(), 1)) throw new ValidationError('startsOn lies more than a year ahead.', 'startsOn');
    return withNumberRetry(() =>
      inTransaction(this.dataSource, async (manager) => {
        const number = await nextNumber(manager, PlacementEntity);
        const placement = manager.create(PlacementEntity, {
          id: formatId('PL', number, 5),
          number,
          participantId: input.participantId,
          kind: input.kind,
          office: input.office,
          employerName: requireText(input.employerName, 'employerName'),
          kldbCode: input.kldbCode,
          occupationTitle: requireText(input.occupationTitle, 'occupationTitle'),
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
        });
        await manager.insert(PlacementEntity, placement);
        return placement;
      }),
    );
  }

  async end(placementId: string, endsOn: string): Promise<PlacementEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const placement = await manager.findOneBy(PlacementEntity, { id: placementId });
      if (!placement) throw new NotFoundError('Placement', placementId);
      if (placement.endsOn) throw new ConflictError(`Placement ${placementId} already ends on ${placement.endsOn}.`);
      requireNotBefore(endsOn, placement.startsOn, 'endsOn', 'startsOn');
      placement.endsOn = endsOn;
      await manager.save(PlacementEntity, placement);
      return placement;
    });
  }

  async list(filter: PlacementFilter, first?: number | null, after?: string | null): Promise<Page<PlacementEntity>> {
    if (filter.startsFrom && filter.startsTo) requireNotBefore(filter.startsTo, filter.startsFrom, 'filter.startsTo', 'filter.startsFrom');
    const query = this.dataSource.getRepository(PlacementEntity).createQueryBuilder('p');
    if (filter.participantId) query.andWhere('p.participant_id = :participantId', { participantId: filter.participantId });
    if (filter.kind) query.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter.office) query.andWhere('p.office = :office', { office: filter.office });
    if (filter.startsFrom) query.andWhere('p.starts_on >= :startsFrom', { startsFrom: filter.startsFrom });
    if (filter.startsTo) query.andWhere('p.starts_on <= :startsTo', { startsTo: filter.startsTo });
    return keysetPage(query, { column: 'p.number', keyOf: (row) => row.number, numericKey: true, first, after });
  }

  /** Removes the employer, which identifies the person, from their placements; the rows stay for the counts. Idempotent. */
  async eraseParticipant(participantId: string): Promise<string[]> {
    const result = await inTransaction(this.dataSource, (manager) =>
      manager.update(PlacementEntity, { participantId, employerName: Not(ERASED) }, { employerName: ERASED }),
    );
    if (!result.affected) return [];
    await purgeErasedValues(this.dataSource);
    return [`placements.employerName: ${result.affected}`];
  }

  /** Inserts seed rows inside the caller's transaction: a seed loads an organisation's whole part or nothing. */
  async importMany(rows: Array<Omit<PlacementEntity, 'number'>>, manager: EntityManager): Promise<void> {
    const entities = rows.map((row) => ({ ...row, number: Number(row.id.replace(/^PL-/, '')) }));
    await insertInChunks(manager, PlacementEntity, entities, 11);
  }
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}
