import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';

/** The benchmark's own package; its dependencies live in bench/node_modules, outside the project's install. */
export const BENCH_DIR = join(repoRoot(), 'bench');

/**
 * Loads a dependency of the benchmark package. The compiled benchmark runs from
 * dist/ next to the project's code, where Node would not look in bench/node_modules.
 */
export const benchRequire = createRequire(join(BENCH_DIR, 'package.json'));

export function log(message: string): void {
  process.stderr.write(`bench | ${message}\n`);
}
