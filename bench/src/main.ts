import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';
import { ProviderRegistry } from '@durchstarten/contracts';
import { testDialects } from '@durchstarten/kit/testing';
import { BENCH_DIR, log } from './common';
import { parseCommand, USAGE, type BenchOptions } from './options';
import { killAll, profileInto } from './processes';
import { publish } from './report';
import { buildReport, type DialectResult, type Report } from './results';
import { runWorld } from './scaling-run';
import { countStatements } from './statements';

async function main(): Promise<void> {
  const command = parseCommand();
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command.kind === 'render-only') {
    const report = JSON.parse(readFileSync(join(BENCH_DIR, 'results', 'latest.json'), 'utf8')) as Report;
    publish(report, command.updateBenchmarks);
    return;
  }
  const { options } = command;
  profileInto(options.profile);
  const registry = ProviderRegistry.fromFile(join(repoRoot(), 'services', 'kreis', 'providers.json'));
  const started = Date.now();
  const { results, statements } = await measureDialects(options, registry);
  const report = buildReport({
    results,
    statements,
    settings: options.settings,
    quick: options.quick,
    worlds: options.worlds,
    dialects: options.dialects,
    gatewayEnv: options.gatewayEnv,
    subgraphEnv: options.subgraphEnv,
    seconds: (Date.now() - started) / 1000,
  });
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  publish(report, options.updateBenchmarks);
  log(`wrote bench/results/latest.json and latest.md in ${report.durationSeconds} s`);
}

/** Per dialect: SQL statements per request, then every world size; the first world gets the full matrix. */
async function measureDialects(
  options: BenchOptions,
  registry: ProviderRegistry,
): Promise<{ results: DialectResult[]; statements: Record<string, Record<string, Record<string, number>>> }> {
  const { worlds } = options;
  const results: DialectResult[] = [];
  const statements: Record<string, Record<string, Record<string, number>>> = {};
  for (const dialect of options.dialects) {
    const testDialect = testDialects({ TEST_MYSQL_URL: options.mysqlUrl }).find((d) =>
      dialect === 'sqlite' ? d.name === 'sqlite' : d.name !== 'sqlite',
    )!;
    log(`SQL statements per request on ${dialect} (pages of 10, 100, 1000)`);
    statements[dialect] = await countStatements(testDialect);

    const result: DialectResult = { dialect, participants: worlds[0], scenarios: { a: {}, b: {}, c: {}, d: {} }, scaling: {} };
    for (const [index, participants] of worlds.entries()) {
      await runWorld({ options, registry, dialect, participants, full: index === 0, result });
    }
    results.push(result);
  }
  return { results, statements };
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
