import { readFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';
import { BENCH_DIR } from './common';

/** The machine the numbers were measured on. */
export function describeMachine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

/** Installed versions of the packages that decide the numbers. */
export function packageVersions(): Record<string, string> {
  return Object.fromEntries(
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
  );
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
