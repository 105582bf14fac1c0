import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import cors from 'cors';
import express from 'express';
import {
  createLogger,
  createServiceMetrics,
  listeningUrl,
  type Logger,
  type MetricsServer,
  observeRequests,
  probeStatus,
  requestBodyErrorHandler,
  requestObservationPlugin,
  type ServiceMetrics,
  startMetricsServer,
  tracedContext,
  type RequestTrace,
} from '@durchstarten/kit';
import { createTokenVerifier, type TokenKeys, type Viewer } from './auth';
import { costLimit, limitErrorCode, queryProtection, tokenLimit, type QueryLimits } from './limits';
import { subgraphFetchMetrics } from './metrics';
import { operationResolution } from './operation-resolution';
import { SubgraphDataSource } from './subgraph-data-source';
import { createSubgraphFetchers } from './subgraph-fetcher';
import { subgraphsOf } from './supergraph';
import { wellFormedText } from './well-formed-text';
import { createWorkplace } from './workplace';

// No usage data leaves the Kreis: @apollo/gateway reports anonymous telemetry unless told not to.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

export { subgraphsOf };

export interface GatewayDeps {
  supergraphSdl: string;
  /** Routing URLs by subgraph name that replace those in the supergraph. */
  subgraphUrls?: Record<string, string>;
  timeoutMs?: number;
  maxSocketsPerSubgraph?: number;
  bodyLimit?: string;
  /** Compress responses of 1 kB and more for clients that accept gzip or brotli; default on. */
  compressResponses?: boolean;
  logger?: Logger;
  /** How bearer tokens are verified. */
  tokenKeys: TokenKeys;
  /** The secret shared with each subgraph, by name, to sign its requests. */
  subgraphSecrets: Record<string, string>;
  limits?: Partial<QueryLimits>;
  /** Introspection off and no development tokens from POST /dev/token, as in NODE_ENV=production. */
  production?: boolean;
  /** The query IDE at GET /graphql for browsers (QUERY_IDE); default on. */
  queryIde?: boolean;
  /** Origins whose browser pages may call /graphql (CORS_ORIGINS); none by default, and then no CORS headers at all. */
  corsOrigins?: readonly string[];
  /**
   * Where `listen` serves GET /metrics (0: a free port), on the same host; none when not given, e.g. in a
   * cluster worker, whose figures the primary process serves for all workers.
   */
  metricsPort?: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 20,
  maxTokens: 3000,
  maxCost: 50_000,
  maxDirectives: 50,
  fieldSuggestions: true,
};

export interface GatewayContext {
  viewer: Viewer;
  /** This request's trace: its log line, and the traceparent of every subgraph call. */
  trace?: RequestTrace;
}

export interface GatewayApp {
  /** Subgraph name to the URL the gateway calls. */
  subgraphs: Record<string, string>;
  metrics: ServiceMetrics;
  /** The metrics endpoint once listening, when a metrics port was given. */
  metricsUrl?: string;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** The gateway on the committed static supergraph; it does not listen until asked. */
export async function createGateway(deps: GatewayDeps): Promise<GatewayApp> {
  const logger = deps.logger ?? createLogger('gateway');
  const subgraphs = { ...subgraphsOf(deps.supergraphSdl), ...(deps.subgraphUrls ?? {}) };
  const metrics = createServiceMetrics('gateway');
  const { fetcherFor, close: closeFetchers } = createSubgraphFetchers({
    timeoutMs: deps.timeoutMs ?? 10_000,
    maxSocketsPerSubgraph: deps.maxSocketsPerSubgraph ?? 64,
    metrics: subgraphFetchMetrics(metrics.registry),
  });
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    buildService: ({ name, url }) => {
      const secret = deps.subgraphSecrets[name];
      if (!secret) throw new Error(`No secret to sign requests to the ${name} subgraph (SUBGRAPH_SECRET_${name.toUpperCase()})`);
      return new SubgraphDataSource({ name, url: subgraphs[name] ?? url, fetcher: fetcherFor(name, secret) });
    },
    logger: {
      debug: () => {},
      info: (m) => logger.info(String(m)),
      warn: (m) => logger.warn(String(m)),
      error: (m) => logger.error(String(m)),
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const verifyToken = createTokenVerifier(deps.tokenKeys, Object.keys(subgraphs));
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...(deps.production ? { fieldSuggestions: false } : {}), ...deps.limits };
  const protection = queryProtection(limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // runService stops the gateway on SIGTERM and SIGINT, the server with its subgraph connections; Apollo's own
    // handlers would race it, as they did in the subgraphs, whose database pool then held the process open.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    formatError: limitErrorCode,
    introspection: !deps.production,
    validationRules: protection.validationRules,
    // No automatic persisted queries: a stored query would skip the token limit on later requests.
    persistedQueries: false,
    // Apollo's landing page loads Sandbox from Apollo's CDN; the workplace serves its own IDE instead.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      operationResolution(),
      ...protection.plugins,
      costLimit(limits.maxCost),
      requestObservationPlugin<GatewayContext>(),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphs).map(async ([name, url]) => {
        const status = await probeStatus(new URL('/ready', url), 2000);
        if (status === null) return [name, 'unreachable'] as const;
        return [name, status === 200 ? 'ready' : `not ready (${status})`] as const;
      }),
    );
    const ready = checks.every(([, state]) => state === 'ready');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
  });
  // A page of 50 journeys is about 90 kB of JSON and a tenth of that compressed: it matters on an office line.
  if (deps.compressResponses !== false) app.use(['/graphql', '/report', '/workplace'], compression({ threshold: '1kb' }));
  const workplace = createWorkplace({
    queryIde: deps.queryIde !== false,
    // Development tokens only where the gateway itself verifies with a shared secret, and never in production.
    devTokenSecret: !deps.production && deps.tokenKeys.kind === 'secret' ? deps.tokenKeys.secret : undefined,
    organisations: Object.keys(subgraphs),
  });
  if (deps.corsOrigins?.length) app.use('/graphql', corsFor(deps.corsOrigins));
  app.use(workplace.router);
  app.get('/graphql', workplace.ide);
  app.use(
    '/graphql',
    observeRequests(logger, metrics),
    express.json({ limit: deps.bodyLimit ?? '1mb' }),
    wellFormedText(),
    tokenLimit(limits.maxTokens),
    expressMiddleware(apollo, { context: tracedContext(async (req) => ({ viewer: await verifyToken(req.headers.authorization) })) }),
  );
  app.use(requestBodyErrorHandler(logger));

  let closed = false;
  let metricsServer: MetricsServer | undefined;
  return {
    subgraphs,
    metrics,
    get metricsUrl() {
      return metricsServer?.url;
    },
    listen: (port, host = '127.0.0.1') =>
      new Promise<string>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(listeningUrl(host, (httpServer.address() as AddressInfo).port, '/graphql')));
      }).then(async (url) => {
        if (deps.metricsPort !== undefined) metricsServer = await startMetricsServer(metrics.registry, deps.metricsPort, host);
        return url;
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      await metricsServer?.close();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await closeFetchers();
    },
  };
}

/**
 * CORS for the listed origins: GET and POST with a bearer token and a JSON body. Tokens travel in the
 * Authorization header, never in cookies, so credentials stay off. Any other origin gets no CORS header at all,
 * as if the list were empty, and the browser keeps the answer from its page.
 */
function corsFor(origins: readonly string[]): express.RequestHandler {
  const allowed = new Set(origins);
  const handler = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    // Browsers then ask once per 10 minutes instead of before every query.
    maxAge: 600,
  });
  return (req, res, next) => {
    // Answers differ by Origin, for allowed and refused origins alike: no cache may hand one origin's answer to another.
    res.vary('Origin');
    handler(req, res, next);
  };
}
