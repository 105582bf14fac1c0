import { groupingLoader } from '@durchstarten/kit';
import type { RecordsService } from './records.service';

/** Per-request loaders of a case's records: one statement per kind of record for a whole page of cases. */
export function recordsLoaders(records: RecordsService) {
  return {
    sessionsByCase: groupingLoader(
      (ids) => records.sessionsByCaseIds(ids),
      (r) => r.caseId,
    ),
    enrolmentsByCase: groupingLoader(
      (ids) => records.enrolmentsByCaseIds(ids),
      (r) => r.caseId,
    ),
    certificatesByCase: groupingLoader(
      (ids) => records.certificatesByCaseIds(ids),
      (r) => r.caseId,
    ),
    internshipsByCase: groupingLoader(
      (ids) => records.internshipsByCaseIds(ids),
      (r) => r.caseId,
    ),
  };
}
