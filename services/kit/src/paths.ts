import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT_PACKAGE = 'durchstarten-graph';
let cachedRoot: string | undefined;

/**
 * The repository root, whether code runs from source (tests) or from dist/. A package
 * lifted out of the repository (a partner's own deployment) uses its working directory.
 */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === ROOT_PACKAGE) return (cachedRoot = dir);
    } catch {
      // no package.json here: keep climbing
    }
    const parent = resolve(dir, '..');
    if (parent === dir) return (cachedRoot = process.cwd());
    dir = parent;
  }
}

/** Default embedded database of a service: `data/<name>.sqlite` in the repository. */
export function defaultSqliteUrl(name: string): string {
  return `sqlite:${join(repoRoot(), 'data', `${name}.sqlite`)}`;
}
