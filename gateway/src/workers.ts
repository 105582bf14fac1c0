import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { type Logger, startMetricsServer } from '@durchstarten/kit';

/** A worker that dies this soon after it started is failing to start, not crashing under load: do not fork it again. */
const MIN_UPTIME_MS = 5_000;

/**
 * GATEWAY_WORKERS > 1: this process only supervises; each worker is a whole gateway on
 * the same port (the operating system hands each new connection to one of them). A worker
 * that crashes under load is replaced; one that cannot start stops the gateway.
 */
export function runWorkers(count: number, logger: Logger, metrics?: { port: number; host: string }): void {
  let stopping = false;
  if (metrics) {
    // Each worker keeps its own figures; a scrape here asks all of them and sums.
    const aggregator = new AggregatorRegistry();
    startMetricsServer(
      { metrics: () => aggregator.clusterMetrics(), contentType: aggregator.contentType },
      metrics.port,
      metrics.host,
    ).then(
      (server) => logger.info("serving the workers' metrics", { metrics: server.url }),
      (error: Error) => {
        logger.error(`${error.message}; stopping`);
        void stop(1);
      },
    );
  }
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(), Date.now());
  for (let i = 0; i < count; i += 1) fork();
  logger.info('started workers', { workers: count });

  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    if (uptime < MIN_UPTIME_MS) {
      logger.error('a gateway worker could not start; stopping', { code, signal });
      void stop(1);
      return;
    }
    logger.warn('a gateway worker stopped; starting another', { code, signal });
    fork();
  });

  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    for (const worker of started.keys()) worker.process.kill('SIGTERM');
    if (started.size === 0) process.exit(exitCode);
    setTimeout(() => process.exit(exitCode), 15_000).unref();
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
}
