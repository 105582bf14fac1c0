import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { createLogger, metricsPortFrom, runService } from '@durchstarten/kit';
import { createGateway, subgraphsOf } from './app';
import { loadGatewayConfig, queryLimitsFrom, subgraphSecretsFrom, subgraphUrlOverrides, tokenKeysFrom } from './config';
import { runWorkers } from './workers';
import { readSupergraph } from './supergraph';

function serve(): void {
  void runService('gateway', async () => {
    const config = loadGatewayConfig();
    const logger = createLogger('gateway', config.LOG_LEVEL as 'info');
    const supergraphSdl = readSupergraph(config.SUPERGRAPH_PATH);
    const subgraphNames = Object.keys(subgraphsOf(supergraphSdl));
    const app = await createGateway({
      supergraphSdl,
      subgraphUrls: subgraphUrlOverrides(subgraphNames),
      timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      maxSocketsPerSubgraph: config.SUBGRAPH_MAX_SOCKETS,
      bodyLimit: config.BODY_LIMIT,
      compressResponses: config.RESPONSE_COMPRESSION === 'on',
      logger,
      tokenKeys: tokenKeysFrom(config),
      subgraphSecrets: subgraphSecretsFrom(config, subgraphNames),
      limits: queryLimitsFrom(config),
      production: config.NODE_ENV === 'production',
      queryIde: config.QUERY_IDE === 'on',
      corsOrigins: config.CORS_ORIGINS,
      // With several workers the primary process serves every worker's figures, summed.
      metricsPort: cluster.isWorker ? undefined : metricsPortFrom(config.METRICS_PORT, config.PORT),
    });
    if (cluster.isWorker) {
      AggregatorRegistry.setRegistries([app.metrics.registry]);
      // Constructing one makes this worker answer the primary's requests for its figures.
      new AggregatorRegistry();
    }
    return { app, port: config.PORT, host: config.HOST, logger };
  });
}

if (cluster.isPrimary) {
  let workers = 1;
  let metrics: { port: number; host: string } | undefined;
  try {
    const config = loadGatewayConfig();
    workers = config.GATEWAY_WORKERS;
    const port = metricsPortFrom(config.METRICS_PORT, config.PORT);
    metrics = port === undefined ? undefined : { port, host: config.HOST };
  } catch {
    // serve() reports the configuration error with every variable named
  }
  if (workers > 1) runWorkers(workers, createLogger('gateway'), metrics);
  else serve();
} else {
  serve();
}
