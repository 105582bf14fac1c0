import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { probeStatus, repoRoot } from '@durchstarten/kit';
import { ENV, GATEWAY_PORT, type GraphManifest, type GraphSecrets, subgraphEnv } from '@durchstarten/contracts';

/** One service process: its compiled entry point (relative to the repository root), its port and its own environment. */
export interface ServiceSpec {
  name: string;
  script: string;
  port: number;
  env: Record<string, string>;
}

/**
 * The shell's environment minus what is set per service, so one DATABASE_URL, PORT or secret cannot reach every service.
 * METRICS_PORT too, unless `off`: each service then serves its metrics at its own port + 100, which GRAPH_PORT_OFFSET shifts with it.
 */
export function inheritedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        !['DATABASE_URL', 'PORT', 'PROVIDER_ID', 'JWT_SECRET', ENV.kreisCallerSecret].includes(entry[0]) &&
        !(entry[0] === 'METRICS_PORT' && entry[1] !== 'off') &&
        !/^(CALLER|SUBGRAPH|CONTRIBUTOR)_SECRET_/.test(entry[0]),
    ),
  );
}

/** Every subgraph of the manifest as a process, each with its own organisation's database and the secrets of its links. */
export function subgraphSpecs(options: {
  manifest: GraphManifest;
  secrets: GraphSecrets;
  portOf: (name: string) => number;
  databaseOf: (name: string) => string;
  /** Where a subgraph's peers are; by default on loopback at their ports. */
  urlOf?: (name: string) => string;
}): ServiceSpec[] {
  const { manifest, secrets, portOf, databaseOf } = options;
  const urlOf = options.urlOf ?? ((name: string) => `http://127.0.0.1:${portOf(name)}/graphql`);
  return manifest.subgraphs.map((subgraph) => ({
    name: subgraph.name,
    script: subgraph.entry,
    port: portOf(subgraph.name),
    env: { DATABASE_URL: databaseOf(subgraph.name), ...subgraphEnv(manifest, subgraph.name, secrets, urlOf) },
  }));
}

/**
 * A service's port in a launch (a subgraph's, or the gateway's): `<NAME>_PORT` if set,
 * else its default shifted by GRAPH_PORT_OFFSET, so that a second graph (the smoke
 * test) runs beside a developer's on other ports whatever providers the registry lists.
 */
export function launchPorts(manifest: GraphManifest, env: NodeJS.ProcessEnv = process.env): (name: string) => number {
  const offset = Number(env.GRAPH_PORT_OFFSET ?? 0);
  const defaultOf = (name: string) => (name === 'gateway' ? GATEWAY_PORT : manifest.get(name).port);
  return (name) => Number(env[ENV.port(name)] ?? defaultOf(name) + offset);
}

/**
 * Subgraphs the shell says run elsewhere: `<NAME>_URL` set, as for a provider that
 * deploys its own subgraph. The launcher does not start them and signs for them with
 * the shell's secrets (SUBGRAPH_SECRET_<NAME>; for a provider CALLER_SECRET_<NAME>;
 * for a contributor CONTRIBUTOR_SECRET_<NAME>), which the partner shares.
 */
export function externalSubgraphs(
  manifest: GraphManifest,
  generated: GraphSecrets,
  env: NodeJS.ProcessEnv = process.env,
): { external: Map<string, string>; secrets: GraphSecrets } {
  const external = new Map<string, string>();
  const secrets: GraphSecrets = {
    gatewayTo: { ...generated.gatewayTo },
    providerToKreis: { ...generated.providerToKreis },
    kreisTo: { ...generated.kreisTo },
  };
  const missing: string[] = [];
  const fromShell = (name: string) => {
    const value = env[name];
    if (!value) missing.push(name);
    return value ?? '';
  };
  for (const subgraph of manifest.subgraphs) {
    const url = env[ENV.url(subgraph.name)];
    if (!url || subgraph.kind === 'kreis') continue;
    external.set(subgraph.name, url);
    secrets.gatewayTo[subgraph.name] = fromShell(ENV.gatewaySecret(subgraph.name));
    if (subgraph.kind === 'provider') secrets.providerToKreis[subgraph.name] = fromShell(ENV.callerSecret(subgraph.name));
    if (subgraph.contributes) secrets.kreisTo[subgraph.name] = fromShell(ENV.contributorSecret(subgraph.name));
  }
  if (missing.length > 0) {
    throw new Error(`subgraphs that run elsewhere need the secrets they share with the graph; not set: ${missing.join(', ')}`);
  }
  return { external, secrets };
}

/** Starts a compiled service (its entry point relative to the repository root) with the inherited environment plus its own, and optional flags for Node. */
export function spawnService(spec: ServiceSpec, env: Record<string, string> = inheritedEnv(), nodeFlags: string[] = []): ChildProcess {
  const root = repoRoot();
  return spawn(process.execPath, [...nodeFlags, join(root, spec.script)], {
    cwd: root,
    env: { ...env, ...spec.env, PORT: String(spec.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const COLOURS = [36, 33, 35, 32, 34, 31];

/**
 * Colour only for a person at a terminal: piped to a file or a CI log, escape codes are noise.
 * NO_COLOR (https://no-color.org), set to anything but the empty string, turns it off there too.
 */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** What `npm start` puts before each line of the index-th service: its name padded to a column, coloured if asked. */
export function logPrefix(name: string, index: number, colour: boolean): string {
  const label = name.padEnd(10);
  return colour ? `\u001b[${COLOURS[index % COLOURS.length]}m${label}\u001b[0m|` : `${label}|`;
}

/** Resolves once `url` answers 200, polling; fails after `timeoutMs`. */
export async function waitForReady(url: string, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Not listening yet answers null: poll again.
    if ((await probeStatus(url, 1000)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s (${url})`);
}
