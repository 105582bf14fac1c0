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

// Static, dynamic and re-exporting imports with a relative specifier or one of the workspace's own packages;
// other packages come from node_modules, not from the build.
const IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"](\.{1,2}\/[^'"]+|@durchstarten\/[^'"]+)['"]/g;
const SOURCE_CONDITION = '@durchstarten/source';

/** The workspace packages by name: their folder and exports map (root package.json `workspaces`). */
function workspacesOf(root) {
  const found = new Map();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const dir of manifest.workspaces ?? []) {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    found.set(pkg.name, { dir: resolve(root, dir), exports: pkg.exports ?? {} });
  }
  return found;
}

/** `@durchstarten/kit/testing` to the source file its exports map names under the source condition. */
function resolvePackageImport(specifier, workspaces) {
  const [scope, name, ...rest] = specifier.split('/');
  const pkg = workspaces.get(`${scope}/${name}`);
  if (!pkg) return undefined;
  const subpath = rest.length ? `./${rest.join('/')}` : '.';
  for (const [pattern, target] of Object.entries(pkg.exports)) {
    const source = target[SOURCE_CONDITION];
    if (!source) continue;
    if (pattern === subpath) return join(pkg.dir, source);
    const star = pattern.indexOf('*');
    if (star >= 0 && subpath.startsWith(pattern.slice(0, star))) return join(pkg.dir, source.replace('*', subpath.slice(star)));
  }
  return undefined;
}

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

/** The repository files `entry` loads at run time, itself included, following relative and workspace imports transitively. */
function sourcesOf(entry, root = ROOT) {
  const workspaces = workspacesOf(root);
  const seen = new Set();
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const packageSource = match[1].startsWith('.') ? undefined : resolvePackageImport(match[1], workspaces);
      const target = match[1].startsWith('.')
        ? resolveImport(dirname(file), match[1])
        : packageSource && resolveImport(root, packageSource);
      if (target) pending.push(target);
    }
  }
  return [...seen];
}

/**
 * Where tsc writes a source, `.ts` becoming `.js` (JSON files are copied as they are):
 * a package's src/ to its own dist/, the repository's scripts to dist/<same path>.
 */
function outputOf(source, root = ROOT) {
  const compiled = (path) => (path.endsWith('.ts') ? `${path.slice(0, -3)}.js` : path);
  for (const { dir } of workspacesOf(root).values()) {
    const inPackage = relative(join(dir, 'src'), source);
    if (!inPackage.startsWith('..')) return join(dir, 'dist', compiled(inPackage));
  }
  return join(root, 'dist', compiled(relative(root, source)));
}

/** Sources (relative to root) whose compiled output is missing or older; tsconfig.base.json counts against the entry's output. */
function staleSources(entry, root = ROOT) {
  const stale = sourcesOf(entry, root).filter((source) => {
    const built = modifiedAt(outputOf(source, root));
    return built === undefined || built < modifiedAt(source);
  });
  const entryBuilt = modifiedAt(outputOf(resolve(root, entry), root));
  const config = join(root, 'tsconfig.base.json');
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
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', join(ROOT, 'tsconfig.build.json')], {
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
