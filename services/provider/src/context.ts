import { type SubgraphContext } from '@durchstarten/kit';
import { type ContributionSource } from '@durchstarten/contracts';
import type { caseLoaders } from './case/case.loader';
import type { CaseService } from './case/case.service';
import type { CourseService } from './course/course.service';
import type { recordsLoaders } from './records/records.loader';
import type { RecordsService } from './records/records.service';

export interface ProviderServices {
  providerId: string;
  cases: CaseService;
  courses: CourseService;
  records: RecordsService;
  statistics: ContributionSource;
}

export type ProviderLoaders = ReturnType<typeof caseLoaders> & ReturnType<typeof recordsLoaders>;

export type ProviderContext = SubgraphContext<ProviderServices, ProviderLoaders>;
