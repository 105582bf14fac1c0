import { type DefinedApp, defineSubgraph, type SubgraphDeps } from '@durchstarten/kit';
import { contributorAccess } from '@durchstarten/contracts';
import { caseLoaders } from './case/case.loader';
import { CaseEntity } from './case/case.entity';
import { CaseRepository } from './case/case.repository';
import { CaseService } from './case/case.service';
import type { ProviderLoaders, ProviderServices } from './context';
import { CourseEntity } from './course/course.entity';
import { CourseRepository } from './course/course.repository';
import { CourseService } from './course/course.service';
import { KreisReferralDirectory, type ReferralDirectory } from './kreis-directory';
import { InitialCases1764000000000 } from './migrations/1764000000000-initial-cases';
import { CertificateEntity, CoachingSessionEntity, EnrolmentEntity, InternshipEntity } from './records/records.entity';
import { recordsLoaders } from './records/records.loader';
import { RecordsRepository } from './records/records.repository';
import { RecordsService } from './records/records.service';
import { buildProviderSchema } from './schema';
import { loadProviderPart, type ProviderSeedPart } from './seed';
import { ProviderStatisticsRepository } from './statistics/statistics.repository';
import { ProviderStatisticsService } from './statistics/statistics.service';

export interface ProviderDeps extends SubgraphDeps {
  providerId: string;
  /** Where referrals are checked; defaults to the kreis subgraph at kreisUrl. */
  directory?: ReferralDirectory;
  kreisUrl?: string;
  /** Signs referral look-ups at kreis (kreis knows it as CALLER_SECRET_<PROVIDER>). */
  kreisCallerSecret?: string;
}

export type ProviderApp = DefinedApp<ProviderServices>;

/** One provider's subgraph; one code base for every provider of the registry. */
export const providerSubgraph = defineSubgraph<ProviderDeps, ProviderServices, ProviderLoaders, ProviderSeedPart>({
  name: (deps) => deps.providerId,
  entities: [CaseEntity, CourseEntity, CoachingSessionEntity, EnrolmentEntity, CertificateEntity, InternshipEntity],
  migrations: [InitialCases1764000000000],
  services: (database, deps) => {
    const directory =
      deps.directory ??
      new KreisReferralDirectory(deps.kreisUrl ?? 'http://127.0.0.1:4001/graphql', deps.providerId, deps.kreisCallerSecret ?? '');
    const { dataSource } = database;
    const cases = new CaseService(new CaseRepository(dataSource), deps.providerId, directory);
    return {
      providerId: deps.providerId,
      cases,
      courses: new CourseService(new CourseRepository(dataSource)),
      records: new RecordsService(new RecordsRepository(dataSource), cases),
      statistics: new ProviderStatisticsService(new ProviderStatisticsRepository(dataSource)),
    };
  },
  schema: (deps) => buildProviderSchema(deps.providerId),
  loaders: (services) => ({ ...caseLoaders(services.cases), ...recordsLoaders(services.records) }),
  // kreis may only ask for this provider's statistics contribution; the gateway's callers are people.
  mayRun: (deps) => contributorAccess.mayRun(deps.providerId),
  seed: loadProviderPart,
  viewerOf: contributorAccess.viewerOf,
});

export const openProvider = providerSubgraph.open;
export const createApp = providerSubgraph.createApp;
