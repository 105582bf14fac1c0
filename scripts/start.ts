import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { defaultSqliteUrl } from '@durchstarten/kit';
import { ENV, gatewayEnv as gatewayEnvOf, graphManifest, ProviderRegistry, providerRegistryPath } from '@durchstarten/contracts';
import { ensureDevelopmentSecrets, signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import {
  externalSubgraphs,
  launchPorts,
  logPrefix,
  spawnService,
  subgraphSpecs,
  useColour,
  waitForReady,
  type ServiceSpec,
} from './launch';
import { main as seed } from './seed';

/**
 * `npm start`: seeds the embedded databases on first start, runs every subgraph
 * and the gateway as child processes with their log lines prefixed by name,
 * prints the endpoint once all are ready, and stops them all on Ctrl-C.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const registry = ProviderRegistry.fromFile(providerRegistryPath());

  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  log('launcher', 'preparing the embedded databases under data/ (seeded on first start)');
  await seed([], process.env);

  // Each subgraph gets its own organisation's database: the same <ORG>_DATABASE_URL the seed used.
  const databaseOf = (name: string) => process.env[ENV.databaseUrl(name)] ?? defaultSqliteUrl(name);
  const manifest = graphManifest(registry);
  const portOf = launchPorts(manifest);
  const gatewayPort = portOf('gateway');
  const developmentSecrets = ensureDevelopmentSecrets(manifest);
  const { external, secrets } = externalSubgraphs(manifest, developmentSecrets);
  const urlOf = (name: string) => external.get(name) ?? `http://127.0.0.1:${portOf(name)}/graphql`;
  const specs = subgraphSpecs({ manifest, secrets, portOf, databaseOf, urlOf }).filter((spec) => !external.has(spec.name));
  for (const [name, url] of external) log('launcher', `${name} runs elsewhere (${ENV.url(name)}=${url}): not started here`);
  const gatewayEnv = gatewayEnvOf(manifest, secrets, urlOf);

  const colour = useColour(process.stdout);
  const run = (spec: ServiceSpec, index: number) => {
    const child = spawnService(spec);
    const prefix = logPrefix(spec.name, index, colour);
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
  await Promise.all(specs.map((s) => waitForReady(`http://127.0.0.1:${s.port}/ready`, s.name)));
  // Development tokens: the shell's JWT_SECRET, else the one generated on first start; none with a JWKS_URL.
  const jwtSecret = process.env.JWKS_URL ? undefined : process.env.JWT_SECRET || developmentSecrets.jwtSecret;
  run(
    {
      name: 'gateway',
      script: 'gateway/dist/main.js',
      port: gatewayPort,
      env: { ...gatewayEnv, ...(jwtSecret ? { JWT_SECRET: jwtSecret } : {}) },
    },
    specs.length,
  );
  await waitForReady(`http://127.0.0.1:${gatewayPort}/ready`, 'gateway');

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log('launcher', `ready in ${seconds} s`);
  process.stdout.write(`\n  Durchstarten graph: http://localhost:${gatewayPort}/graphql   (Ctrl-C stops everything)\n`);
  process.stdout.write(`  In a browser: the query IDE at that address, the monitoring report at http://localhost:${gatewayPort}/report\n`);
  if (process.env.METRICS_PORT !== 'off') {
    process.stdout.write(`  Prometheus metrics: http://127.0.0.1:${gatewayPort + 100}/metrics, each subgraph's at its port + 100\n`);
  }
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

function log(source: string, message: string): void {
  process.stdout.write(`${source.padEnd(10)}| ${message}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`launcher: ${error.message}\n`);
  void stopAll(1);
});
