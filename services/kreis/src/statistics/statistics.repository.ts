import type { DataSource } from 'typeorm';
import { Module } from '@durchstarten/contracts';
import { ParticipantEntity } from '../participant/participant.entity';
import { AGE_GROUP_SQL, BANK_SQL } from '../reporting/quasi-identifiers';
import type { ParticipantCriteria } from '../participant/participant.commands';
import { whereParticipantMatches } from '../participant/participant.repository';
import { StatisticsDimension } from './statistics.type';

/** A true count and the sum of its members' record keys: what the cell key method needs, nothing more. */
export interface RawCount {
  count: number;
  recordKeySum: bigint;
}

export interface RawCell {
  values: string[];
  participants: RawCount;
  measures: Record<string, RawCount>;
}

export interface Quarter {
  label: string;
  starts: string;
  ends: string;
}

export interface RawMonitoringQuarter {
  entries: RawCount;
  exits: RawCount;
  stock: RawCount;
  modules: Record<string, RawCount>;
}

/**
 * The statistics' SQL: every figure is a COUNT and a SUM of record keys in one
 * statement, whatever the number of cells, quarters or participants.
 */
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get sqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  private concat(...parts: string[]): string {
    return this.sqlite ? parts.join(' || ') : `CONCAT(${parts.join(', ')})`;
  }

  /** "2022-Q1" from a date column, the same on SQLite (text dates) and MySQL/MariaDB (DATE). */
  private quarterOf(column: string): string {
    const month = `SUBSTR(${column}, 6, 2)`;
    return this.concat(
      `SUBSTR(${column}, 1, 4)`,
      `'-Q'`,
      `CASE WHEN ${month} <= '03' THEN '1' WHEN ${month} <= '06' THEN '2' WHEN ${month} <= '09' THEN '3' ELSE '4' END`,
    );
  }

  private dimensionSql(dimension: StatisticsDimension): string {
    switch (dimension) {
      case StatisticsDimension.ENTRY_QUARTER:
        return this.quarterOf('p.entered_on');
      case StatisticsDimension.EXIT_QUARTER:
        return `COALESCE(${this.quarterOf('p.exited_on')}, 'NONE')`;
      case StatisticsDimension.MODULE:
        return 'g.module';
      case StatisticsDimension.PROVIDER:
        return 'g.provider_id';
      case StatisticsDimension.BANK:
        return BANK_SQL;
      case StatisticsDimension.MUNICIPALITY:
        return 'p.municipality_id';
      case StatisticsDimension.GENDER:
        return 'p.gender';
      case StatisticsDimension.AGE_GROUP:
        // The age reached in the entry year, as analysts' rows show it: the birth year survives erasure.
        return AGE_GROUP_SQL;
      case StatisticsDimension.RESIDENCE_STATUS:
        return 'p.residence_status';
      case StatisticsDimension.EXIT_REASON:
        return `COALESCE(p.exit_reason, 'NONE')`;
    }
  }

  /** `p.id IN (the ids of one JSON parameter)`: an IN-list subquery, which both databases index once per statement. */
  private inIdList(): string {
    return this.sqlite
      ? `p.id IN (SELECT value FROM json_each(?))`
      : `p.id IN (SELECT jt.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id VARCHAR(16) PATH '$')) jt)`;
  }

  /**
   * One row per combination of the dimensions' values that occurs among the
   * participants matching `filter`, with the count and record-key sum of the
   * participants and of each contributed measure (the ids holding it).
   */
  async cells(
    dimensions: readonly StatisticsDimension[],
    filter: ParticipantCriteria,
    measures: ReadonlyArray<{ name: string; participantIds: readonly string[] }>,
  ): Promise<RawCell[]> {
    const params: unknown[] = [];
    const inner = [
      ...dimensions.map((d, i) => `${this.dimensionSql(d)} AS g${i}`),
      'p.record_key AS record_key',
      ...measures.map((_, i) => `(CASE WHEN ${this.inIdList()} THEN 1 ELSE 0 END) AS m${i}`),
    ];
    params.push(...measures.map((m) => JSON.stringify(m.participantIds)));
    const referralColumns = [
      ...(dimensions.includes(StatisticsDimension.MODULE) ? ['module'] : []),
      ...(dimensions.includes(StatisticsDimension.PROVIDER) ? ['provider_id'] : []),
    ];
    // DISTINCT: a participant counts once per module or provider, however many referrals to it.
    const join = referralColumns.length
      ? `JOIN (SELECT DISTINCT participant_id, ${referralColumns.join(', ')} FROM referral) g ON g.participant_id = p.id`
      : '';
    let where = '';
    if (Object.values(filter).some((value) => value != null)) {
      const [matching, filterParams] = whereParticipantMatches(
        this.dataSource.createQueryBuilder().select('p.id').from(ParticipantEntity, 'p'),
        filter,
        { kind: 'all' },
      ).getQueryAndParameters();
      where = `WHERE p.id IN (${matching})`;
      params.push(...filterParams);
    }
    const groups = dimensions.map((_, i) => `x.g${i}`);
    const outer = [
      ...groups.map((g, i) => `${g} AS g${i}`),
      'COUNT(*) AS n',
      'SUM(x.record_key) AS k',
      ...measures.flatMap((_, i) => [`SUM(x.m${i}) AS n_m${i}`, `SUM(x.m${i} * x.record_key) AS k_m${i}`]),
    ];
    const sql = `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM participant p ${join} ${where}) x ${
      groups.length ? `GROUP BY ${groups.join(', ')}` : ''
    }`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(sql, params);
    return rows
      .filter((row) => Number(row.n) > 0)
      .map((row) => ({
        values: dimensions.map((_, i) => String(row[`g${i}`])),
        participants: rawCount(row.n, row.k),
        measures: Object.fromEntries(measures.map(({ name }, i) => [name, rawCount(row[`n_m${i}`], row[`k_m${i}`])])),
      }));
  }

  /** Entries, exits, stock and module stock for each quarter: two statements for any number of quarters or participants. */
  async monitoring(quarters: readonly Quarter[]): Promise<Map<string, RawMonitoringQuarter>> {
    // Counts and key sums add up, so one pass grouped by entry and exit quarter gives entries,
    // exits and stock of every quarter exactly (stock: entered by its end, not exited by then).
    const entryQuarter = this.quarterOf('p.entered_on');
    const exitQuarter = `COALESCE(${this.quarterOf('p.exited_on')}, 'NONE')`;
    const transitions: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${entryQuarter} AS entered, ${exitQuarter} AS exited, COUNT(*) AS n, SUM(p.record_key) AS k
         FROM participant p GROUP BY ${entryQuarter}, ${exitQuarter}`,
    );
    // One pass over the referrals: per person and module, whether any of their referrals of that module is
    // open at each quarter's end (so two open referrals count once), then per module the people in stock.
    const openAt = `r.started_on IS NOT NULL AND r.started_on <= ? AND (r.ended_on IS NULL OR r.ended_on > ?)`;
    const inStockAt = `p.entered_on <= ? AND (p.exited_on IS NULL OR p.exited_on > ?)`;
    const moduleRows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.module AS module, ${quarters
        .map(
          (_, i) =>
            `SUM(CASE WHEN a.q${i} = 1 AND ${inStockAt} THEN 1 ELSE 0 END) AS n${i}, SUM(CASE WHEN a.q${i} = 1 AND ${inStockAt} THEN p.record_key ELSE 0 END) AS k${i}`,
        )
        .join(', ')}
         FROM (SELECT r.participant_id AS participant_id, r.module AS module,
                      ${quarters.map((_, i) => `MAX(CASE WHEN ${openAt} THEN 1 ELSE 0 END) AS q${i}`).join(', ')}
                 FROM referral r GROUP BY r.participant_id, r.module) a
         JOIN participant p ON p.id = a.participant_id
        GROUP BY a.module`,
      // In the order the placeholders appear: the outer sums first, then the inner flags.
      [...quarters.flatMap((q) => [q.ends, q.ends, q.ends, q.ends]), ...quarters.flatMap((q) => [q.ends, q.ends])],
    );
    const none = (): RawCount => ({ count: 0, recordKeySum: 0n });
    const result = new Map<string, RawMonitoringQuarter>(
      quarters.map((q) => [
        q.label,
        { entries: none(), exits: none(), stock: none(), modules: Object.fromEntries(Object.values(Module).map((m) => [m, none()])) },
      ]),
    );
    const add = (total: RawCount, row: Record<string, unknown>) => {
      const part = rawCount(row.n, row.k);
      total.count += part.count;
      total.recordKeySum += part.recordKeySum;
    };
    // "2022-Q1" < "2022-Q2" < "2023-Q1" < "NONE" as strings: no exit sorts after every quarter.
    for (const [label, quarter] of result) {
      for (const row of transitions) {
        const entered = String(row.entered);
        const exited = String(row.exited);
        if (entered === label) add(quarter.entries, row);
        if (exited === label) add(quarter.exits, row);
        if (entered <= label && exited > label) add(quarter.stock, row);
      }
    }
    for (const row of moduleRows) {
      quarters.forEach((q, i) => (result.get(q.label)!.modules[String(row.module)] = rawCount(row[`n${i}`], row[`k${i}`])));
    }
    return result;
  }
}

/** SUM over no rows is NULL; MySQL returns DECIMAL sums as strings: both become exact numbers here. */
function rawCount(count: unknown, keySum: unknown): RawCount {
  return { count: Number(count ?? 0), recordKeySum: BigInt(String(keySum ?? 0).replace(/\.0*$/, '')) };
}
