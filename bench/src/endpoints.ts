import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import type { Viewer } from '@durchstarten/gateway/auth';
import type { BenchProcess, RunningSubgraphs, runSecrets } from './processes';
import type { Endpoints } from './scenario-run';
import { SCENARIOS, viewerFor, type Scenario, type Target } from './scenarios';
import { startApolloStock, startHive, startOurGateway, startSqlFloor } from './targets';

/** `people` signed tokens per scenario, one person per connection. */
export async function signTokens(people: number, jwtSecret: string): Promise<Record<Scenario, string[]>> {
  return Object.fromEntries(
    await Promise.all(
      SCENARIOS.map(
        async (s) =>
          [
            s,
            await Promise.all(Array.from({ length: people }, (_, i) => signDevelopmentToken(viewerFor(s, i) as Viewer, jwtSecret))),
          ] as const,
      ),
    ),
  ) as Record<Scenario, string[]>;
}

/**
 * Our gateway always; with `full`, also the chosen other targets. Every process started is
 * pushed onto `processes` at once, so that the caller stops it even when a later one fails.
 */
export async function startEndpoints(options: {
  full: boolean;
  targets: Target[];
  subgraphs: RunningSubgraphs;
  secrets: ReturnType<typeof runSecrets>;
  databases: Record<string, string>;
  gatewayEnv: Record<string, string>;
  acceptEncoding: string | undefined;
  tokens: Record<Scenario, string[]>;
  processes: BenchProcess[];
}): Promise<{ ours: BenchProcess; endpoints: Endpoints }> {
  const { targets, subgraphs, secrets, tokens, acceptEncoding, processes } = options;
  const ours = await startOurGateway(subgraphs.gatewayEnv, secrets.jwtSecret, options.gatewayEnv);
  processes.push(ours);
  const endpoints: Endpoints = {
    gateway: { endpoint: { kind: 'graphql', url: ours.url, tokens, acceptEncoding }, pid: ours.pid },
  };
  if (!options.full) return { ours, endpoints };
  if (targets.includes('apolloStock')) {
    const stock = await startApolloStock(subgraphs.gatewayEnv, secrets.jwtSecret);
    processes.push(stock);
    endpoints.apolloStock = { endpoint: { kind: 'graphql', url: stock.url, tokens, acceptEncoding }, pid: stock.pid };
  }
  if (targets.includes('hive')) {
    const hive = await startHive(subgraphs.gatewayEnv, secrets.jwtSecret);
    processes.push(hive);
    endpoints.hive = { endpoint: { kind: 'graphql', url: hive.url, tokens, acceptEncoding }, pid: hive.pid };
  }
  if (targets.includes('direct')) {
    endpoints.direct = {
      endpoint: {
        kind: 'direct',
        urls: { kreis: subgraphs.processes.kreis.url, klausenhof: subgraphs.processes.klausenhof.url },
        secrets: { kreis: secrets.gatewayTo.kreis, klausenhof: secrets.gatewayTo.klausenhof },
      },
      pid: subgraphs.processes.kreis.pid,
      // The write goes to klausenhof itself.
      pidFor: { d: subgraphs.processes.klausenhof.pid },
    };
  }
  if (targets.includes('sql')) {
    const floor = await startSqlFloor(options.databases);
    processes.push(floor);
    endpoints.sql = { endpoint: { kind: 'sql', url: floor.url }, pid: floor.pid };
  }
  return { ours, endpoints };
}
