import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';
import { BENCH_DIR } from './common';
import type { Report } from './results';
import { SCENARIO_TITLES, SCENARIOS, TARGETS } from './scenarios';

const TARGET_TITLES: Record<string, string> = {
  gateway: 'our gateway',
  apolloStock: 'stock @apollo/gateway',
  hive: 'Hive Gateway',
  direct: 'subgraph directly (its own part)',
  sql: 'raw SQL floor',
};

const cell = (value: number | null | undefined, suffix = '') => (value === null || value === undefined ? '–' : `${value}${suffix}`);

/** The results as Markdown: the table BENCHMARKS.md shows. */
export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  lines.push(
    `Run ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC, mode **${report.mode}**, ${report.durationSeconds} s. ` +
      `Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, ${report.machine.os}, Node ${report.machine.node}.`,
    '',
    `Versions: ${Object.entries(report.versions)
      .map(([pkg, version]) => `${pkg} ${version}`)
      .join(', ')}.`,
    '',
    `Load: autocannon, ${report.settings.connections} connections, ${report.settings.warmupSeconds} s warm-up then ${report.settings.seconds} s measured per scenario and target` +
      (report.settings.minResponses
        ? ` (longer until ${report.settings.minResponses} responses have arrived, at most ${report.settings.maxSeconds} s)`
        : '') +
      ((report.settings.rounds ?? 1) > 1
        ? `, ${report.settings.rounds} rounds taken in turn (the median round is shown, every round's req/s in brackets); `
        : '; ') +
      `world of ${report.world.participants} participants on ${report.world.dialect}; everything (load generator, gateways, subgraphs, databases) on this one machine.` +
      (Object.keys(report.settings.gatewayEnv).length ? ` Our gateway with ${JSON.stringify(report.settings.gatewayEnv)}.` : '') +
      (Object.keys(report.settings.subgraphEnv).length ? ` Subgraphs with ${JSON.stringify(report.settings.subgraphEnv)}.` : ''),
    '',
  );
  for (const scenario of SCENARIOS) {
    const row = report.scenarios[scenario];
    const ours = row.gateway?.rps;
    lines.push(`**(${scenario}) ${SCENARIO_TITLES[scenario]}**`, '');
    lines.push(
      '| target | req/s | p50 ms | p95 ms | p99 ms | errors | CPU % | CPU ms per request: target / all subgraphs / load generator | peak RSS MB | bytes per response | our gateway ÷ target (req/s) |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const target of TARGETS) {
      const m = row[target];
      if (!m) continue;
      const ratio = ours && m.rps ? (ours / m.rps).toFixed(2) : '–';
      lines.push(
        `| ${TARGET_TITLES[target]} | ${m.rps}${m.rpsRounds ? ` (${m.rpsRounds.join(' / ')})` : ''} | ${m.p50Ms} | ${m.p95Ms} | ${m.p99Ms} | ${m.errors} | ${cell(m.cpuPercent)} | ${cell(m.cpuMsPerRequest)} / ${cell(m.subgraphsCpuMsPerRequest)} / ${cell(m.loadGeneratorCpuMsPerRequest)} | ${cell(m.peakRssMb)} | ${cell(m.bytesPerResponse)} | ${target === 'gateway' ? '1.00' : ratio} |`,
      );
    }
    lines.push('');
  }
  for (const [dialect, result] of Object.entries(report.byDialect)) {
    if (dialect === report.world.dialect) continue;
    lines.push(
      `**The same world of ${report.world.participants} on ${dialect}: req/s (p95 ms), same run**`,
      '',
      `| scenario | ${TARGETS.map((t) => TARGET_TITLES[t]).join(' | ')} |`,
      `|---|${TARGETS.map(() => '---').join('|')}|`,
    );
    for (const scenario of SCENARIOS) {
      const row = result.scenarios[scenario];
      lines.push(`| (${scenario}) | ${TARGETS.map((t) => (row[t] ? `${row[t]!.rps} (${row[t]!.p95Ms})` : '–')).join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('**SQL statements per request of (a), by subgraph and page size**', '');
  for (const [dialect, bySubgraph] of Object.entries(report.sqlStatementsByDialect)) {
    lines.push(`| ${dialect} | page of 10 | page of 100 | page of 1000 |`, '|---|---|---|---|');
    for (const [subgraph, counts] of Object.entries(bySubgraph))
      lines.push(`| ${subgraph} | ${counts['10']} | ${counts['100']} | ${counts['1000']} |`);
    lines.push('');
  }
  lines.push(
    '**Growth with the world: our gateway**',
    '',
    '| database | participants | (a) req/s | (a) p50 / p95 ms | (b) req/s | (b) p50 / p95 ms | (c) whole export s | (c) ms per 1000 | (c) gateway peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const [dialect, result] of Object.entries(report.byDialect)) {
    for (const [participants, s] of Object.entries(result.scaling)) {
      lines.push(
        `| ${dialect} | ${participants} | ${cell(s.a?.rps)} | ${cell(s.a?.p50Ms)} / ${cell(s.a?.p95Ms)} | ${cell(s.b?.rps)} | ${cell(s.b?.p50Ms)} / ${cell(s.b?.p95Ms)} | ${cell(s.export?.seconds)} | ${cell(s.export?.msPer1000)} | ${cell(s.export?.peakRssMb)} |`,
      );
    }
  }
  lines.push(
    '',
    '**Statistics with the world: `statistics(by: [MUNICIPALITY, GENDER])` with every measure, as an analyst, through our gateway**',
    '',
    '| database | participants | cells | median ms | max ms | ms per 1000 participants | monitoring, 12 quarters: median ms | gateway peak RSS MB |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const [dialect, result] of Object.entries(report.byDialect)) {
    for (const [participants, s] of Object.entries(result.scaling)) {
      const run = s.statistics;
      if (!run) continue;
      lines.push(
        `| ${dialect} | ${participants} | ${run.cells} | ${run.medianMs} | ${run.maxMs} | ${run.msPer1000} | ${cell(run.monitoringMedianMs)} | ${cell(run.peakRssMb)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated part of BENCHMARKS.md (between its markers) with this run's tables. */
export function updateBenchmarksMd(markdown: string): void {
  const path = join(repoRoot(), 'BENCHMARKS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`BENCHMARKS.md has no ${START} … ${END} section to replace`);
  writeFileSync(path, `${current.slice(0, start + START.length)}\n${markdown}${current.slice(end)}`);
}

/** The report's tables into bench/results/latest.md, and into BENCHMARKS.md when asked. */
export function publish(report: Report, updateBenchmarks: boolean): void {
  const markdown = renderMarkdown(report);
  writeFileSync(join(BENCH_DIR, 'results', 'latest.md'), markdown);
  if (updateBenchmarks) updateBenchmarksMd(markdown);
  process.stdout.write(`\n${markdown}\n`);
}
