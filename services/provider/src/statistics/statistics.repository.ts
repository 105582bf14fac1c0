import type { DataSource } from 'typeorm';
import { CertificateKind, type Contribution, type ContributionSource, ExamResult } from '@durchstarten/contracts';

/** The provider's part of the graph's statistics: who has which outcome, one statement for both measures. */
export class ProviderStatisticsRepository implements ContributionSource {
  constructor(private readonly dataSource: DataSource) {}

  async contribution(): Promise<Contribution> {
    const rows: Array<{ measure: string; participant_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT 'INTERNSHIP' AS measure, c.participant_id AS participant_id
         FROM internship i JOIN provider_case c ON c.id = i.case_id
       UNION
       SELECT DISTINCT 'LANGUAGE_EXAM_PASSED' AS measure, c.participant_id AS participant_id
         FROM certificate e JOIN provider_case c ON c.id = e.case_id
        WHERE e.kind = ? AND e.result = ?`,
      [CertificateKind.LANGUAGE_EXAM, ExamResult.PASSED],
    );
    const contribution: Contribution = { INTERNSHIP: [], LANGUAGE_EXAM_PASSED: [] };
    for (const row of rows) contribution[row.measure].push(row.participant_id);
    return contribution;
  }
}
