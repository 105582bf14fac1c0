import { log } from './common';
import { measure, warmUp, type Measurement } from './load';
import type { Settings } from './options';
import { planFor, type Endpoint, type ResponseTally, type Scenario, type Target, type worldSamples } from './scenarios';

export interface TargetEndpoint {
  endpoint: Endpoint;
  pid?: number;
  /** A scenario whose work lands in another process than `pid`. */
  pidFor?: Partial<Record<Scenario, number>>;
}

export type Endpoints = Partial<Record<Target, TargetEndpoint>>;

/** One world's targets, measured scenario by scenario. */
export interface ScenarioRun {
  /** `dialect participants`, the start of every log line. */
  label: string;
  /** The first world measures every target; the others only our gateway. */
  full: boolean;
  targets: Target[];
  settings: Settings;
  endpoints: Endpoints;
  samples: ReturnType<typeof worldSamples>;
  /** People (tokens) per scenario: one per connection. */
  people: number;
  subgraphPids: number[];
  /**
   * Each scenario starts with another target, so that no gateway is always the one measured
   * first (right after the subgraphs warmed up) or last (after the others' requests).
   */
  rotation: number;
}

/** Exports are few and heavy (an analyst's job, pages of 500): a quarter of the connections. */
export const connectionsFor = (scenario: Scenario, connections: number) =>
  scenario === 'c' ? Math.max(1, Math.floor(connections / 4)) : connections;

/** The round with the median requests/s, with every round's requests/s and errors beside it. */
function medianRound(rounds: Measurement[]): Measurement {
  const sorted = [...rounds].sort((a, b) => a.rps - b.rps);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (rounds.length === 1) return median;
  return { ...median, errors: rounds.reduce((sum, r) => sum + r.errors, 0), rpsRounds: rounds.map((r) => r.rps) };
}

/** Subgraphs and databases warm (JIT, page cache, buffer pool) before anything is measured. */
export async function warmUpScenarios(run: ScenarioRun, scenarios: Scenario[]): Promise<void> {
  for (const scenario of scenarios) {
    const tally: ResponseTally = { graphqlErrors: 0, exportsCompleted: 0 };
    await warmUp({ ...planFor(scenario, run.endpoints.gateway!.endpoint, run.samples, tally, run.people), ...run.settings });
  }
}

/** Every target's median round for the scenario, in the order the targets were first measured. */
export async function runScenario(run: ScenarioRun, scenario: Scenario): Promise<Array<[Target, Measurement]>> {
  const { full, targets, settings } = run;
  const rounds: Partial<Record<Target, Measurement[]>> = {};
  // With --rounds, every target is measured once per round, in turn, and the median round counts:
  // the machine's own noise then hits all targets alike.
  for (let round = 0; round < (full ? settings.rounds : 1); round += 1) {
    const order = full ? targets.map((_, i) => targets[(i + run.rotation) % targets.length]) : (['gateway'] as const);
    run.rotation += 1;
    for (const target of order) {
      const chosen = run.endpoints[target];
      if (!chosen) continue;
      const tally: ResponseTally = { graphqlErrors: 0, exportsCompleted: 0 };
      const plan = planFor(scenario, chosen.endpoint, run.samples, tally, run.people);
      const measured = await measure({
        ...plan,
        ...settings,
        connections: connectionsFor(scenario, settings.connections),
        tally,
        pid: chosen.pidFor?.[scenario] ?? chosen.pid,
        subgraphPids: run.subgraphPids,
      });
      log(measurementLine(run, scenario, target, measured));
      (rounds[target] ??= []).push(measured);
    }
  }
  return (Object.entries(rounds) as Array<[Target, Measurement[]]>).map(([target, measured]) => [target, medianRound(measured)]);
}

function measurementLine(run: ScenarioRun, scenario: Scenario, target: Target, measured: Measurement): string {
  const { settings } = run;
  return (
    `${run.label} (${scenario}) ${target.padEnd(11)} ${String(measured.rps).padStart(7)} req/s  p50 ${measured.p50Ms} ms  p95 ${measured.p95Ms} ms  p99 ${measured.p99Ms} ms  errors ${measured.errors}` +
    `  ${measured.requests} responses in ${measured.measuredSeconds} s${measured.belowMinimum ? ` (fewer than ${settings.minResponses}: capped at ${settings.maxSeconds} s)` : ''}` +
    (measured.cpuPercent !== undefined
      ? `  cpu ${measured.cpuPercent}% (${measured.cpuMsPerRequest} ms/request)  rss ${measured.peakRssMb} MB`
      : '') +
    `  cpu ms/request: subgraphs ${measured.subgraphsCpuMsPerRequest ?? '–'}, load generator ${measured.loadGeneratorCpuMsPerRequest}`
  );
}
