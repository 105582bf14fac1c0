import { type DataSource, type EntityManager, In } from 'typeorm';
import { ConflictError, ForbiddenError, insertInChunks, inTransaction, isInsertRace, keysetPage, NotFoundError, type Page, requireNotBefore, todayIso, ValidationError } from '@durchstarten/kit';
import type { ReferralDirectory } from '../kreis-directory';
import { CaseEntity } from './case.entity';

export interface CaseListFilter {
  module?: string;
  open?: boolean;
}

export class CaseService {
  constructor(
    private readonly dataSource: DataSource,
    readonly providerId: string,
    private readonly directory: ReferralDirectory,
  ) {}

  findByIds(ids: readonly string[]): Promise<CaseEntity[]> {
    return this.dataSource.getRepository(CaseEntity).findBy({ id: In([...ids]) });
  }

  /** The case, or an error saying this provider has none of that id (another provider's referral, say). */
  async requireOwn(caseId: string, manager: EntityManager = this.dataSource.manager, { open = false } = {}): Promise<CaseEntity> {
    return (await this.requireOwnMany([caseId], manager, { open })).get(caseId)!;
  }

  /** Like requireOwn for several cases, in one statement. */
  async requireOwnMany(
    caseIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
    { open = false } = {},
  ): Promise<Map<string, CaseEntity>> {
    const unique = [...new Set(caseIds)];
    const byId = new Map((await manager.findBy(CaseEntity, { id: In(unique) })).map((row) => [row.id, row]));
    for (const id of unique) {
      const row = byId.get(id);
      if (!row) throw new NotFoundError(`Case of ${this.providerId}`, id);
      if (open && row.closedOn) throw new ConflictError(`Case ${id} was closed on ${row.closedOn}; records can no longer be added.`);
    }
    return byId;
  }

  /** Opens the case for a referral that kreis assigned to this provider, and to no other. */
  async open(referralId: string, openedOn: string): Promise<CaseEntity> {
    if (openedOn > todayIso()) throw new ValidationError('openedOn must not be in the future.', 'openedOn');
    const referral = await this.directory.lookup(referralId);
    if (!referral) throw new NotFoundError('Referral', referralId);
    if (referral.providerId !== this.providerId) {
      throw new ForbiddenError(
        `Referral ${referralId} is assigned to ${referral.providerId}; ${this.providerId} cannot open a case for it.`,
      );
    }
    if (referral.status === 'CANCELLED' || referral.status === 'COMPLETED') {
      throw new ConflictError(`Referral ${referralId} is ${referral.status.toLowerCase()}; a case can no longer be opened for it.`);
    }
    requireNotBefore(openedOn, referral.referredOn, 'openedOn', 'the referral’s referredOn');
    const alreadyOpen = new ConflictError(`Case ${referralId} is already open.`);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        if (await manager.findOneBy(CaseEntity, { id: referralId })) throw alreadyOpen;
        const opened = manager.create(CaseEntity, {
          id: referral.id,
          participantId: referral.participantId,
          module: referral.module,
          openedOn,
          closedOn: null,
        });
        await manager.insert(CaseEntity, opened);
        return opened;
      });
    } catch (error) {
      // Two staff opening the same case at once: the second insert meets the primary key.
      if (isInsertRace(error)) throw alreadyOpen;
      throw error;
    }
  }

  async close(caseId: string, closedOn: string): Promise<CaseEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const providerCase = await this.requireOwn(caseId, manager, { open: true });
      requireNotBefore(closedOn, providerCase.openedOn, 'closedOn', 'openedOn');
      if (closedOn > todayIso()) throw new ValidationError('closedOn must not be in the future.', 'closedOn');
      providerCase.closedOn = closedOn;
      await manager.save(CaseEntity, providerCase);
      return providerCase;
    });
  }

  async list(filter: CaseListFilter, first?: number | null, after?: string | null): Promise<Page<CaseEntity>> {
    const query = this.dataSource.getRepository(CaseEntity).createQueryBuilder('c');
    if (filter.module) query.andWhere('c.module = :module', { module: filter.module });
    if (filter.open === true) query.andWhere('c.closed_on IS NULL');
    if (filter.open === false) query.andWhere('c.closed_on IS NOT NULL');
    return keysetPage(query, { column: 'c.id', keyOf: (row) => row.id, first, after });
  }

  /** Inserts seed rows inside the caller's transaction: a seed loads an organisation's whole part or nothing. */
  async importMany(rows: CaseEntity[], manager: EntityManager): Promise<void> {
    await insertInChunks(manager, CaseEntity, rows, 5);
  }
}
