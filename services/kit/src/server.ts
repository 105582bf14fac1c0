import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLSchema } from 'graphql';
import { isDatabaseReachable, type Database } from './db';
import { createErrorFormatter } from './errors';
import { requestBodyErrorHandler } from './http-errors';
import { listeningUrl } from './http-probe';
import { requireSignedRequest } from './signing';
import type { ReplayStore } from './replay/replay-store';
import { auditPlugin, type AuditedContext } from './audit/audit';
import type { AuditLogRepository } from './audit/audit.repository';
import type { Logger } from './logger';
import {
  auditWriteFailures,
  createServiceMetrics,
  databaseGauges,
  startMetricsServer,
  type MetricsServer,
  type ServiceMetrics,
} from './metrics';
import { observeRequests, requestObservationPlugin, tracedContext } from './request-log';

export interface SubgraphAppOptions<C extends AuditedContext> {
  name: string;
  schema: GraphQLSchema;
  database: Database;
  logger: Logger;
  /** Builds the per-request context: fresh DataLoaders for every request. */
  createContext: (request: express.Request) => Promise<C> | C;
  bodyLimit?: string;
  /** Secrets of the callers this subgraph accepts, by caller name: the gateway, and for kreis the providers. */
  callerSecrets: Record<string, string>;
  /** Where each request's audit entry is written. */
  auditLog: AuditLogRepository;
  /** What a caller other than the gateway may run; nothing unless given. */
  mayRun?: (caller: string, body: { query?: unknown }) => boolean;
  /** Where `listen` serves GET /metrics (0: a free port), on the same host; none when not given. */
  metricsPort?: number;
  /** Where the nonces of signed requests are remembered; closed with the app. */
  replayStore: ReplayStore;
}

/** A subgraph that is built but not yet listening; `listen` starts it, `close` stops everything. */
export interface SubgraphApp {
  name: string;
  database: Database;
  /** Verified GraphQL requests received, by caller (the gateway, kreis, a provider): how tests count fetches. */
  requests: { byCaller: Record<string, number>; reset(): void };
  metrics: ServiceMetrics;
  /** The metrics endpoint once listening, when a metrics port was given. */
  metricsUrl?: string;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createSubgraphApp<C extends AuditedContext>(options: SubgraphAppOptions<C>): Promise<SubgraphApp> {
  const { name, schema, database, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // Keep-alive longer than the gateway's pool idle timeout, so the gateway never writes to a socket we just closed.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const metrics = createServiceMetrics(name);
  databaseGauges(metrics.registry, database.dataSource);

  const apollo = new ApolloServer<C>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // runService stops the service on SIGTERM and SIGINT, the server with its database; Apollo's own handlers
    // would stop the server alone and re-raise the signal while the database pool still holds the process open.
    stopOnTerminationSignals: false,
    // No inline traces: they would carry timing per field of personal data to whoever asks.
    // No cache-control hints either: personal data is never cached, and computing them wraps every field resolver.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      auditPlugin(options.auditLog, logger, auditWriteFailures(metrics.registry)) as ApolloServerPlugin<C>,
      requestObservationPlugin<C>(),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: name });
  });
  app.get('/ready', async (_req, res) => {
    const reachable = await isDatabaseReachable(database.dataSource);
    // Without its replay store a subgraph refuses every signed request: not ready either.
    const status = !reachable ? 'database unreachable' : (await options.replayStore.isReachable()) ? 'ready' : 'replay store unreachable';
    res.status(status === 'ready' ? 200 : 503).json({ status, service: name });
  });
  const requests = {
    byCaller: {} as Record<string, number>,
    reset() {
      requests.byCaller = {};
    },
  };
  app.use(
    '/graphql',
    observeRequests(logger, metrics),
    // The raw bytes: the signature covers exactly what was sent; requireSignedRequest parses them after checking it.
    express.raw({ type: () => true, limit: options.bodyLimit ?? '1mb' }),
    requireSignedRequest({ secrets: options.callerSecrets, replayStore: options.replayStore, mayRun: options.mayRun }),
    (req, _res, next) => {
      const caller = req.verifiedCall?.caller ?? 'unknown';
      requests.byCaller[caller] = (requests.byCaller[caller] ?? 0) + 1;
      next();
    },
    expressMiddleware(apollo, { context: tracedContext(options.createContext) }),
  );
  app.use(requestBodyErrorHandler(logger));

  let closed = false;
  let metricsServer: MetricsServer | undefined;
  return {
    name,
    database,
    requests,
    metrics,
    get metricsUrl() {
      return metricsServer?.url;
    },
    listen: (port, host = '127.0.0.1') =>
      new Promise<string>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          resolve(listeningUrl(host, address.port, '/graphql'));
        });
      }).then(async (url) => {
        if (options.metricsPort !== undefined) metricsServer = await startMetricsServer(metrics.registry, options.metricsPort, host);
        return url;
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      await metricsServer?.close();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await options.replayStore.close();
      if (database.dataSource.isInitialized) await database.dataSource.destroy();
    },
  };
}

/**
 * Runs a service from its main.ts: builds it, listens, and shuts down cleanly on
 * SIGTERM or SIGINT. A configuration error stops it with a message naming the variable.
 */
export async function runService(
  name: string,
  start: () => Promise<{
    app: { listen(port: number, host?: string): Promise<string>; close(): Promise<void>; metricsUrl?: string };
    port: number;
    host: string;
    logger: Logger;
  }>,
): Promise<void> {
  let started;
  try {
    started = await start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: cannot start: ${message}\n`);
    process.exit(1);
  }
  const { app, port, host, logger } = started;
  const url = await app.listen(port, host).catch((error: NodeJS.ErrnoException) => {
    process.stderr.write(`${name}: cannot listen on ${host}:${port}: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  logger.info('listening', { url, metrics: app.metricsUrl ?? 'off' });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error('shutdown failed', { signal, error: error instanceof Error ? error.name : 'unknown' });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
