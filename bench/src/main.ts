import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@durchstarten/kit';
import { ProviderRegistry } from '@durchstarten/contracts';
import { testDialects } from '@durchstarten/kit/testing';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import type { Viewer } from '@durchstarten/gateway/auth';
import { BENCH_DIR, log } from './common';
import { exportToEnd, type ExportRun } from './export';
import { statisticsRuns, type StatisticsRun } from './statistics';
import { measure, warmUp, type Measurement } from './load';
import { killAll, profileInto, runSecrets, startSubgraphs, type BenchProcess } from './processes';
import { renderMarkdown, updateBenchmarksMd } from './report';
import {
  planFor,
  SCENARIOS,
  TARGETS,
  viewerFor,
  worldSamples,
  type Endpoint,
  type ResponseTally,
  type Scenario,
  type Target,
} from './scenarios';
import { countStatements } from './statements';
import { startApolloStock, startHive, startOurGateway, startSqlFloor } from './targets';
import { prepareWorld, type Dialect } from './worlds';

const USAGE = `Usage: npm run bench -- [--quick] [options]

  --quick               world of 380 on SQLite, short runs: about 2 minutes (3 with the first install)
  --worlds LIST         world sizes; the first gets the full matrix, all get the
                        scaling runs (default 380,10000,100000; quick: 380)
  --dialects LIST       sqlite,mariadb (default: both when TEST_MYSQL_URL is set)
  --mysql-url URL       MariaDB/MySQL server for the mariadb worlds (default TEST_MYSQL_URL)
  --connections N       concurrent connections per measurement (default 16)
  --seconds S           measured seconds per scenario and target (default 10; quick 3)
  --min-responses N     go on measuring after those seconds until N responses arrived (default 30)
  --max-seconds S       but never longer than S seconds per measurement (default 30)
  --rounds N            measure every scenario and target N times in turn, keep the median (default 1)
  --warmup S            warm-up seconds before each measurement (default 3; quick 1)
  --targets LIST        gateway,apolloStock,hive,direct,sql (default: all)
  --scenarios LIST      a,b,c,d (default: all)
  --gateway-env K=V,... extra environment for our gateway (tuning experiments)
  --subgraph-env K=V,... extra environment for every subgraph, e.g. DB_POOL_SIZE=20
  --accept-encoding E   send Accept-Encoding: E to the gateways (e.g. gzip); default none, as on loopback
  --profile DIR         CPU profiles of the subgraphs and our gateway into DIR (open in Chrome DevTools)
  --fresh               seed every world again, also large ones kept from earlier runs
  --update-benchmarks   write the result table into BENCHMARKS.md
  --render-only         measure nothing: render bench/results/latest.json again (with --update-benchmarks)

Writes bench/results/latest.json and bench/results/latest.md.`;

export interface DialectResult {
  dialect: Dialect;
  participants: number;
  scenarios: Record<Scenario, Partial<Record<Target, Measurement>>>;
  scaling: Record<string, { a?: Measurement; b?: Measurement; export?: ExportRun; statistics?: StatisticsRun }>;
}

/** The round with the median requests/s, with every round's requests/s and errors beside it. */
function medianRound(rounds: Measurement[]): Measurement {
  const sorted = [...rounds].sort((a, b) => a.rps - b.rps);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (rounds.length === 1) return median;
  return { ...median, errors: rounds.reduce((sum, r) => sum + r.errors, 0), rpsRounds: rounds.map((r) => r.rps) };
}

/** Exports are few and heavy (an analyst's job, pages of 500): a quarter of the connections. */
export const connectionsFor = (scenario: Scenario, connections: number) =>
  scenario === 'c' ? Math.max(1, Math.floor(connections / 4)) : connections;

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      worlds: { type: 'string' },
      dialects: { type: 'string' },
      'mysql-url': { type: 'string' },
      connections: { type: 'string', default: '16' },
      seconds: { type: 'string' },
      'min-responses': { type: 'string', default: '30' },
      'max-seconds': { type: 'string', default: '30' },
      rounds: { type: 'string', default: '1' },
      warmup: { type: 'string' },
      targets: { type: 'string' },
      scenarios: { type: 'string' },
      'gateway-env': { type: 'string', default: '' },
      'subgraph-env': { type: 'string', default: '' },
      'accept-encoding': { type: 'string' },
      fresh: { type: 'boolean', default: false },
      profile: { type: 'string' },
      'update-benchmarks': { type: 'boolean', default: false },
      'render-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values['render-only']) {
    const report = JSON.parse(readFileSync(join(BENCH_DIR, 'results', 'latest.json'), 'utf8')) as Report;
    publish(report, values['update-benchmarks']!);
    return;
  }
  const quick = values.quick!;
  const mysqlUrl = values['mysql-url'] ?? process.env.TEST_MYSQL_URL;
  const worlds = (values.worlds ? list(values.worlds) : quick ? ['380'] : ['380', '10000', '100000']).map(Number);
  if (worlds.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--worlds must list positive whole numbers');
  const dialects = (values.dialects ? list(values.dialects) : quick || !mysqlUrl ? ['sqlite'] : ['sqlite', 'mariadb']) as Dialect[];
  for (const d of dialects) if (d !== 'sqlite' && d !== 'mariadb') throw new Error(`unknown dialect ${d}`);
  if (dialects.includes('mariadb') && !mysqlUrl) throw new Error('--dialects mariadb needs --mysql-url or TEST_MYSQL_URL');
  const targets = (values.targets ? list(values.targets) : [...TARGETS]) as Target[];
  for (const t of targets) if (!(TARGETS as readonly string[]).includes(t)) throw new Error(`unknown target ${t}`);
  const scenarios = (values.scenarios ? list(values.scenarios) : [...SCENARIOS]) as Scenario[];
  for (const s of scenarios) if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`unknown scenario ${s}`);
  const settings = {
    connections: Number(values.connections),
    seconds: Number(values.seconds ?? (quick ? 3 : 10)),
    minResponses: Number(values['min-responses']),
    maxSeconds: Number(values['max-seconds']),
    warmupSeconds: Number(values.warmup ?? (quick ? 1 : 3)),
    rounds: Number(values.rounds),
  };
  const flagOf: Record<string, string> = { warmupSeconds: 'warmup', minResponses: 'min-responses', maxSeconds: 'max-seconds' };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${flagOf[name] ?? name} must be a positive whole number`);
  }
  if (settings.maxSeconds < settings.seconds) throw new Error('--max-seconds must not be less than --seconds');
  const envPairs = (value: string) =>
    Object.fromEntries(
      list(value).map((pair) => {
        const [key, ...rest] = pair.split('=');
        return [key, rest.join('=')];
      }),
    );
  const gatewayEnv = envPairs(values['gateway-env']!);
  const subgraphEnv = envPairs(values['subgraph-env']!);
  const acceptEncoding = values['accept-encoding'];

  profileInto(values.profile);
  const registry = ProviderRegistry.fromFile(join(repoRoot(), 'services', 'kreis', 'providers.json'));
  const started = Date.now();
  const results: DialectResult[] = [];
  const statements: Record<string, Record<string, Record<string, number>>> = {};

  for (const dialect of dialects) {
    const testDialect = testDialects({ TEST_MYSQL_URL: mysqlUrl }).find((d) =>
      dialect === 'sqlite' ? d.name === 'sqlite' : d.name !== 'sqlite',
    )!;
    log(`SQL statements per request on ${dialect} (pages of 10, 100, 1000)`);
    statements[dialect] = await countStatements(testDialect);

    const result: DialectResult = { dialect, participants: worlds[0], scenarios: { a: {}, b: {}, c: {}, d: {} }, scaling: {} };
    for (const [index, participants] of worlds.entries()) {
      // Small worlds are seeded afresh each run so earlier runs' writes (scenario d) change nothing read.
      const world = await prepareWorld({ participants, dialect, registry, mysqlUrl, fresh: values.fresh! || participants <= 1000 });
      const secrets = runSecrets(registry);
      const subgraphs = await startSubgraphs({ registry, secrets, databases: world.databases, extraEnv: subgraphEnv });
      const processes: BenchProcess[] = [];
      try {
        // One person per connection (scenario c uses fewer connections, so fewer of its people are used).
        const people = settings.connections;
        const tokens = Object.fromEntries(
          await Promise.all(
            SCENARIOS.map(
              async (s) =>
                [
                  s,
                  await Promise.all(
                    Array.from({ length: people }, (_, i) => signDevelopmentToken(viewerFor(s, i) as Viewer, secrets.jwtSecret)),
                  ),
                ] as const,
            ),
          ),
        ) as Record<Scenario, string[]>;
        const samples = worldSamples(world.world);
        const ours = await startOurGateway(subgraphs.gatewayEnv, secrets.jwtSecret, gatewayEnv);
        processes.push(ours);
        const endpoints: Partial<Record<Target, { endpoint: Endpoint; pid?: number; pidFor?: Partial<Record<Scenario, number>> }>> = {
          gateway: { endpoint: { kind: 'graphql', url: ours.url, tokens, acceptEncoding }, pid: ours.pid },
        };
        const full = index === 0;
        if (full) {
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
            const floor = await startSqlFloor(world.databases);
            processes.push(floor);
            endpoints.sql = { endpoint: { kind: 'sql', url: floor.url }, pid: floor.pid };
          }
        }
        // Scenario by scenario, every target in turn; the write scenario last so that reads see the seeded world.
        const scaling: DialectResult['scaling'][string] = {};
        // Each scenario starts with another target, so that no gateway is always the one measured
        // first (right after the subgraphs warmed up) or last (after the others' requests).
        let rotation = 0;
        const runScenario = async (scenario: Scenario) => {
          const rounds: Partial<Record<Target, Measurement[]>> = {};
          // With --rounds, every target is measured once per round, in turn, and the median round counts:
          // the machine's own noise then hits all targets alike.
          for (let round = 0; round < (full ? settings.rounds : 1); round += 1) {
            const order = full ? targets.map((_, i) => targets[(i + rotation) % targets.length]) : (['gateway'] as const);
            rotation += 1;
            for (const target of order) {
              const chosen = endpoints[target];
              if (!chosen) continue;
              const tally: ResponseTally = { graphqlErrors: 0, exportsCompleted: 0 };
              const plan = planFor(scenario, chosen.endpoint, samples, tally, people);
              const measured = await measure({
                ...plan,
                ...settings,
                connections: connectionsFor(scenario, settings.connections),
                tally,
                pid: chosen.pidFor?.[scenario] ?? chosen.pid,
                subgraphPids: Object.values(subgraphs.processes).map((p) => p.pid),
              });
              log(
                `${dialect} ${participants} (${scenario}) ${target.padEnd(11)} ${String(measured.rps).padStart(7)} req/s  p50 ${measured.p50Ms} ms  p95 ${measured.p95Ms} ms  p99 ${measured.p99Ms} ms  errors ${measured.errors}` +
                  `  ${measured.requests} responses in ${measured.measuredSeconds} s${measured.belowMinimum ? ` (fewer than ${settings.minResponses}: capped at ${settings.maxSeconds} s)` : ''}` +
                  (measured.cpuPercent !== undefined
                    ? `  cpu ${measured.cpuPercent}% (${measured.cpuMsPerRequest} ms/request)  rss ${measured.peakRssMb} MB`
                    : '') +
                  `  cpu ms/request: subgraphs ${measured.subgraphsCpuMsPerRequest ?? '–'}, load generator ${measured.loadGeneratorCpuMsPerRequest}`,
              );
              (rounds[target] ??= []).push(measured);
            }
          }
          for (const [target, measured] of Object.entries(rounds) as Array<[Target, Measurement[]]>) {
            const chosen = medianRound(measured);
            if (full) result.scenarios[scenario][target] = chosen;
            if (target === 'gateway' && (scenario === 'a' || scenario === 'b')) scaling[scenario] = chosen;
          }
        };
        // Reads first, then the whole export, then the write scenario: its sessions would otherwise change what is read.
        const chosenScenarios = full ? scenarios : scenarios.filter((s) => s === 'a' || s === 'b');
        // Subgraphs and databases warm (JIT, page cache, buffer pool) before anything is measured.
        for (const scenario of chosenScenarios.filter((s) => s !== 'd')) {
          const tally: ResponseTally = { graphqlErrors: 0, exportsCompleted: 0 };
          await warmUp({ ...planFor(scenario, endpoints.gateway!.endpoint, samples, tally, people), ...settings });
        }
        for (const scenario of chosenScenarios.filter((s) => s !== 'd')) await runScenario(scenario);
        scaling.export = await exportToEnd({ url: ours.url, token: tokens.c[0], pid: ours.pid });
        log(
          `${dialect} ${participants} export: ${scaling.export.participants} participants in ${scaling.export.pages} pages, ${scaling.export.seconds} s, gateway peak ${scaling.export.peakRssMb} MB`,
        );
        // tokens.c are analysts: they get protected figures, the path that matters.
        scaling.statistics = await statisticsRuns({ url: ours.url, token: tokens.c[0], pid: ours.pid, participants });
        log(
          `${dialect} ${participants} statistics by municipality and gender: ${scaling.statistics.cells} cells, median ${scaling.statistics.medianMs} ms (max ${scaling.statistics.maxMs}), ${scaling.statistics.msPer1000} ms per 1,000 participants, monitoring median ${scaling.statistics.monitoringMedianMs} ms, gateway peak ${scaling.statistics.peakRssMb} MB`,
        );
        if (chosenScenarios.includes('d')) await runScenario('d');
        result.scaling[String(participants)] = scaling;
      } finally {
        for (const p of processes) await p.stop();
        await subgraphs.stop();
      }
    }
    results.push(result);
  }

  const report = buildReport({
    results,
    statements,
    settings,
    quick,
    worlds,
    dialects,
    gatewayEnv,
    subgraphEnv,
    seconds: (Date.now() - started) / 1000,
  });
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  publish(report, values['update-benchmarks']!);
  log(`wrote bench/results/latest.json and latest.md in ${report.durationSeconds} s`);
}

/** The report's tables into bench/results/latest.md, and into BENCHMARKS.md when asked. */
function publish(report: Report, updateBenchmarks: boolean): void {
  const markdown = renderMarkdown(report);
  writeFileSync(join(BENCH_DIR, 'results', 'latest.md'), markdown);
  if (updateBenchmarks) updateBenchmarksMd(markdown);
  process.stdout.write(`\n${markdown}\n`);
}

function versionOf(pkg: string, from = repoRoot()): string {
  for (const base of [join(from, 'node_modules'), join(BENCH_DIR, 'node_modules')]) {
    try {
      return (JSON.parse(readFileSync(join(base, pkg, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // look in the next place
    }
  }
  return 'not installed';
}

export type Report = ReturnType<typeof buildReport>;

function buildReport(input: {
  results: DialectResult[];
  statements: Record<string, Record<string, Record<string, number>>>;
  settings: { connections: number; seconds: number; minResponses: number; maxSeconds: number; warmupSeconds: number; rounds: number };
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
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      os: `${osType()} ${release()}`,
      node: process.version,
    },
    versions: Object.fromEntries(
      [
        '@apollo/gateway',
        '@apollo/server',
        'graphql',
        'type-graphql',
        'typeorm',
        'better-sqlite3',
        'mysql2',
        '@graphql-hive/gateway',
        'autocannon',
      ].map((pkg) => [pkg, versionOf(pkg)]),
    ),
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

process.on('SIGINT', () => {
  killAll();
  process.exit(130);
});

main().catch((error: Error) => {
  killAll();
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
