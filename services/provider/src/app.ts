import {
  AuditEntryEntity,
  AuditLog1764100000000,
  createLogger,
  createSubgraphApp,
  type Database,
  type Logger,
  openDatabase,
  contributorAccess,
  type SubgraphApp,
} from '../../kit/src';
import { CaseEntity } from './case/case.entity';
import { CaseService } from './case/case.service';
import { createProviderContext, type ProviderServices } from './context';
import { CourseEntity } from './course/course.entity';
import { CourseService } from './course/course.service';
import { KreisReferralDirectory, type ReferralDirectory } from './kreis-directory';
import { InitialCases1764000000000 } from './migrations/1764000000000-initial-cases';
import { CertificateEntity, CoachingSessionEntity, EnrolmentEntity, InternshipEntity } from './records/records.entity';
import { RecordsService } from './records/records.service';
import { buildProviderSchema } from './schema';
import { ProviderStatisticsRepository } from './statistics/statistics.repository';

export const PROVIDER_ENTITIES = [
  CaseEntity,
  CourseEntity,
  CoachingSessionEntity,
  EnrolmentEntity,
  CertificateEntity,
  InternshipEntity,
  AuditEntryEntity,
];
export const PROVIDER_MIGRATIONS = [InitialCases1764000000000, AuditLog1764100000000];

export interface ProviderDeps {
  providerId: string;
  databaseUrl: string;
  /** Where referrals are checked; defaults to the kreis subgraph at kreisUrl. */
  directory?: ReferralDirectory;
  kreisUrl?: string;
  /** Signs referral look-ups at kreis (kreis knows it as CALLER_SECRET_<PROVIDER>). */
  kreisCallerSecret?: string;
  logger?: Logger;
  poolSize?: number;
  bodyLimit?: string;
  /** Secrets of the callers this subgraph accepts (CALLER_SECRET_<NAME>), the gateway at least. */
  callerSecrets: Record<string, string>;
}

export interface ProviderApp extends SubgraphApp {
  services: ProviderServices;
}

/** Opens one provider's database (migrating it) and its services, without any GraphQL: for the app and the seed. */
export async function openProvider(
  deps: Omit<ProviderDeps, 'bodyLimit' | 'callerSecrets'>,
): Promise<{ database: Database; services: ProviderServices }> {
  const logger = deps.logger ?? createLogger(deps.providerId);
  const database = await openDatabase({
    url: deps.databaseUrl,
    entities: PROVIDER_ENTITIES,
    migrations: PROVIDER_MIGRATIONS,
    poolSize: deps.poolSize,
    logger,
  });
  const directory =
    deps.directory ??
    new KreisReferralDirectory(deps.kreisUrl ?? 'http://127.0.0.1:4001/graphql', deps.providerId, deps.kreisCallerSecret ?? '');
  const cases = new CaseService(database.dataSource, deps.providerId, directory);
  const services: ProviderServices = {
    providerId: deps.providerId,
    cases,
    courses: new CourseService(database.dataSource),
    records: new RecordsService(database.dataSource, cases),
    statistics: new ProviderStatisticsRepository(database.dataSource),
  };
  return { database, services };
}

/** Builds one provider's subgraph without listening. */
export async function createApp(deps: ProviderDeps): Promise<ProviderApp> {
  const logger = deps.logger ?? createLogger(deps.providerId);
  const { database, services } = await openProvider({ ...deps, logger });
  const schema = await buildProviderSchema(deps.providerId);
  const app = await createSubgraphApp({
    name: deps.providerId,
    schema,
    database,
    logger,
    bodyLimit: deps.bodyLimit,
    callerSecrets: deps.callerSecrets,
    // kreis may only ask for this provider's statistics contribution.
    mayRun: contributorAccess.mayRun(deps.providerId),
    createContext: (req) => createProviderContext(services, contributorAccess.viewerOf(req.verifiedCall), database.dataSource),
  });
  return Object.assign(app, { services });
}
