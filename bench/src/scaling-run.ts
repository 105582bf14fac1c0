import { type ProviderRegistry } from '@durchstarten/contracts';
import { log } from './common';
import { signTokens, startEndpoints } from './endpoints';
import { exportToEnd } from './export';
import type { BenchOptions } from './options';
import { runSecrets, startSubgraphs, type BenchProcess } from './processes';
import type { DialectResult, ScalingResult } from './results';
import { runScenario, warmUpScenarios, type ScenarioRun } from './scenario-run';
import { worldSamples, type Scenario } from './scenarios';
import { statisticsRuns } from './statistics';
import { prepareWorld, type Dialect } from './worlds';

/**
 * One world size on one dialect: seed it, start its subgraphs and targets, measure.
 * The first world (`full`) fills `result.scenarios` for every target; every world adds its scaling row.
 */
export async function runWorld(input: {
  options: BenchOptions;
  registry: ProviderRegistry;
  dialect: Dialect;
  participants: number;
  full: boolean;
  result: DialectResult;
}): Promise<void> {
  const { options, registry, dialect, participants, full, result } = input;
  const { settings } = options;
  // Small worlds are seeded afresh each run so earlier runs' writes (scenario d) change nothing read.
  const world = await prepareWorld({
    participants,
    dialect,
    registry,
    mysqlUrl: options.mysqlUrl,
    fresh: options.fresh || participants <= 1000,
  });
  const secrets = runSecrets(registry);
  const subgraphs = await startSubgraphs({ registry, secrets, databases: world.databases, extraEnv: options.subgraphEnv });
  const processes: BenchProcess[] = [];
  try {
    // One person per connection (scenario c uses fewer connections, so fewer of its people are used).
    const people = settings.connections;
    const tokens = await signTokens(people, secrets.jwtSecret);
    const samples = worldSamples(world.world);
    const { ours, endpoints } = await startEndpoints({
      full,
      targets: options.targets,
      subgraphs,
      secrets,
      databases: world.databases,
      gatewayEnv: options.gatewayEnv,
      acceptEncoding: options.acceptEncoding,
      tokens,
      processes,
    });
    const run: ScenarioRun = {
      label: `${dialect} ${participants}`,
      full,
      targets: options.targets,
      settings,
      endpoints,
      samples,
      people,
      subgraphPids: Object.values(subgraphs.processes).map((p) => p.pid),
      rotation: 0,
    };
    // Scenario by scenario, every target in turn; the write scenario last so that reads see the seeded world.
    const scaling: ScalingResult = {};
    const measureScenario = async (scenario: Scenario) => {
      for (const [target, chosen] of await runScenario(run, scenario)) {
        if (full) result.scenarios[scenario][target] = chosen;
        if (target === 'gateway' && (scenario === 'a' || scenario === 'b')) scaling[scenario] = chosen;
      }
    };
    // Reads first, then the whole export, then the write scenario: its sessions would otherwise change what is read.
    const chosenScenarios = full ? options.scenarios : options.scenarios.filter((s) => s === 'a' || s === 'b');
    const reads = chosenScenarios.filter((s) => s !== 'd');
    await warmUpScenarios(run, reads);
    for (const scenario of reads) await measureScenario(scenario);
    scaling.export = await exportToEnd({ url: ours.url, token: tokens.c[0], pid: ours.pid });
    log(
      `${dialect} ${participants} export: ${scaling.export.participants} participants in ${scaling.export.pages} pages, ${scaling.export.seconds} s, gateway peak ${scaling.export.peakRssMb} MB`,
    );
    // tokens.c are analysts: they get protected figures, the path that matters.
    scaling.statistics = await statisticsRuns({ url: ours.url, token: tokens.c[0], pid: ours.pid, participants });
    log(
      `${dialect} ${participants} statistics by municipality and gender: ${scaling.statistics.cells} cells, median ${scaling.statistics.medianMs} ms (max ${scaling.statistics.maxMs}), ${scaling.statistics.msPer1000} ms per 1,000 participants, monitoring median ${scaling.statistics.monitoringMedianMs} ms, gateway peak ${scaling.statistics.peakRssMb} MB`,
    );
    if (chosenScenarios.includes('d')) await measureScenario('d');
    result.scaling[String(participants)] = scaling;
  } finally {
    for (const p of processes) await p.stop();
    await subgraphs.stop();
  }
}
