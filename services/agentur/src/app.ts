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
import { createAgenturContext, type AgenturServices } from './context';
import { InitialPlacements1764000000000 } from './migrations/1764000000000-initial-placements';
import { PlacementEntity } from './placement/placement.entity';
import { PlacementService } from './placement/placement.service';
import { buildAgenturSchema } from './schema';
import { AgenturStatisticsRepository } from './statistics/statistics.repository';

export const AGENTUR_ENTITIES = [PlacementEntity, AuditEntryEntity];
export const AGENTUR_MIGRATIONS = [InitialPlacements1764000000000, AuditLog1764100000000];

export interface AgenturDeps {
  databaseUrl: string;
  logger?: Logger;
  poolSize?: number;
  bodyLimit?: string;
  /** Secrets of the callers this subgraph accepts (CALLER_SECRET_<NAME>), the gateway at least. */
  callerSecrets: Record<string, string>;
}

export interface AgenturApp extends SubgraphApp {
  services: AgenturServices;
}

/** Opens agentur's database (migrating it) and its services, without any GraphQL: for the app and the seed. */
export async function openAgentur(
  deps: Omit<AgenturDeps, 'bodyLimit' | 'callerSecrets'>,
): Promise<{ database: Database; services: AgenturServices }> {
  const logger = deps.logger ?? createLogger('agentur');
  const database = await openDatabase({
    url: deps.databaseUrl,
    entities: AGENTUR_ENTITIES,
    migrations: AGENTUR_MIGRATIONS,
    poolSize: deps.poolSize,
    logger,
  });
  return {
    database,
    services: { placements: new PlacementService(database.dataSource), statistics: new AgenturStatisticsRepository(database.dataSource) },
  };
}

/** Builds the agentur subgraph without listening. */
export async function createApp(deps: AgenturDeps): Promise<AgenturApp> {
  const logger = deps.logger ?? createLogger('agentur');
  const { database, services } = await openAgentur({ ...deps, logger });
  const schema = await buildAgenturSchema();
  const app = await createSubgraphApp({
    name: 'agentur',
    schema,
    database,
    logger,
    bodyLimit: deps.bodyLimit,
    callerSecrets: deps.callerSecrets,
    // kreis may only ask for agentur's statistics contribution.
    mayRun: contributorAccess.mayRun('agentur'),
    createContext: (req) => createAgenturContext(services, contributorAccess.viewerOf(req.verifiedCall), database.dataSource),
  });
  return Object.assign(app, { services });
}
