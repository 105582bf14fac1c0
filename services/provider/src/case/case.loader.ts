import { byIdLoader } from '@durchstarten/kit';
import type { CaseService } from './case.service';

/** Per-request loader of this provider's cases, for `__resolveReference` and the desk. */
export function caseLoaders(cases: CaseService) {
  return {
    caseById: byIdLoader(
      (ids) => cases.findByIds(ids),
      (c) => c.id,
    ),
  };
}
