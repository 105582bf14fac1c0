'use strict';
/**
 * `node scripts/run-built.cjs scripts/token.ts [args…]`: runs the compiled script from dist/,
 * building the project first only when dist/ lacks it or is older than a source it loads.
 * Plain JavaScript, so that it runs before anything is compiled; `npm run token` used to run
 * the whole tsc build (about 15 s) on every call for a script that itself takes under a second.
 */
const { spawnSync } = require('node:child_process');
const { readFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');

// Static, dynamic and re-exporting imports with a relative specifier; packages come from node_modules, not from the build.
const RELATIVE_IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function modifiedAt(path) {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

function resolveImport(fromDir, specifier) {
  const base = resolve(fromDir, specifier);
  const candidates = [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  return candidates.find((candidate) => modifiedAt(candidate) !== undefined);
}

/** The repository files `entry` loads at run time, itself included, following relative imports transitively. */
function sourcesOf(entry, root = ROOT) {
  const seen = new Set();
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolveImport(dirname(file), match[1]);
      if (target) pending.push(target);
    }
  }
  return [...seen];
}

/** Where tsc writes a source: dist/<same path>, `.ts` becoming `.js` (JSON files are copied as they are). */
function outputOf(source, root = ROOT) {
  const path = relative(root, source);
  return join(root, 'dist', path.endsWith('.ts') ? `${path.slice(0, -3)}.js` : path);
}

/** Sources (relative to root) whose compiled output is missing or older; tsconfig.json counts against the entry's output. */
function staleSources(entry, root = ROOT) {
  const stale = sourcesOf(entry, root).filter((source) => {
    const built = modifiedAt(outputOf(source, root));
    return built === undefined || built < modifiedAt(source);
  });
  const entryBuilt = modifiedAt(outputOf(resolve(root, entry), root));
  const config = join(root, 'tsconfig.json');
  if (entryBuilt !== undefined && entryBuilt < (modifiedAt(config) ?? 0)) stale.push(config);
  return stale.map((file) => relative(root, file));
}

function main() {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('Usage: node scripts/run-built.cjs <script.ts> [arguments…]\n');
    process.exit(2);
  }
  if (staleSources(entry).length > 0) {
    // The compiler's messages go to stderr: stdout carries only what the script prints (a token read by $(…)).
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], {
      cwd: ROOT,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    if (tsc.status !== 0) {
      process.stderr.write(`run-built: the build failed; ${entry} was not run\n`);
      process.exit(tsc.status ?? 1);
    }
  }
  const compiled = outputOf(resolve(ROOT, entry));
  // The script reads its own arguments from process.argv, as it would when started by node directly.
  process.argv = [process.argv[0], compiled, ...args];
  require(compiled);
}

if (require.main === module) main();

module.exports = { sourcesOf, staleSources, outputOf };
