import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';
import { BENCH_DIR } from './common';
import { startProcess, type BenchProcess } from './processes';

export const TARGET_PORTS = { gateway: 15000, apolloStock: 15100, hive: 15200, sql: 15300 } as const;

export const SUPERGRAPH_PATH = join(repoRoot(), 'schema', 'supergraph.graphql');

/** Our gateway exactly as `npm start` runs it (gateway/dist/main.js), with its documented environment. */
export function startOurGateway(
  gatewayEnv: Record<string, string>,
  jwtSecret: string,
  extraEnv: Record<string, string> = {},
): Promise<BenchProcess> {
  return startProcess({
    name: 'gateway',
    script: 'gateway/dist/main.js',
    port: TARGET_PORTS.gateway,
    env: { ...gatewayEnv, JWT_SECRET: jwtSecret, SUPERGRAPH_PATH, ...extraEnv },
  });
}

export function startApolloStock(gatewayEnv: Record<string, string>, jwtSecret: string): Promise<BenchProcess> {
  return startProcess(
    {
      name: 'apollo-stock',
      script: 'dist/bench/src/targets/apollo-stock.js',
      port: TARGET_PORTS.apolloStock,
      env: { ...gatewayEnv, JWT_SECRET: jwtSecret, SUPERGRAPH_PATH },
    },
    null,
  );
}

/** The raw SQL floor: the same rows read straight from the four databases. */
export function startSqlFloor(databases: Record<string, string>): Promise<BenchProcess> {
  return startProcess(
    {
      name: 'sql-floor',
      script: 'dist/bench/src/targets/sql-floor.js',
      port: TARGET_PORTS.sql,
      env: Object.fromEntries(Object.entries(databases).map(([org, url]) => [`${org.toUpperCase()}_DATABASE_URL`, url])),
    },
    '/ready',
    '',
  );
}

/**
 * Hive Gateway (its CLI, as its documentation runs it) on the same supergraph with the
 * repository's gateway/hive/gateway.config.mjs: this run's subgraph URLs (from the same
 * environment as our gateway), the token check, signing and the query limits.
 * It gets only the variables it needs: the CLI also reads PORT, HOST, FORK and Hive/Apollo keys.
 */
export function startHive(gatewayEnv: Record<string, string>, jwtSecret: string): Promise<BenchProcess> {
  return startProcess(
    {
      name: 'hive',
      script: '',
      port: TARGET_PORTS.hive,
      env: { ...gatewayEnv, JWT_SECRET: jwtSecret },
      command: [
        join(BENCH_DIR, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'),
        'supergraph',
        SUPERGRAPH_PATH,
        '--port',
        String(TARGET_PORTS.hive),
        '--host',
        '127.0.0.1',
        '--config-path',
        join(repoRoot(), 'gateway', 'hive', 'gateway.config.mjs'),
      ],
    },
    '/readiness',
  );
}
