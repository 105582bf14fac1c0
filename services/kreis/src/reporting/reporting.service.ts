import type { DataSource } from 'typeorm';
import { whereInScope } from '../participant/registry-scope';
import type { MunicipalityService } from '../municipality/municipality.service';
import { ParticipantEntity } from '../participant/participant.entity';
import { AGE_GROUP_SQL, BANK_SQL, type CoarseClass, coarsen, type QuasiIdentifiers, SuppressionPlan } from './quasi-identifiers';

/** The quarter's number, as `quarterOf` counts it; a missing date stays NULL. */
const quarterSql = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL WHEN substr(${column}, 6, 2) <= '03' THEN 1 WHEN substr(${column}, 6, 2) <= '06' THEN 2 WHEN substr(${column}, 6, 2) <= '09' THEN 3 ELSE 4 END`;

interface ClassRow {
  age_group: string;
  gender: string;
  residence_status: string;
  bank: 'LEFT' | 'RIGHT';
  entry_year: string | number;
  entry_q: string | number;
  exit_year: string | number | null;
  exit_q: string | number | null;
  exit_reason: string | null;
  n: string | number;
}

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
    private readonly dataSource: DataSource,
    private readonly municipalities: MunicipalityService,
  ) {}

  /** A participant's coarse values, before suppression. */
  coarsen(participant: ParticipantEntity): QuasiIdentifiers {
    return coarsen({ ...participant, bank: this.municipalities.get(participant.municipalityId)!.bank });
  }

  /** The plan for the data as they are now; made again only when the aggregate differs from the last one. */
  async plan(): Promise<SuppressionPlan> {
    const rows = await this.aggregate();
    const fingerprint = rows.map((row) => Object.values(row).join('|')).join('\n');
    if (this.last?.fingerprint !== fingerprint) this.last = { fingerprint, plan: new SuppressionPlan(rows.map(toClass)) };
    return this.last.plan;
  }

  /** One SQL statement: how many analyst-visible people share each combination of coarse values. */
  private aggregate(): Promise<ClassRow[]> {
    const query = this.dataSource
      .getRepository(ParticipantEntity)
      .createQueryBuilder('p')
      .select(AGE_GROUP_SQL, 'age_group')
      .addSelect('p.gender', 'gender')
      .addSelect('p.residence_status', 'residence_status')
      .addSelect(BANK_SQL, 'bank')
      .addSelect('substr(p.entered_on, 1, 4)', 'entry_year')
      .addSelect(quarterSql('p.entered_on'), 'entry_q')
      .addSelect('substr(p.exited_on, 1, 4)', 'exit_year')
      .addSelect(quarterSql('p.exited_on'), 'exit_q')
      .addSelect('p.exit_reason', 'exit_reason')
      .addSelect('COUNT(*)', 'n')
      .groupBy('age_group')
      .addGroupBy('gender')
      .addGroupBy('residence_status')
      .addGroupBy('bank')
      .addGroupBy('entry_year')
      .addGroupBy('entry_q')
      .addGroupBy('exit_year')
      .addGroupBy('exit_q')
      .addGroupBy('exit_reason');
    return whereInScope(query, 'p.id', { kind: 'reporting' }).getRawMany<ClassRow>();
  }
}

function toClass(row: ClassRow): CoarseClass {
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
