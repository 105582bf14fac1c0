import { type DataSource, type EntityManager, In } from 'typeorm';
import { inTransaction, isInsertRace, keysetPage, type Page } from '@durchstarten/kit';
import { CaseEntity } from './case.entity';

/** Reads cases by id, alone or inside another domain's transaction. */
export interface CaseReader {
  findByIds(ids: readonly string[]): Promise<CaseEntity[]>;
}

export interface CaseListFilter {
  module?: string;
  open?: boolean;
}

/** Every statement on `provider_case`. */
export class CaseRepository implements CaseReader {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(ids: readonly string[]): Promise<CaseEntity[]> {
    return this.dataSource.getRepository(CaseEntity).findBy({ id: In([...ids]) });
  }

  page(filter: CaseListFilter, first?: number | null, after?: string | null): Promise<Page<CaseEntity>> {
    const query = this.dataSource.getRepository(CaseEntity).createQueryBuilder('c');
    if (filter.module) query.andWhere('c.module = :module', { module: filter.module });
    if (filter.open === true) query.andWhere('c.closed_on IS NULL');
    if (filter.open === false) query.andWhere('c.closed_on IS NOT NULL');
    return keysetPage(query, { column: 'c.id', keyOf: (row) => row.id, first, after });
  }

  /**
   * Inserts the case unless one of its id exists: false if it does, or if another
   * insert of the same id won the race and met the primary key.
   */
  async insertUnlessPresent(row: CaseEntity): Promise<boolean> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        if (await manager.findOneBy(CaseEntity, { id: row.id })) return false;
        await manager.insert(CaseEntity, row);
        return true;
      });
    } catch (error) {
      if (isInsertRace(error)) return false;
      throw error;
    }
  }

  /** Runs `work` in one transaction, reading and saving cases through it. */
  transaction<T>(work: (cases: CaseTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (manager) => work(new CaseTransaction(manager)));
  }
}

/** Cases inside a transaction, which another domain's repository may open too. */
export class CaseTransaction implements CaseReader {
  constructor(private readonly manager: EntityManager) {}

  findByIds(ids: readonly string[]): Promise<CaseEntity[]> {
    return this.manager.findBy(CaseEntity, { id: In([...ids]) });
  }

  async save(row: CaseEntity): Promise<void> {
    await this.manager.save(CaseEntity, row);
  }
}
