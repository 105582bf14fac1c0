import { readFileSync } from 'node:fs';
import type { Instance, Options } from 'autocannon';
import { benchRequire } from './common';
import type { ResponseTally } from './scenarios';

/** The contract shape of one scenario × target in results/latest.json, plus what the run observed of the target's processes. */
export interface Measurement {
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
  /** CPU of the target's processes, in % of one core, averaged over the measurement. */
  cpuPercent?: number;
  /** Highest resident memory of the target's processes together, in MB. */
  peakRssMb?: number;
  /** CPU time the target's processes spent per request, in ms: its own cost, whatever the subgraphs behind it cost. */
  cpuMsPerRequest?: number;
  /** CPU time all four subgraph processes spent per request, in ms (Linux). */
  subgraphsCpuMsPerRequest?: number;
  /** CPU time the load generator (this process) spent per request, in ms. */
  loadGeneratorCpuMsPerRequest?: number;
  /** Average size of a response, headers included, in bytes. */
  bytesPerResponse?: number;
  /** With --rounds: the requests/s of every round (this measurement is the median one; errors are summed). */
  rpsRounds?: number[];
  /** How long the measurement ran: the seconds asked for, or longer until the minimum of responses arrived. */
  measuredSeconds?: number;
  /** Set when the hard cap ended the measurement before the minimum of responses arrived: too few to trust. */
  belowMinimum?: true;
}

/** Clock ticks per second of /proc/<pid>/stat times: USER_HZ, 100 on Linux. */
const USER_HZ = 100;

/** CPU seconds (user + system) the processes have used so far, read from /proc; undefined where there is none. */
function cpuSecondsOf(pids: number[]): number | undefined {
  if (process.platform !== 'linux') return undefined;
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return undefined;
    }
  }
  return ticks / USER_HZ;
}

type Autocannon = (options: Options) => Instance;
const autocannon = () => benchRequire('autocannon') as Autocannon;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** Samples CPU and RSS of a process and its children (gateway workers) while a measurement runs. */
export function sampleResources(pid: number | undefined, everyMs = 500) {
  if (pid === undefined) return { stop: async () => ({}) as Pick<Measurement, 'cpuPercent' | 'peakRssMb'> };
  const pidusage = benchRequire('pidusage') as typeof import('pidusage');
  const pidtree = benchRequire('pidtree') as (pid: number, options: { root: boolean }) => Promise<number[]>;
  const cpu: number[] = [];
  let peakRss = 0;
  let sampling = Promise.resolve();
  const sample = async () => {
    try {
      const pids = await pidtree(pid, { root: true });
      const stats = await pidusage(pids);
      const values = Object.values(stats);
      cpu.push(values.reduce((sum, s) => sum + s.cpu, 0));
      peakRss = Math.max(
        peakRss,
        values.reduce((sum, s) => sum + s.memory, 0),
      );
    } catch {
      // a worker that just exited: skip this sample
    }
  };
  sampling = sampling.then(sample);
  const timer = setInterval(() => {
    sampling = sampling.then(sample);
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      // A last sample: a short run (a small export) may end before the first interval.
      sampling = sampling.then(sample);
      await sampling;
      pidusage.clear();
      // The first sample only starts pidusage's clock; each later one covers the time since the one before.
      const measured = cpu.slice(1);
      const cpuPercent = measured.length ? measured.reduce((a, b) => a + b, 0) / measured.length : undefined;
      return { cpuPercent: cpuPercent === undefined ? undefined : round(cpuPercent, 0), peakRssMb: round(peakRss / 1024 / 1024, 0) };
    },
  };
}

function run(options: Options): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon()(options);
    instance.on('done', () => resolve());
    instance.on('error', reject);
  });
}

/** When a measurement may end: after `seconds` once `minResponses` responses have arrived, and after `maxSeconds` in any case. */
export interface MeasurementWindow {
  seconds: number;
  minResponses: number;
  maxSeconds: number;
}

/**
 * One autocannon run that lasts at least `window.seconds` and goes on until `window.minResponses` responses have
 * arrived, but no longer than `window.maxSeconds`: on a busy machine a fixed short window can end before a single
 * response (CI once measured scenario (a) at 0 req/s). It ends at once when both the time and the count are reached.
 */
function runWindow(
  options: Options,
  window: MeasurementWindow,
  onLatency: (ms: number) => void,
): Promise<{ errors: number; non2xx: number; timeouts: number; bytes: number; responses: number }> {
  return new Promise((resolve, reject) => {
    let responses = 0;
    let windowOver = false;
    let stopped = false;
    const instance = autocannon()({ ...options, duration: window.maxSeconds });
    const stopWhenDone = () => {
      if (stopped || !windowOver || responses < window.minResponses) return;
      stopped = true;
      instance.stop();
    };
    const timer = setTimeout(() => {
      windowOver = true;
      stopWhenDone();
    }, window.seconds * 1000);
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      responses += 1;
      onLatency(ms);
      stopWhenDone();
    });
    instance.on('done', (result) => {
      clearTimeout(timer);
      resolve({ errors: result.errors, non2xx: result.non2xx, timeouts: result.timeouts, bytes: result.throughput.total, responses });
    });
    instance.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Load without measuring, to bring processes and caches to their steady state. */
export async function warmUp(options: {
  url: string;
  requests: Options['requests'];
  initialContext?: Record<string, unknown>;
  connections: number;
  warmupSeconds: number;
}): Promise<void> {
  await run({ ...loadOptions(options), duration: options.warmupSeconds });
}

function loadOptions(options: {
  url: string;
  requests: Options['requests'];
  initialContext?: Record<string, unknown>;
  connections: number;
}): Options {
  return {
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    timeout: 30,
    requests: options.requests,
    initialContext: options.initialContext,
  } as Options;
}

/**
 * Warms the target up, then loads it at a fixed number of connections for `seconds`, and longer until
 * `minResponses` responses have arrived (at most `maxSeconds`); latencies are taken per response, so p95
 * is exact (autocannon itself reports p97.5).
 */
export async function measure(options: {
  url: string;
  requests: Options['requests'];
  initialContext?: Record<string, unknown>;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  minResponses: number;
  maxSeconds: number;
  tally: ResponseTally;
  pid?: number;
  /** The subgraph processes behind the target, to say how much CPU they took per request. */
  subgraphPids?: number[];
}): Promise<Measurement> {
  await warmUp(options);
  options.tally.graphqlErrors = 0;
  options.tally.exportsCompleted = 0;
  const latencies: number[] = [];
  const resources = sampleResources(options.pid);
  const pidtree = benchRequire('pidtree') as (pid: number, options: { root: boolean }) => Promise<number[]>;
  const targetPids = options.pid === undefined ? [] : await pidtree(options.pid, { root: true });
  const targetBefore = cpuSecondsOf(targetPids);
  const subgraphsBefore = cpuSecondsOf(options.subgraphPids ?? []);
  const generatorBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await runWindow(loadOptions(options), options, (ms) => latencies.push(ms));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const generator = process.cpuUsage(generatorBefore);
  const subgraphsAfter = cpuSecondsOf(options.subgraphPids ?? []);
  const targetAfter = cpuSecondsOf(targetPids);
  const usage = await resources.stop();
  latencies.sort((a, b) => a - b);
  const perRequestMs = (cpuSeconds: number) => (latencies.length ? round((cpuSeconds * 1000) / latencies.length, 2) : undefined);
  const rps = latencies.length / seconds;
  return {
    rps: round(rps),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    errors: result.errors + result.non2xx + options.tally.graphqlErrors,
    requests: latencies.length,
    ...usage,
    ...(usage.cpuPercent !== undefined && rps > 0 ? { cpuMsPerRequest: round((usage.cpuPercent * 10) / rps, 2) } : {}),
    // Exact figures from /proc where there is one, instead of pidusage's samples.
    ...(targetBefore !== undefined && targetAfter !== undefined && targetPids.length
      ? { cpuPercent: round(((targetAfter - targetBefore) / seconds) * 100, 0), cpuMsPerRequest: perRequestMs(targetAfter - targetBefore) }
      : {}),
    ...(subgraphsBefore !== undefined && subgraphsAfter !== undefined && options.subgraphPids?.length
      ? { subgraphsCpuMsPerRequest: perRequestMs(subgraphsAfter - subgraphsBefore) }
      : {}),
    loadGeneratorCpuMsPerRequest: perRequestMs((generator.user + generator.system) / 1e6),
    ...(latencies.length ? { bytesPerResponse: Math.round(result.bytes / latencies.length) } : {}),
    measuredSeconds: round(seconds),
    ...(latencies.length < options.minResponses ? { belowMinimum: true as const } : {}),
  };
}
