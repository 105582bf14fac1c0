import type { GraphQLSchema } from 'graphql';
import { AuditEntryEntity } from './audit/audit.entity';
import { AuditLog1764100000000 } from './audit/audit.migration';
import { AuditTrail } from './audit/audit';
import { AuditLogRepository } from './audit/audit.repository';
import { ReplayNonceEntity } from './replay/replay.entity';
import { ReplayNonce1764400000000 } from './replay/replay.migration';
import { openReplayStore } from './replay/open';
import type { Viewer } from './authorization';
import { CALLER_SECRET_PREFIX, metricsPortFrom, secretsByName } from './config';
import { openDatabase, type Database } from './db';
import { createLogger, type Logger } from './logger';
import { createSubgraphApp, runService, type SubgraphApp } from './server';
import type { VerifiedCall } from './signing';
import type { RequestTrace } from './tracing';

/** What every subgraph is given, whatever it serves. */
export interface SubgraphDeps {
  databaseUrl: string;
  logger?: Logger;
  poolSize?: number;
  bodyLimit?: string;
  /** Secrets of the callers this subgraph accepts (CALLER_SECRET_<NAME>), the gateway at least. */
  callerSecrets: Record<string, string>;
  /** Where GET /metrics is served once listening (0: a free port); none when not given. */
  metricsPort?: number;
  /** REPLAY_STORE_URL: Redis shared by the replicas; unset, the subgraph's own database remembers the nonces. */
  replayStoreUrl?: string;
}

/** One request's context, the same shape in every subgraph: its services, fresh loaders, the viewer and the audit trail. */
export interface SubgraphContext<Services, Loaders> {
  services: Services;
  loaders: Loaders;
  viewer: Viewer | null;
  /** Reads of personal data in this request, written to the audit log when it ends. */
  audit: AuditTrail;
  /** The audit log, for the DPO's `<org>AuditLog`. */
  auditLog: AuditLogRepository;
  /** This request's trace (set by the server): the log line's, and the one calls to other subgraphs join. */
  trace?: RequestTrace;
}

/**
 * Everything that is a subgraph's own: its name, tables, migrations, services,
 * schema, per-request loaders and its part of the synthetic world. The kit adds what every subgraph shares: the
 * audit log's table and migration, the database, the server with signing and
 * error masking, and the per-request context.
 */
export interface SubgraphDefinition<Deps extends SubgraphDeps, Services, Loaders, SeedPart = never> {
  name: (deps: Deps) => string;
  entities: Function[];
  migrations: Function[];
  services: (database: Database, deps: Deps) => Services;
  schema: (deps: Deps) => Promise<GraphQLSchema>;
  /** Fresh DataLoaders for one request, limited to what the viewer may see. */
  loaders: (services: Services, viewer: Viewer | null) => Loaders;
  /** Who a verified call is for: the gateway's forwarded person, or a calling service's identity. */
  viewerOf: (call: VerifiedCall | undefined) => Viewer | null;
  /** What a caller other than the gateway may run (one document each); nothing unless given. */
  mayRun?: (deps: Deps) => (caller: string, body: { query?: unknown }) => boolean;
  /** Loads this organisation's part of a synthetic world, all or nothing; false when it already holds data. */
  seed: (opened: { database: Database; services: Services }, part: SeedPart) => Promise<boolean>;
}

export type DefinedApp<Services> = SubgraphApp & { services: Services };

export interface DefinedSubgraph<Deps extends SubgraphDeps, Services, Loaders, SeedPart = never> {
  /** Opens the database (migrating it) and the services, without any GraphQL: for the app and the seed. */
  open(deps: Omit<Deps, 'bodyLimit' | 'callerSecrets'>): Promise<{ database: Database; services: Services }>;
  /** Builds the subgraph without listening; tests start it on a free port. */
  createApp(deps: Deps): Promise<DefinedApp<Services>>;
  /** Loads this organisation's part of a synthetic world into an opened database (`npm run seed`, the tests). */
  seed(opened: { database: Database; services: Services }, part: SeedPart): Promise<boolean>;
  /** For main.ts: reads the configuration, builds the app, listens, stops cleanly on SIGTERM or SIGINT. */
  run(fallbackName: string, configure: () => { deps: Omit<Deps, 'logger' | 'callerSecrets'>; config: SubgraphRunConfig }): Promise<void>;
}

/** The part of a subgraph's validated configuration that running it needs. */
export interface SubgraphRunConfig {
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
  METRICS_PORT: string;
  [name: string]: unknown;
}

export function defineSubgraph<Deps extends SubgraphDeps, Services, Loaders, SeedPart = never>(
  definition: SubgraphDefinition<Deps, Services, Loaders, SeedPart>,
): DefinedSubgraph<Deps, Services, Loaders, SeedPart> {
  const entities = [...definition.entities, AuditEntryEntity, ReplayNonceEntity];
  const migrations = [...definition.migrations, AuditLog1764100000000, ReplayNonce1764400000000].sort(
    (a, b) => migrationTime(a) - migrationTime(b),
  );

  const open: DefinedSubgraph<Deps, Services, Loaders, SeedPart>['open'] = async (deps) => {
    const logger = deps.logger ?? createLogger(definition.name(deps as Deps));
    const database = await openDatabase({ url: deps.databaseUrl, entities, migrations, poolSize: deps.poolSize, logger });
    return { database, services: definition.services(database, deps as Deps) };
  };

  const context = (services: Services, viewer: Viewer | null, auditLog: AuditLogRepository): SubgraphContext<Services, Loaders> => ({
    services,
    loaders: definition.loaders(services, viewer),
    viewer,
    audit: new AuditTrail(),
    auditLog,
  });

  const createApp = async (deps: Deps): Promise<DefinedApp<Services>> => {
    const name = definition.name(deps);
    const logger = deps.logger ?? createLogger(name);
    const { database, services } = await open({ ...deps, logger });
    const auditLog = new AuditLogRepository(database.dataSource);
    const app = await createSubgraphApp({
      name,
      schema: await definition.schema(deps),
      database,
      logger,
      bodyLimit: deps.bodyLimit,
      callerSecrets: deps.callerSecrets,
      mayRun: definition.mayRun?.(deps),
      metricsPort: deps.metricsPort,
      auditLog,
      replayStore: await openReplayStore({ url: deps.replayStoreUrl, subgraph: name, dataSource: database.dataSource, logger }),
      createContext: (req) => context(services, definition.viewerOf(req.verifiedCall), auditLog),
    });
    return Object.assign(app, { services });
  };

  return {
    open,
    createApp,
    seed: definition.seed,
    run: (fallbackName, configure) =>
      runService(fallbackName, async () => {
        const { deps, config } = configure();
        const logger = createLogger(definition.name(deps as Deps), config.LOG_LEVEL as 'info');
        const app = await createApp({
          replayStoreUrl: (config.REPLAY_STORE_URL as string | undefined) || undefined,
          ...deps,
          logger,
          callerSecrets: secretsByName(CALLER_SECRET_PREFIX, config),
          metricsPort: metricsPortFrom(config.METRICS_PORT, config.PORT),
        } as Deps);
        return { app, port: config.PORT, host: config.HOST, logger };
      }),
  };
}

/** TypeORM migration classes end in their timestamp; they run in that order, the kit's among the subgraph's own. */
function migrationTime(migration: Function): number {
  return Number(/(\d{13})$/.exec(migration.name)?.[1] ?? 0);
}
