import type { DataSource } from 'typeorm';
import { CertificateKind, ExamResult, type PROVIDER_MEASURES } from '@durchstarten/contracts';

/** A participant with an outcome the graph's statistics count. */
export interface OutcomeRow {
  measure: (typeof PROVIDER_MEASURES)[number];
  participantId: string;
}

/** The statement behind the provider's statistics contribution. */
export class ProviderStatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Who has which outcome, one statement for both measures. */
  async outcomes(): Promise<OutcomeRow[]> {
    const rows: Array<{ measure: OutcomeRow['measure']; participant_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT 'INTERNSHIP' AS measure, c.participant_id AS participant_id
         FROM internship i JOIN provider_case c ON c.id = i.case_id
       UNION
       SELECT DISTINCT 'LANGUAGE_EXAM_PASSED' AS measure, c.participant_id AS participant_id
         FROM certificate e JOIN provider_case c ON c.id = e.case_id
        WHERE e.kind = ? AND e.result = ?`,
      [CertificateKind.LANGUAGE_EXAM, ExamResult.PASSED],
    );
    return rows.map((row) => ({ measure: row.measure, participantId: row.participant_id }));
  }
}
