import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLClient } from 'graphql-request';
import { createApp as createAgentur, type AgenturApp } from '@durchstarten/agentur';
import { type Logger, repoRoot, type SignedViewer, silentLogger } from '@durchstarten/kit';
import { graphManifest, type GraphManifest, ProviderRegistry, providerRegistryPath, type SubgraphKind } from '@durchstarten/contracts';
import { type TestDatabase, type TestDialect } from '@durchstarten/kit/testing';
import { TEST_SECRETS } from '@durchstarten/contracts/testing';
import { createApp as createKreis, type Contributor, type KreisApp } from '@durchstarten/kreis';
import { buildSchemaArtifacts } from '../../scripts/schema-artifacts';
import { createApp as createProvider, type ProviderApp } from '@durchstarten/provider';
import { createGateway, type GatewayApp } from '@durchstarten/gateway/app';
import { DEV_AUDIENCE, DEV_ISSUER, type Viewer } from '@durchstarten/gateway/auth';
import type { QueryLimits } from '@durchstarten/gateway/limits';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import { loadWorld } from '../../scripts/seed/load';
import { generateWorld, type World } from '../../scripts/seed/world';

/** The keys the test gateway verifies tokens with; tests sign their own tokens with the same secret. */
export const TEST_TOKEN_KEYS = {
  kind: 'secret',
  secret: 'test-secret-of-at-least-32-characters!',
  issuer: DEV_ISSUER,
  audience: DEV_AUDIENCE,
} as const;
export const KREIS_CASEWORKER: Viewer = { sub: 'caseworker-test', org: 'kreis', roles: ['caseworker'] };

/** The whole graph in this process: real subgraphs on loopback ports, real databases, the real gateway. */
export interface RunningGraph {
  url: string;
  /** A client with a kreis caseworker's token. */
  client: GraphQLClient;
  /** A client with a token for `viewer` (any roles, also ones the gateway refuses). */
  clientAs(viewer: SignedViewer): Promise<GraphQLClient>;
  world: World;
  kreis: KreisApp;
  providers: Record<string, ProviderApp>;
  agentur: AgenturApp;
  gateway: GatewayApp;
  /** The subgraphs this graph runs, from the registry it was started with. */
  manifest: GraphManifest;
  /** Subgraph name to its URL, for tests that call a subgraph directly. */
  subgraphUrls: Record<string, string>;
  /** The secret the gateway signs each subgraph's requests with, for tests that start a second gateway. */
  subgraphSecrets: Record<string, string>;
  /** Stops a subgraph as a crash would leave it: its port closed, its database untouched. */
  stopSubgraph(name: string): Promise<void>;
  /** Starts a stopped (or running) subgraph again on the same port and database: a restart without the process. */
  startSubgraph(name: string): Promise<void>;
  /** SQL statements each subgraph has run since the last reset. */
  statements(): Record<string, number>;
  resetStatements(): void;
  close(): Promise<void>;
}

export async function startGraph(
  dialect: TestDialect,
  options: {
    participants?: number;
    seed?: number;
    gatewayLimits?: Partial<QueryLimits>;
    /** A registry other than the repository's, e.g. with a provider added; its supergraph is composed from the code. */
    registryPath?: string;
    /** Each service's logger (by name: gateway, kreis, …); silent unless given. */
    loggerOf?: (service: string) => Logger;
  } = {},
): Promise<RunningGraph> {
  const registry = ProviderRegistry.fromFile(options.registryPath ?? providerRegistryPath());
  const manifest = graphManifest(registry);
  const databases: TestDatabase[] = [];
  const database = async (label: string) => {
    const created = await dialect.createDatabase(label);
    databases.push(created);
    return created.url;
  };
  const closers: Array<() => Promise<void>> = [];
  const loggerOf = options.loggerOf ?? (() => silentLogger);
  // Filled in as each contributor listens: kreis starts first, since the providers check referrals with it.
  const contributors: Contributor[] = [];
  try {
    let kreis: KreisApp | undefined;
    let agentur: AgenturApp | undefined;
    const providers: Record<string, ProviderApp> = {};
    const subgraphUrls: Record<string, string> = {};
    const running: Record<string, { kind: SubgraphKind; databaseUrl: string; app: KreisApp | ProviderApp | AgenturApp }> = {};
    for (const subgraph of manifest.subgraphs) {
      const { name } = subgraph;
      const databaseUrl = await database(name);
      const app = await createSubgraph(subgraph.kind, name, {
        databaseUrl,
        registry,
        contributors,
        kreisUrl: subgraphUrls.kreis,
        logger: loggerOf(name),
      });
      running[name] = { kind: subgraph.kind, databaseUrl, app };
      closers.push(() => running[name].app.close());
      subgraphUrls[name] = await app.listen(0);
      if (subgraph.contributes) contributors.push({ organisation: name, url: subgraphUrls[name], secret: TEST_SECRETS.kreisTo(name) });
      if (subgraph.kind === 'kreis') kreis = app as KreisApp;
      else if (subgraph.kind === 'agentur') agentur = app as AgenturApp;
      else providers[name] = app as ProviderApp;
    }
    if (!kreis || !agentur) throw new Error('the manifest lacks kreis or agentur');

    const world = generateWorld({ participants: options.participants ?? 380, seed: options.seed, providers: [...registry.providers] });
    await loadWorld(world, {
      kreis,
      agentur,
      providers,
    });

    const supergraphSdl = options.registryPath
      ? (await buildSchemaArtifacts(options.registryPath)).supergraphSdl
      : readFileSync(join(repoRoot(), 'schema/supergraph.graphql'), 'utf8');
    const subgraphSecrets = Object.fromEntries(manifest.subgraphs.map(({ name }) => [name, TEST_SECRETS.gatewayTo(name)]));
    const gateway = await createGateway({
      supergraphSdl,
      subgraphUrls,
      timeoutMs: 20_000,
      logger: loggerOf('gateway'),
      metricsPort: 0,
      tokenKeys: TEST_TOKEN_KEYS,
      subgraphSecrets,
      limits: options.gatewayLimits,
    });
    closers.push(() => gateway.close());
    const url = await gateway.listen(0);
    const apps = () => Object.fromEntries(Object.entries(running).map(([name, { app }]) => [name, app]));
    const clientAs = async (viewer: SignedViewer) =>
      new GraphQLClient(url, {
        headers: { authorization: `Bearer ${await signDevelopmentToken(viewer as Viewer, TEST_TOKEN_KEYS.secret)}` },
      });
    const graph: RunningGraph = {
      url,
      client: await clientAs(KREIS_CASEWORKER),
      clientAs,
      world,
      kreis,
      providers,
      agentur,
      gateway,
      manifest,
      subgraphUrls,
      subgraphSecrets,
      stopSubgraph: async (name) => {
        await running[name].app.close();
      },
      startSubgraph: async (name) => {
        const { kind, databaseUrl, app: previous } = running[name];
        await previous.close();
        const app = await createSubgraph(kind, name, {
          databaseUrl,
          registry,
          contributors,
          kreisUrl: subgraphUrls.kreis,
          logger: loggerOf(name),
        });
        running[name].app = app;
        await app.listen(Number(new URL(subgraphUrls[name]).port));
        if (kind === 'kreis') graph.kreis = app as KreisApp;
        else if (kind === 'agentur') graph.agentur = app as AgenturApp;
        else graph.providers[name] = app as ProviderApp;
      },
      statements: () => Object.fromEntries(Object.entries(apps()).map(([name, app]) => [name, app.database.statements.total])),
      resetStatements: () => Object.values(apps()).forEach((app) => app.database.statements.reset()),
      close: async () => {
        for (const close of closers.reverse()) await close();
        for (const created of databases) await created.drop();
      },
    };
    return graph;
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    for (const created of databases) await created.drop().catch(() => undefined);
    throw error;
  }
}

/**
 * One subgraph of the manifest in this process, as its main.ts would build it, with the test secrets of its links;
 * its metrics on a free port.
 */
async function createSubgraph(
  kind: SubgraphKind,
  name: string,
  deps: { databaseUrl: string; registry: ProviderRegistry; contributors: Contributor[]; kreisUrl?: string; logger: Logger },
): Promise<KreisApp | ProviderApp | AgenturApp> {
  const gateway = TEST_SECRETS.gatewayTo(name);
  switch (kind) {
    case 'kreis':
      return createKreis({
        contributors: deps.contributors,
        databaseUrl: deps.databaseUrl,
        registry: deps.registry,
        logger: deps.logger,
        metricsPort: 0,
        callerSecrets: {
          gateway,
          ...Object.fromEntries(deps.registry.providers.map((p) => [p.id, TEST_SECRETS.providerToKreis(p.id)])),
        },
      });
    case 'provider':
      return createProvider({
        providerId: name,
        databaseUrl: deps.databaseUrl,
        kreisUrl: deps.kreisUrl,
        kreisCallerSecret: TEST_SECRETS.providerToKreis(name),
        callerSecrets: { gateway, kreis: TEST_SECRETS.kreisTo(name) },
        logger: deps.logger,
        metricsPort: 0,
      });
    case 'agentur':
      return createAgentur({
        databaseUrl: deps.databaseUrl,
        logger: deps.logger,
        metricsPort: 0,
        callerSecrets: { gateway, kreis: TEST_SECRETS.kreisTo(name) },
      });
  }
}
