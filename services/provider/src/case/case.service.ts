import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type Page,
  requireNotBefore,
  todayIso,
  type TraceContext,
  ValidationError,
} from '@durchstarten/kit';
import type { ReferralDirectory } from '../kreis-directory';
import type { CaseEntity } from './case.entity';
import type { CaseListFilter, CaseReader, CaseRepository } from './case.repository';

/** A provider's cases: one per referral that kreis assigned to it, dated within the referral. */
export class CaseService {
  constructor(
    private readonly repository: CaseRepository,
    readonly providerId: string,
    private readonly directory: ReferralDirectory,
  ) {}

  findByIds(ids: readonly string[]): Promise<CaseEntity[]> {
    return this.repository.findByIds(ids);
  }

  /** The case, or an error saying this provider has none of that id (another provider's referral, say). */
  async requireOwn(caseId: string, reader: CaseReader, { open = false } = {}): Promise<CaseEntity> {
    return (await this.requireOwnMany([caseId], reader, { open })).get(caseId)!;
  }

  /** Like requireOwn for several cases, in one statement. */
  async requireOwnMany(caseIds: readonly string[], reader: CaseReader, { open = false } = {}): Promise<Map<string, CaseEntity>> {
    const unique = [...new Set(caseIds)];
    const byId = new Map((await reader.findByIds(unique)).map((row) => [row.id, row]));
    for (const id of unique) {
      const row = byId.get(id);
      if (!row) throw new NotFoundError(`Case of ${this.providerId}`, id);
      if (open && row.closedOn) throw new ConflictError(`Case ${id} was closed on ${row.closedOn}; records can no longer be added.`);
    }
    return byId;
  }

  /** Opens the case for a referral that kreis assigned to this provider, and to no other. */
  async open(referralId: string, openedOn: string, trace?: TraceContext): Promise<CaseEntity> {
    if (openedOn > todayIso()) throw new ValidationError('openedOn must not be in the future.', 'openedOn');
    const referral = await this.directory.lookup(referralId, trace);
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
    const opened: CaseEntity = {
      id: referral.id,
      participantId: referral.participantId,
      module: referral.module,
      openedOn,
      closedOn: null,
    };
    // Two staff opening the same case at once: only one insert succeeds, the other is told it is open.
    if (!(await this.repository.insertUnlessPresent(opened))) throw new ConflictError(`Case ${referralId} is already open.`);
    return opened;
  }

  async close(caseId: string, closedOn: string): Promise<CaseEntity> {
    return this.repository.transaction(async (cases) => {
      const providerCase = await this.requireOwn(caseId, cases, { open: true });
      requireNotBefore(closedOn, providerCase.openedOn, 'closedOn', 'openedOn');
      if (closedOn > todayIso()) throw new ValidationError('closedOn must not be in the future.', 'closedOn');
      providerCase.closedOn = closedOn;
      await cases.save(providerCase);
      return providerCase;
    });
  }

  list(filter: CaseListFilter, first?: number | null, after?: string | null): Promise<Page<CaseEntity>> {
    return this.repository.page(filter, first, after);
  }
}
