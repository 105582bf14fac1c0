import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { jwtVerify } from 'jose';
import { graphManifest, ProviderRegistry, providerRegistryPath } from '@durchstarten/contracts';
import { repoRoot } from '@durchstarten/kit';
import { DEV_AUDIENCE, DEV_ISSUER } from '@durchstarten/gateway/auth';

// Plain JavaScript (it runs before anything is compiled), hence require and a declared shape.
const { sourcesOf, staleSources } = require('./run-built.cjs') as {
  sourcesOf(entry: string, root?: string): string[];
  staleSources(entry: string, root?: string): string[];
};

describe('run-built: builds only when dist/ is older than the sources a script loads', () => {
  let root: string;
  const write = (path: string, text: string, secondsAgo: number) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    const at = Date.now() / 1000 - secondsAgo;
    utimesSync(file, at, at);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'run-built-'));
    write('tsconfig.base.json', '{}', 100);
    write('package.json', JSON.stringify({ workspaces: ['packages/util'] }), 100);
    write(
      'packages/util/package.json',
      JSON.stringify({
        name: '@durchstarten/util',
        exports: { '.': { '@durchstarten/source': './src/index.ts', default: './dist/index.js' } },
      }),
      100,
    );
    write('packages/util/src/index.ts', 'export const u = 1;\n', 100);
    write(
      'scripts/tool.ts',
      "import { a } from '../lib/a';\nimport type { T } from './types';\nimport { u } from '@durchstarten/util';\nimport 'other-package';\nexport {};\n",
      100,
    );
    write('lib/a.ts', "export * from './nested';\nimport data from './data.json';\n", 100);
    write('lib/nested/index.ts', "import { readFileSync } from 'node:fs';\nexport const n = require('../b');\n", 100);
    write('lib/b.ts', 'export const b = 1;\n', 100);
    write('lib/data.json', '{}', 100);
    write('scripts/types.ts', 'export type T = 1;\n', 100);
    write('lib/unused.ts', 'export const unused = 1;\n', 100);
    for (const built of ['scripts/tool.js', 'lib/a.js', 'lib/nested/index.js', 'lib/b.js', 'lib/data.json', 'scripts/types.js']) {
      write(join('dist', built), '', 50);
    }
    write('packages/util/dist/index.js', '', 50);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('follows relative imports of every form and the workspace’s own packages, and no other package or unrelated file', () => {
    expect(
      sourcesOf('scripts/tool.ts', root)
        .map((file) => file.slice(root.length + 1))
        .sort(),
    ).toEqual([
      'lib/a.ts',
      'lib/b.ts',
      'lib/data.json',
      'lib/nested/index.ts',
      'packages/util/src/index.ts',
      'scripts/tool.ts',
      'scripts/types.ts',
    ]);
  });

  it('finds nothing to build when every output is newer than its source', () => {
    expect(staleSources('scripts/tool.ts', root)).toEqual([]);
  });

  it('names a source changed after the build, a missing output, a package’s changed source and a newer tsconfig.base.json', () => {
    write('lib/b.ts', 'export const b = 2;\n', 10);
    rmSync(join(root, 'dist/lib/a.js'));
    write('packages/util/src/index.ts', 'export const u = 2;\n', 10);
    write('tsconfig.base.json', '{"compilerOptions":{}}', 10);
    expect(staleSources('scripts/tool.ts', root).sort()).toEqual([
      'lib/a.ts',
      'lib/b.ts',
      'packages/util/src/index.ts',
      'tsconfig.base.json',
    ]);
  });

  it('ignores changes to files the script does not load', () => {
    write('lib/unused.ts', 'export const unused = 2;\n', 1);
    expect(staleSources('scripts/tool.ts', root)).toEqual([]);
  });
});

describe('npm run -s token', () => {
  const secret = 'a-development-secret-of-32-characters-or-more';
  const token = (args: string[]) =>
    spawnSync(process.execPath, [join(repoRoot(), 'scripts/run-built.cjs'), 'scripts/token.ts', ...args], {
      cwd: repoRoot(),
      env: { ...process.env, JWT_SECRET: secret, NODE_ENV: 'development' },
      encoding: 'utf8',
    });

  beforeAll(() => {
    // Builds here, once, if this checkout's dist/ is stale, so that the runs below only run the script.
    execFileSync(process.execPath, [join(repoRoot(), 'scripts/run-built.cjs'), 'scripts/token.ts', '--help'], { cwd: repoRoot() });
  });

  it('prints only the token on stdout, and leaves nothing to build afterwards', async () => {
    const run = token(['--org', 'kreis', '--role', 'caseworker']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { payload } = await jwtVerify(run.stdout.trim(), new TextEncoder().encode(secret), {
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    });
    expect(payload).toMatchObject({ org: 'kreis', roles: ['caseworker'], sub: 'kreis-caseworker-dev' });
    expect(staleSources('scripts/token.ts')).toEqual([]);
  });

  it('refuses bad input on stderr with a non-zero exit and nothing on stdout', () => {
    const run = token(['--org', 'nowhere', '--role', 'caseworker']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const organisations = graphManifest(ProviderRegistry.fromFile(providerRegistryPath()))
      .subgraphs.map((s) => s.name)
      .sort();
    expect(run.stderr).toContain(`--org must be one of: ${organisations.join(', ')}`);
  });
});
