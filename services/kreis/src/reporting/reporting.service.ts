import type { MunicipalityService } from '../municipality/municipality.service';
import type { ParticipantEntity } from '../participant/participant.entity';
import { type CoarseClass, coarsen, type QuasiIdentifiers, SuppressionPlan } from './quasi-identifiers';
import type { CoarseClassRow, ReportingRepository } from './reporting.repository';

/**
 * The analysts' row-level view: which coarse values each analyst-visible person is
 * released with. Computed at read time, once per request, over everyone with an
 * active REPORTING consent, so a new registration, exit or withdrawn consent counts
 * on the next request.
 */
export class ReportingService {
  /** The last plan and the aggregate it was made from: a plan is a pure function of the aggregate, which runs on every request. */
  private last: { fingerprint: string; plan: SuppressionPlan } | undefined;

  constructor(
    private readonly repository: ReportingRepository,
    private readonly municipalities: MunicipalityService,
  ) {}

  /** A participant's coarse values, before suppression. */
  coarsen(participant: ParticipantEntity): QuasiIdentifiers {
    return coarsen({ ...participant, bank: this.municipalities.get(participant.municipalityId)!.bank });
  }

  /** The plan for the data as they are now; made again only when the aggregate differs from the last one. */
  async plan(): Promise<SuppressionPlan> {
    const rows = await this.repository.coarseClasses();
    const fingerprint = rows.map((row) => Object.values(row).join('|')).join('\n');
    if (this.last?.fingerprint !== fingerprint) this.last = { fingerprint, plan: new SuppressionPlan(rows.map(toClass)) };
    return this.last.plan;
  }
}

function toClass(row: CoarseClassRow): CoarseClass {
  return {
    values: {
      ageGroup: row.age_group,
      gender: row.gender,
      residenceStatus: row.residence_status,
      bank: row.bank,
      entryQuarter: `${row.entry_year}-Q${Number(row.entry_q)}`,
      exitQuarter: row.exit_year === null ? null : `${row.exit_year}-Q${Number(row.exit_q)}`,
      exitReason: row.exit_reason,
    },
    count: Number(row.n),
  };
}
