// Checks bench/results/latest.json against its contract (CI runs it after `npm run bench -- --quick`):
// scenarios.<a|b|c|d>.<target> with rps, p50Ms, p95Ms, p99Ms, errors; sqlStatements.<subgraph>.<pageSize>
// equal for pages of 10, 100 and 1000; how long each measurement ran (measuredSeconds); no errors through our gateway; a statistics run for every world.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const path = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
const report = JSON.parse(readFileSync(path, 'utf8'));
const problems = [];
for (const scenario of ['a', 'b', 'c', 'd']) {
  for (const target of ['gateway', 'apolloStock', 'hive', 'direct', 'sql']) {
    const m = report.scenarios?.[scenario]?.[target];
    if (!m) {
      problems.push(`scenarios.${scenario}.${target} is missing`);
      continue;
    }
    for (const key of ['rps', 'p50Ms', 'p95Ms', 'p99Ms', 'errors']) {
      if (typeof m[key] !== 'number' || !Number.isFinite(m[key])) problems.push(`scenarios.${scenario}.${target}.${key} is not a number`);
    }
    if (!(m.rps > 0)) problems.push(`scenarios.${scenario}.${target} served no requests`);
    if (!(m.measuredSeconds > 0)) problems.push(`scenarios.${scenario}.${target}.measuredSeconds is missing`);
  }
  if (report.scenarios?.[scenario]?.gateway?.errors !== 0) problems.push(`our gateway had errors in scenario ${scenario}`);
}
const subgraphs = Object.entries(report.sqlStatements ?? {});
if (subgraphs.length < 4) problems.push('sqlStatements lists fewer than four subgraphs');
for (const [subgraph, counts] of subgraphs) {
  const values = ['10', '100', '1000'].map((size) => counts[size]);
  if (values.some((v) => typeof v !== 'number' || v < 1)) problems.push(`sqlStatements.${subgraph} lacks a page size`);
  else if (new Set(values).size !== 1) problems.push(`sqlStatements.${subgraph} grows with the page: ${values.join(' / ')}`);
}
for (const [dialect, result] of Object.entries(report.byDialect ?? {})) {
  for (const [participants, scaling] of Object.entries(result.scaling ?? {})) {
    const run = scaling.statistics;
    if (!run) problems.push(`byDialect.${dialect}.scaling.${participants}.statistics is missing`);
    else if (!(run.cells > 0 && run.medianMs > 0)) problems.push(`the statistics run on ${dialect} ${participants} answered no cells`);
  }
}
if (problems.length) {
  process.stderr.write(`bench results break their contract:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`bench results: all 20 scenario × target entries and ${subgraphs.length} subgraphs' statement counts as promised\n`);
