import type { DataSource } from 'typeorm';
import { ParticipantEntity } from '../participant/participant.entity';
import { whereInScope } from '../participant/registry-scope';
import { AGE_GROUP_SQL, BANK_SQL } from './quasi-identifiers';

/** The quarter's number, as `quarterOf` counts it; a missing date stays NULL. */
const quarterSql = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL WHEN substr(${column}, 6, 2) <= '03' THEN 1 WHEN substr(${column}, 6, 2) <= '06' THEN 2 WHEN substr(${column}, 6, 2) <= '09' THEN 3 ELSE 4 END`;

/** How many analyst-visible people share one combination of coarse values, as the database spells it. */
export interface CoarseClassRow {
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

/** The analysts' view of the registry as the database counts it. */
export class ReportingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One SQL statement: how many analyst-visible people share each combination of coarse values. */
  coarseClasses(): Promise<CoarseClassRow[]> {
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
    return whereInScope(query, 'p.id', { kind: 'reporting' }).getRawMany<CoarseClassRow>();
  }
}
