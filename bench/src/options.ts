import { parseArgs } from 'node:util';
import { SCENARIOS, TARGETS, type Scenario, type Target } from './scenarios';
import type { Dialect } from './worlds';

export const USAGE = `Usage: npm run bench -- [--quick] [options]

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

export interface Settings {
  connections: number;
  seconds: number;
  minResponses: number;
  maxSeconds: number;
  warmupSeconds: number;
  rounds: number;
}

export interface BenchOptions {
  quick: boolean;
  mysqlUrl: string | undefined;
  worlds: number[];
  dialects: Dialect[];
  targets: Target[];
  scenarios: Scenario[];
  settings: Settings;
  gatewayEnv: Record<string, string>;
  subgraphEnv: Record<string, string>;
  acceptEncoding: string | undefined;
  fresh: boolean;
  profile: string | undefined;
  updateBenchmarks: boolean;
}

export type Command = { kind: 'help' } | { kind: 'render-only'; updateBenchmarks: boolean } | { kind: 'run'; options: BenchOptions };

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

const envPairs = (value: string) =>
  Object.fromEntries(
    list(value).map((pair) => {
      const [key, ...rest] = pair.split('=');
      return [key, rest.join('=')];
    }),
  );

/** The command line, checked; throws with the flag's name on a bad value. */
export function parseCommand(): Command {
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
  if (values.help) return { kind: 'help' };
  if (values['render-only']) return { kind: 'render-only', updateBenchmarks: values['update-benchmarks']! };
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
  const settings: Settings = {
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
  return {
    kind: 'run',
    options: {
      quick,
      mysqlUrl,
      worlds,
      dialects,
      targets,
      scenarios,
      settings,
      gatewayEnv: envPairs(values['gateway-env']!),
      subgraphEnv: envPairs(values['subgraph-env']!),
      acceptEncoding: values['accept-encoding'],
      fresh: values.fresh!,
      profile: values.profile,
      updateBenchmarks: values['update-benchmarks']!,
    },
  };
}
