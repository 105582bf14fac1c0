import {
  createLogger,
  createSubgraphApp,
  AuditEntryEntity,
  AuditLog1764100000000,
  type Database,
  type Logger,
  openDatabase,
  REFERRAL_LOOKUP_QUERY,
  type SubgraphApp,
  viewerOfCall,
  type Contributor,
} from '../../kit/src';
import { REFERRAL_LOOKUP_ROLE } from './access';
import { ConsentEntity } from './consent/consent.entity';
import { ConsentService } from './consent/consent.service';
import { createKreisContext, type KreisServices } from './context';
import { InitialRegistry1764000000000 } from './migrations/1764000000000-initial-registry';
import { RecordKeys1764200000000 } from './migrations/1764200000000-record-keys';
import { MunicipalityService } from './municipality/municipality.service';
import { ParticipantEntity } from './participant/participant.entity';
import { ParticipantService } from './participant/participant.service';
import { ProviderRegistry } from './provider/provider.registry';
import { ReferralEntity } from './referral/referral.entity';
import { ReferralService } from './referral/referral.service';
import { ReportingService } from './reporting/reporting.service';
import { buildKreisSchema } from './schema';
import { StatisticsRepository } from './statistics/statistics.repository';
import { StatisticsService } from './statistics/statistics.service';

export const KREIS_ENTITIES = [ParticipantEntity, ReferralEntity, ConsentEntity, AuditEntryEntity];
export const KREIS_MIGRATIONS = [InitialRegistry1764000000000, AuditLog1764100000000, RecordKeys1764200000000];

export interface KreisDeps {
  databaseUrl: string;
  registry: ProviderRegistry;
  logger?: Logger;
  poolSize?: number;
  bodyLimit?: string;
  /** Secrets of the callers this subgraph accepts (CALLER_SECRET_<NAME>), the gateway at least. */
  callerSecrets: Record<string, string>;
  /** Who contributes measures to the statistics (every provider and agentur); read when a statistics query runs. */
  contributors?: readonly Contributor[];
}

export interface KreisApp extends SubgraphApp {
  services: KreisServices;
}

/** Opens kreis's database (migrating it) and its services, without any GraphQL: for the app and the seed. */
export async function openKreis(
  deps: Pick<KreisDeps, 'databaseUrl' | 'registry' | 'logger' | 'poolSize' | 'contributors'>,
): Promise<{ database: Database; services: KreisServices }> {
  const logger = deps.logger ?? createLogger('kreis');
  const database = await openDatabase({
    url: deps.databaseUrl,
    entities: KREIS_ENTITIES,
    migrations: KREIS_MIGRATIONS,
    poolSize: deps.poolSize,
    logger,
  });
  const municipalities = new MunicipalityService(deps.registry);
  const participants = new ParticipantService(database.dataSource, municipalities, deps.registry);
  const services: KreisServices = {
    participants,
    referrals: new ReferralService(database.dataSource, municipalities, deps.registry),
    consents: new ConsentService(database.dataSource),
    municipalities,
    providers: deps.registry,
    statistics: new StatisticsService(new StatisticsRepository(database.dataSource), participants, deps.contributors ?? []),
    reporting: new ReportingService(database.dataSource, municipalities),
  };
  return { database, services };
}

/** Builds the kreis subgraph without listening; tests start it on a free port. */
export async function createApp(deps: KreisDeps): Promise<KreisApp> {
  const logger = deps.logger ?? createLogger('kreis');
  const { database, services } = await openKreis({ ...deps, logger });
  const schema = await buildKreisSchema(deps.registry);
  const app = await createSubgraphApp({
    name: 'kreis',
    schema,
    database,
    logger,
    bodyLimit: deps.bodyLimit,
    callerSecrets: deps.callerSecrets,
    // Providers may only ask whether a referral is theirs.
    mayRun: (_caller, body) => body.query === REFERRAL_LOOKUP_QUERY,
    // The gateway's callers are people; a provider calling directly is its referral look-up service.
    createContext: (req) => createKreisContext(services, viewerOfCall(req.verifiedCall, REFERRAL_LOOKUP_ROLE), database.dataSource),
  });
  return Object.assign(app, { services });
}
