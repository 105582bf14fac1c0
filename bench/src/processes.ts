import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';
import { gatewayEnv, graphManifest, secretsFor, type GraphSecrets, type ProviderRegistry } from '@durchstarten/contracts';
import { inheritedEnv, spawnService, subgraphSpecs, waitForReady, type ServiceSpec } from '../../scripts/launch';
import { log } from './common';

export const LOG_DIR = join(repoRoot(), 'data', 'bench', 'logs');

const running = new Set<ChildProcess>();

let profileDir: string | undefined;
/** With a directory, every subgraph and our gateway write a V8 CPU profile there when they stop. */
export function profileInto(dir: string | undefined): void {
  profileDir = dir;
}

/** A process of the benchmark: a subgraph, a gateway or the SQL floor; its output goes to data/bench/logs/<name>.log. */
export interface BenchProcess {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Resolves once something accepts connections on the port (for servers without a /ready route). */
async function waitForPort(port: number, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not listen on port ${port} within ${timeoutMs / 1000} s`);
}

/**
 * Starts `spec` (a compiled script under dist/, or `command` with its own arguments and
 * nothing but `spec.env`) and waits until `readyPath` answers, or with null until it listens.
 */
export async function startProcess(
  spec: ServiceSpec & { command?: string[] },
  readyPath: string | null = '/ready',
  graphqlPath = '/graphql',
): Promise<BenchProcess> {
  mkdirSync(LOG_DIR, { recursive: true });
  const child = spec.command
    ? spawn(process.execPath, spec.command, {
        cwd: repoRoot(),
        env: { PATH: process.env.PATH ?? '', ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : // No metrics servers: their default ports (PORT + 100) are the other targets' ports here.
      spawnService(
        spec,
        { ...inheritedEnv(), LOG_LEVEL: 'warn', METRICS_PORT: 'off' },
        profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      );
  running.add(child);
  const output = createWriteStream(join(LOG_DIR, `${spec.name}.log`));
  child.stdout!.pipe(output);
  child.stderr!.pipe(output);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  const base = `http://127.0.0.1:${spec.port}`;
  await Promise.race([
    readyPath === null ? waitForPort(spec.port, spec.name, 120_000) : waitForReady(`${base}${readyPath}`, spec.name, 120_000),
    exited.then(() => {
      throw new Error(`${spec.name} stopped while starting; see ${join(LOG_DIR, `${spec.name}.log`)}`);
    }),
  ]);
  return {
    name: spec.name,
    url: `${base}${graphqlPath}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  };
}

/** Stops whatever is still running when the benchmark ends or is interrupted. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Secrets for one benchmark run only: nothing is read from or written to data/dev-secrets.json. */
export function runSecrets(registry: ProviderRegistry): GraphSecrets & { jwtSecret: string } {
  const secret = () => randomBytes(32).toString('base64url');
  return { jwtSecret: secret(), ...secretsFor(graphManifest(registry), secret) };
}

export interface RunningSubgraphs {
  specs: ServiceSpec[];
  processes: Record<string, BenchProcess>;
  /** `<NAME>_URL` and `SUBGRAPH_SECRET_<NAME>` for a gateway in front of them. */
  gatewayEnv: Record<string, string>;
  stop(): Promise<void>;
}

export const SUBGRAPH_BASE_PORT = 15001;

/** The four subgraph processes of one world, as npm start runs them, on ports 15001 and up. */
export async function startSubgraphs(options: {
  registry: ProviderRegistry;
  secrets: GraphSecrets;
  databases: Record<string, string>;
  extraEnv?: Record<string, string>;
}): Promise<RunningSubgraphs> {
  const manifest = graphManifest(options.registry);
  const names = manifest.subgraphs.map((s) => s.name);
  const portOf = (name: string) => SUBGRAPH_BASE_PORT + names.indexOf(name);
  const specs = subgraphSpecs({
    manifest,
    secrets: options.secrets,
    portOf,
    databaseOf: (name) => options.databases[name],
  });
  // As docker-compose runs them: graphql-js without its development-only checks.
  for (const spec of specs) Object.assign(spec.env, { NODE_ENV: 'production' }, options.extraEnv);
  const processes: Record<string, BenchProcess> = {};
  // kreis first: providers look referrals up there.
  processes.kreis = await startProcess(specs[0]);
  for (const started of await Promise.all(specs.slice(1).map((spec) => startProcess(spec)))) processes[started.name] = started;
  log(`subgraphs ready: ${specs.map((s) => `${s.name}:${s.port}`).join(' ')}`);
  return {
    specs,
    processes,
    gatewayEnv: gatewayEnv(manifest, options.secrets, (name) => `http://127.0.0.1:${portOf(name)}/graphql`),
    stop: async () => {
      await Promise.all(Object.values(processes).map((p) => p.stop()));
    },
  };
}
