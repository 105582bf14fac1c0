import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { sqliteTransactionsQueued } from './db';
import { listeningUrl } from './http-probe';

/** Seconds; from a cached look-up to a page of 1,000 journeys. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

/** At most this many operation names per service get a label of their own; the rest count as `other`. */
export const MAX_OPERATION_LABELS = 100;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * What every service measures, in a registry of its own (not prom-client's global one), so
 * that several services in one process (the tests) keep their figures apart.
 */
export interface ServiceMetrics {
  registry: Registry;
  requests: Counter<'operation' | 'outcome'>;
  requestDuration: Histogram<'operation' | 'outcome'>;
  /** The label of an operation name: bounded in length and in number, since clients choose the names. */
  operationLabel(name: string | null | undefined): string;
}

export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const known = new Set<string>();
  return {
    registry,
    requests: new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (ok, or the first error code; HTTP_<status> when refused before GraphQL ran)',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to the end of its response',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    operationLabel(name) {
      if (!name) return 'anonymous';
      if (!OPERATION_NAME.test(name)) return 'invalid';
      const label = name.slice(0, 64);
      if (known.has(label)) return label;
      if (known.size >= MAX_OPERATION_LABELS) return 'other';
      known.add(label);
      return label;
    },
  };
}

/** A label value for an error code: codes are the services' own, but a malformed one must not become a series of its own. */
export function outcomeLabel(errorCodes: readonly string[], status: number): string {
  const code = errorCodes[0];
  if (code) return /^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : 'OTHER_ERROR';
  return status >= 400 ? `HTTP_${status}` : 'ok';
}

/** Failed writes of audit entries: each one is a read whose data was withheld. */
export function auditWriteFailures(registry: Registry): Counter {
  return new Counter({
    name: 'audit_write_failures_total',
    help: 'Audit entries that could not be written (the response was withheld)',
    registers: [registry],
  });
}

interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/**
 * The database's state at each scrape. MySQL/MariaDB: the mysql2 pool's connections (total, free)
 * and the requests queued for one; mysql2 keeps these in fields without a public accessor. SQLite
 * has one connection and no pool: there it is the transactions queued behind each other (see inTransaction).
 */
export function databaseGauges(registry: Registry, dataSource: DataSource): void {
  if (dataSource.options.type === 'better-sqlite3') {
    new Gauge({
      name: 'db_sqlite_transactions_queued',
      help: 'Transactions running or waiting for the single SQLite connection',
      registers: [registry],
      collect() {
        this.set(sqliteTransactionsQueued(dataSource));
      },
    });
    return;
  }
  new Gauge({
    name: 'db_pool_connections',
    help: 'MySQL/MariaDB pool: connections open (total), idle (free), and requests waiting for one (queued)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = (dataSource.driver as unknown as { pool?: Mysql2PoolInternals }).pool;
      if (!pool) return;
      this.set({ state: 'total' }, pool._allConnections?.length ?? 0);
      this.set({ state: 'free' }, pool._freeConnections?.length ?? 0);
      this.set({ state: 'queued' }, pool._connectionQueue?.length ?? 0);
    },
  });
}

/** `/metrics` in Prometheus's text format on a port of its own, so the public endpoint never serves it. */
export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** A registry, or anything that reads like one (the gateway primary's sum over its workers). */
export interface MetricsSource {
  metrics(): Promise<string>;
  contentType: string;
}

export function startMetricsServer(source: MetricsSource, port: number, host: string): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at GET /metrics\n');
      return;
    }
    source.metrics().then(
      (text) => res.writeHead(200, { 'content-type': source.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`cannot serve metrics on ${host}:${port} (METRICS_PORT): ${error.code ?? error.message}`)),
    );
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: listeningUrl(host, address.port, '/metrics'),
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
