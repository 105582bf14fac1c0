import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';
import { testDialects, type TestDatabase } from '@durchstarten/kit/testing';
import { gatewayEnv, graphManifest, ProviderRegistry, providerRegistryPath, secretsFor } from '@durchstarten/contracts';
import { TEST_SECRETS } from '@durchstarten/contracts/testing';
import { inheritedEnv, subgraphSpecs, waitForReady } from '../scripts/launch';

jest.setTimeout(300_000);

const root = repoRoot();
const manifest = graphManifest(ProviderRegistry.fromFile(providerRegistryPath()));
const secrets = secretsFor(manifest, (pair, name) =>
  pair === 'gatewayTo' ? TEST_SECRETS.gatewayTo(name) : pair === 'providerToKreis' ? TEST_SECRETS.providerToKreis(name) : TEST_SECRETS.kreisTo(name),
);
/** How long a service may take to stop before the test gives up on it; a hang would otherwise last forever. */
const STOP_LIMIT_MS = 30_000;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `services/agentur/dist/main.js` to the source that scripts/run-built.cjs builds when stale and then runs. */
const sourceOf = (script: string) => script.replace('/dist/', '/src/').replace(/\.js$/, '.ts');

function start(script: string, env: Record<string, string>): ChildProcess {
  // Not NODE_ENV=test, which jest sets: Apollo Server registers signal handlers only outside tests, and that was the hang.
  return spawn(process.execPath, [join(root, 'scripts/run-built.cjs'), sourceOf(script)], {
    cwd: root,
    // Metrics on a free port each: the default, PORT + 100, is not known to be free beside a free port.
    env: { ...inheritedEnv(), NODE_ENV: 'development', LOG_LEVEL: 'warn', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Sends SIGTERM and resolves with how the process ended, or 'still running' after STOP_LIMIT_MS (then kills it). */
function terminate(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('still running');
    }, STOP_LIMIT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(limit);
      resolve(signal ? `signal ${signal}` : `exit ${code}`);
    });
    child.kill('SIGTERM');
  });
}

beforeAll(() => {
  // Builds once here rather than in several services at the same time.
  const built = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', join(root, 'tsconfig.build.json')], { cwd: root });
  if (built.status !== 0) throw new Error(`the build failed: ${built.stdout}${built.stderr}`);
});

describe.each(testDialects())('on $name, SIGTERM (Ctrl-C of npm start, docker stop) stops every service cleanly', (dialect) => {
  const databases: TestDatabase[] = [];
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const database of databases) await database.drop();
  });

  it('each subgraph and the gateway exits with status 0, its database connections closed', async () => {
    const ports = Object.fromEntries(await Promise.all([...manifest.subgraphs.map((s) => s.name), 'gateway'].map(async (n) => [n, await freePort()])));
    const databaseUrls: Record<string, string> = {};
    for (const { name } of manifest.subgraphs) {
      const database = await dialect.createDatabase(`stop_${name}`);
      databases.push(database);
      databaseUrls[name] = database.url;
    }
    const specs = subgraphSpecs({ manifest, secrets, portOf: (name) => ports[name], databaseOf: (name) => databaseUrls[name] });
    const running = specs.map((spec) => ({ name: spec.name, child: start(spec.script, { ...spec.env, PORT: String(spec.port) }) }));
    const urlOf = (name: string) => `http://127.0.0.1:${ports[name]}/graphql`;
    running.push({
      name: 'gateway',
      child: start('gateway/dist/main.js', {
        ...gatewayEnv(manifest, secrets, urlOf),
        PORT: String(ports.gateway),
        JWT_SECRET: 'test-secret-of-at-least-32-characters!',
      }),
    });
    children.push(...running.map(({ child }) => child));
    for (const { name } of running) await waitForReady(urlOf(name).replace('/graphql', '/ready'), name, 120_000);

    const endings = Object.fromEntries(await Promise.all(running.map(async ({ name, child }) => [name, await terminate(child)])));
    expect(endings).toEqual(Object.fromEntries(running.map(({ name }) => [name, 'exit 0'])));
  });
});
