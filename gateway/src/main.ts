import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createLogger, runService } from '@durchstarten/kit';
import { createGateway, subgraphsOf } from './app';
import { loadGatewayConfig, queryLimitsFrom, subgraphSecretsFrom, subgraphUrlOverrides, tokenKeysFrom } from './config';
import { runWorkers } from './workers';

function serve(): void {
  void runService('gateway', async () => {
    const config = loadGatewayConfig();
    const logger = createLogger('gateway', config.LOG_LEVEL as 'info');
    let supergraphSdl: string;
    try {
      supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
    } catch {
      throw new Error(`SUPERGRAPH_PATH: cannot read ${config.SUPERGRAPH_PATH}; run npm run compose`);
    }
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
    });
    return { app, port: config.PORT, host: config.HOST, logger };
  });
}

if (cluster.isPrimary) {
  let workers = 1;
  try {
    workers = loadGatewayConfig().GATEWAY_WORKERS;
  } catch {
    // serve() reports the configuration error with every variable named
  }
  if (workers > 1) runWorkers(workers, createLogger('gateway'));
  else serve();
} else {
  serve();
}
