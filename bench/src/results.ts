import type { ExportRun } from './export';
import type { Measurement } from './load';
import { describeMachine, packageVersions } from './machine';
import type { Settings } from './options';
import { SCENARIOS, type Scenario, type Target } from './scenarios';
import type { StatisticsRun } from './statistics';
import type { Dialect } from './worlds';

export interface DialectResult {
  dialect: Dialect;
  participants: number;
  scenarios: Record<Scenario, Partial<Record<Target, Measurement>>>;
  scaling: Record<string, ScalingResult>;
}

/** What one world size gives: our gateway's reads, the whole export and the statistics. */
export interface ScalingResult {
  a?: Measurement;
  b?: Measurement;
  export?: ExportRun;
  statistics?: StatisticsRun;
}

export type Report = ReturnType<typeof buildReport>;

export function buildReport(input: {
  results: DialectResult[];
  statements: Record<string, Record<string, Record<string, number>>>;
  settings: Settings;
  quick: boolean;
  worlds: number[];
  dialects: Dialect[];
  gatewayEnv: Record<string, string>;
  subgraphEnv: Record<string, string>;
  seconds: number;
}) {
  const primary = input.results[0];
  const ratio = (a?: Measurement, b?: Measurement) => (a && b && b.rps > 0 ? Number((a.rps / b.rps).toFixed(2)) : null);
  const cpuRatio = (a?: Measurement, b?: Measurement) =>
    a?.cpuMsPerRequest && b?.cpuMsPerRequest ? Number((a.cpuMsPerRequest / b.cpuMsPerRequest).toFixed(2)) : null;
  return {
    generatedAt: new Date().toISOString(),
    mode: input.quick ? 'quick' : 'full',
    durationSeconds: Math.round(input.seconds),
    machine: describeMachine(),
    versions: packageVersions(),
    settings: {
      ...input.settings,
      worlds: input.worlds,
      dialects: input.dialects,
      gatewayEnv: input.gatewayEnv,
      subgraphEnv: input.subgraphEnv,
    },
    /** Contract: scenarios.<a|b|c|d>.<target>, measured on the first dialect and world. */
    world: { dialect: primary.dialect, participants: primary.participants },
    scenarios: primary.scenarios,
    /** Requests/s of our gateway divided by each other target's, per scenario; and another gateway's CPU per request divided by ours. */
    ratios: Object.fromEntries(
      SCENARIOS.map((s) => {
        const row = primary.scenarios[s];
        return [
          s,
          {
            gatewayVsApolloStock: ratio(row.gateway, row.apolloStock),
            gatewayVsHive: ratio(row.gateway, row.hive),
            gatewayVsDirect: ratio(row.gateway, row.direct),
            gatewayVsSql: ratio(row.gateway, row.sql),
            apolloStockCpuPerRequestVsGateway: cpuRatio(row.apolloStock, row.gateway),
            hiveCpuPerRequestVsGateway: cpuRatio(row.hive, row.gateway),
          },
        ];
      }),
    ),
    /** Contract: sqlStatements.<subgraph>.<pageSize>, on the first dialect; every dialect under byDialect. */
    sqlStatements: input.statements[primary.dialect],
    sqlStatementsByDialect: input.statements,
    byDialect: Object.fromEntries(input.results.map((r) => [r.dialect, { scenarios: r.scenarios, scaling: r.scaling }])),
  };
}
