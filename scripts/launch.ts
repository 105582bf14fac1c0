import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../services/kit/src/paths';
import type { ProviderRegistry } from '../services/kreis/src/provider/provider.registry';

/** One service process: its compiled entry point under dist/, its port and its own environment. */
export interface ServiceSpec {
  name: string;
  script: string;
  port: number;
  env: Record<string, string>;
}

/** Secrets shared between the gateway and each subgraph, between each provider and kreis, and between kreis and each statistics contributor. */
export interface GraphSecrets {
  gatewayTo: Record<string, string>;
  providerToKreis: Record<string, string>;
  kreisTo: Record<string, string>;
}

/** The shell's environment minus what is set per service, so one DATABASE_URL, PORT or secret cannot reach every service. */
export function inheritedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        !['DATABASE_URL', 'PORT', 'PROVIDER_ID', 'JWT_SECRET'].includes(entry[0]) &&
        !/^(CALLER|SUBGRAPH)_SECRET_/.test(entry[0]),
    ),
  );
}

/** The four kinds of subgraph process, each with its own organisation's database and the secrets of its callers. */
export function subgraphSpecs(options: {
  registry: ProviderRegistry;
  secrets: GraphSecrets;
  portOf: (name: string) => number;
  databaseOf: (name: string) => string;
}): ServiceSpec[] {
  const { registry, secrets, portOf, databaseOf } = options;
  const providerIds = registry.providers.map((p) => p.id);
  const kreisUrl = `http://127.0.0.1:${portOf('kreis')}/graphql`;
  const fromGateway = (name: string) => ({ CALLER_SECRET_GATEWAY: secrets.gatewayTo[name] });
  return [
    {
      name: 'kreis',
      script: 'services/kreis/src/main.js',
      port: portOf('kreis'),
      env: {
        DATABASE_URL: databaseOf('kreis'),
        ...fromGateway('kreis'),
        ...Object.fromEntries(providerIds.map((id) => [`CALLER_SECRET_${id.toUpperCase()}`, secrets.providerToKreis[id]])),
        // kreis asks every provider and agentur for their statistics contribution.
        ...Object.fromEntries(
          [...providerIds, 'agentur'].flatMap((name) => [
            [`CONTRIBUTOR_SECRET_${name.toUpperCase()}`, secrets.kreisTo[name]],
            [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${portOf(name)}/graphql`],
          ]),
        ),
      },
    },
    ...providerIds.map((id) => ({
      name: id,
      script: 'services/provider/src/main.js',
      port: portOf(id),
      env: {
        PROVIDER_ID: id,
        DATABASE_URL: databaseOf(id),
        KREIS_URL: kreisUrl,
        KREIS_CALLER_SECRET: secrets.providerToKreis[id],
        CALLER_SECRET_KREIS: secrets.kreisTo[id],
        ...fromGateway(id),
      },
    })),
    {
      name: 'agentur',
      script: 'services/agentur/src/main.js',
      port: portOf('agentur'),
      env: { DATABASE_URL: databaseOf('agentur'), CALLER_SECRET_KREIS: secrets.kreisTo.agentur, ...fromGateway('agentur') },
    },
  ];
}

/** What the gateway needs to reach and sign for each subgraph: `<NAME>_URL` and `SUBGRAPH_SECRET_<NAME>`. */
export function gatewayEnvFor(subgraphs: ServiceSpec[], secrets: GraphSecrets): Record<string, string> {
  return Object.fromEntries(
    subgraphs.flatMap((s) => [
      [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}/graphql`],
      [`SUBGRAPH_SECRET_${s.name.toUpperCase()}`, secrets.gatewayTo[s.name]],
    ]),
  );
}

/** Starts a compiled service (`dist/<script>`) with the inherited environment plus its own, and optional flags for Node. */
export function spawnService(spec: ServiceSpec, env: Record<string, string> = inheritedEnv(), nodeFlags: string[] = []): ChildProcess {
  const root = repoRoot();
  return spawn(process.execPath, [...nodeFlags, join(root, 'dist', spec.script)], {
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
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s (${url})`);
}
