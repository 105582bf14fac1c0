import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { defaultSqliteUrl, repoRoot } from '../services/kit/src/paths';
import { providerRegistryPath } from '../services/kreis/src/config';
import { ProviderRegistry } from '../services/kreis/src/provider/provider.registry';
import { ensureDevelopmentSecrets, signDevelopmentToken } from '../gateway/src/dev-token';
import { main as seed } from './seed';

interface ServiceSpec {
  name: string;
  script: string;
  port: number;
  env: Record<string, string>;
}

const COLOURS = [36, 33, 35, 32, 34, 31];

/** The shell's environment minus what is set per service, so one DATABASE_URL, PORT or secret cannot reach every service. */
const inheritedEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !['DATABASE_URL', 'PORT', 'PROVIDER_ID', 'JWT_SECRET'].includes(name) && !/^(CALLER|SUBGRAPH)_SECRET_/.test(name),
  ),
);
const READY_TIMEOUT_MS = 60_000;

/**
 * `npm start`: seeds the embedded databases on first start, runs every subgraph
 * and the gateway as child processes with their log lines prefixed by name,
 * prints the endpoint once all are ready, and stops them all on Ctrl-C.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const root = repoRoot();
  const registry = ProviderRegistry.fromFile(providerRegistryPath());
  const gatewayPort = Number(process.env.GATEWAY_PORT ?? 4000);

  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  log('launcher', 'preparing the embedded databases under data/ (seeded on first start)');
  await seed([], process.env);

  const kreisPort = Number(process.env.KREIS_PORT ?? 4001);
  // Each subgraph gets its own organisation's database: the same <ORG>_DATABASE_URL the seed used.
  const databaseOf = (name: string) => process.env[`${name.toUpperCase()}_DATABASE_URL`] ?? defaultSqliteUrl(name);
  const providerIds = registry.providers.map((p) => p.id);
  const secrets = ensureDevelopmentSecrets(['kreis', ...providerIds, 'agentur'], providerIds);
  const fromGateway = (name: string) => ({ CALLER_SECRET_GATEWAY: secrets.gatewayTo[name] });
  const specs: ServiceSpec[] = [
    {
      name: 'kreis',
      script: 'services/kreis/src/main.js',
      port: kreisPort,
      env: {
        DATABASE_URL: databaseOf('kreis'),
        ...fromGateway('kreis'),
        ...Object.fromEntries(providerIds.map((id) => [`CALLER_SECRET_${id.toUpperCase()}`, secrets.providerToKreis[id]])),
      },
    },
    ...registry.providers.map((provider) => {
      const port = Number(process.env[`${provider.id.toUpperCase()}_PORT`] ?? new URL(provider.routingUrl).port);
      return {
        name: provider.id,
        script: 'services/provider/src/main.js',
        port,
        env: {
          PROVIDER_ID: provider.id,
          DATABASE_URL: databaseOf(provider.id),
          KREIS_URL: `http://127.0.0.1:${kreisPort}/graphql`,
          KREIS_CALLER_SECRET: secrets.providerToKreis[provider.id],
          ...fromGateway(provider.id),
        },
      };
    }),
    {
      name: 'agentur',
      script: 'services/agentur/src/main.js',
      port: Number(process.env.AGENTUR_PORT ?? 4004),
      env: { DATABASE_URL: databaseOf('agentur'), ...fromGateway('agentur') },
    },
  ];
  const gatewayEnv = Object.fromEntries(
    specs.flatMap((s) => [
      [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}/graphql`],
      [`SUBGRAPH_SECRET_${s.name.toUpperCase()}`, secrets.gatewayTo[s.name]],
    ]),
  );

  const run = (spec: ServiceSpec, index: number) => {
    const child = spawn(process.execPath, [join(root, 'dist', spec.script)], {
      cwd: root,
      env: { ...inheritedEnv, ...spec.env, PORT: String(spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `\u001b[${COLOURS[index % COLOURS.length]}m${spec.name.padEnd(10)}\u001b[0m|`;
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix} ${line}\n`));
    }
    child.on('exit', (code, signal) => {
      if (stopping) return;
      // A terminal's Ctrl-C reaches the children too; that is a normal stop, not a crash.
      const interrupted = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
      if (!interrupted) log('launcher', `${spec.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest`);
      void stopAll(interrupted ? 0 : 1);
    });
    children.push(child);
  };

  specs.forEach(run);
  await Promise.all(specs.map((s) => waitFor(`http://127.0.0.1:${s.port}/ready`, s.name)));
  // Development tokens: the shell's JWT_SECRET, else the one generated on first start; none with a JWKS_URL.
  const jwtSecret = process.env.JWKS_URL ? undefined : process.env.JWT_SECRET || secrets.jwtSecret;
  run(
    {
      name: 'gateway',
      script: 'gateway/src/main.js',
      port: gatewayPort,
      env: { ...gatewayEnv, ...(jwtSecret ? { JWT_SECRET: jwtSecret } : {}) },
    },
    specs.length,
  );
  await waitFor(`http://127.0.0.1:${gatewayPort}/ready`, 'gateway');

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log('launcher', `ready in ${seconds} s`);
  process.stdout.write(`\n  Durchstarten graph: http://localhost:${gatewayPort}/graphql   (Ctrl-C stops everything)\n`);
  if (jwtSecret) {
    const token = await signDevelopmentToken({ sub: 'kreis-caseworker-dev', org: 'kreis', roles: ['caseworker'] }, jwtSecret);
    process.stdout.write(
      `\n  Every request needs a token. A kreis caseworker's, valid 8 h:\n\n  Authorization: Bearer ${token}\n\n` +
        `  Others: npm run -s token -- --org klausenhof --role coach   (see README, "Tokens")\n\n`,
    );
  }
}

const children: ChildProcess[] = [];
let stopping = false;

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('launcher', 'stopping all services');
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

async function waitFor(url: string, name: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS / 1000} s (${url})`);
}

function log(source: string, message: string): void {
  process.stdout.write(`${source.padEnd(10)}| ${message}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`launcher: ${error.message}\n`);
  void stopAll(1);
});
