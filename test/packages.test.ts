/**
 * Each subgraph is a package a partner can take away: everything it imports is
 * declared in its own package.json, no import reaches outside its folder, and
 * other packages are reached by name through their exports map only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '@durchstarten/kit';

const ROOT = repoRoot();
const WORKSPACES: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
// Import and export declarations, side-effect imports, dynamic imports and require calls.
const IMPORT =
  /^(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/gm;

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  exports?: Record<string, unknown>;
}

function sourcesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesOf(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** `@scope/name/sub` or `name/sub` to the package name. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe.each(WORKSPACES)('package %s', (workspace) => {
  const dir = join(ROOT, workspace);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  const imports = sourcesOf(join(dir, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => ({
      file: relative(ROOT, file),
      specifier: match[1] ?? match[2] ?? match[3],
    })),
  );

  it('declares every package its code imports, tests aside', () => {
    const declared = new Set(Object.keys(manifest.dependencies ?? {}));
    const missing = imports
      .filter(({ file, specifier }) => !file.endsWith('.test.ts') && !specifier.startsWith('.') && !specifier.startsWith('node:'))
      .map(({ specifier }) => packageOf(specifier))
      .filter((name) => name !== manifest.name && !declared.has(name));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('imports nothing outside its own folder by path', () => {
    const escaping = imports
      .filter(({ specifier }) => specifier.startsWith('.'))
      .filter(({ file, specifier }) => relative(dir, resolve(ROOT, dirname(file), specifier)).startsWith('..'));
    expect(escaping).toEqual([]);
  });

  it('is reached through an exports map that gives the source for tests and dist/ for node', () => {
    expect(manifest.name).toMatch(/^@durchstarten\//);
    const entries = Object.values(manifest.exports ?? {}) as Array<Record<string, string>>;
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry['@durchstarten/source']).toMatch(/^\.\/src\/.+\.ts$/);
      expect(entry.default).toMatch(/^\.\/dist\/.+\.js$/);
    }
  });
});
