import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLClient } from 'graphql-request';
import { createApp as createAgentur, type AgenturApp } from '../../services/agentur/src';
import { repoRoot } from '../../services/kit/src/paths';
import { silentLogger } from '../../services/kit/src/logger';
import type { SignedViewer } from '../../services/kit/src/signing';
import type { Contributor } from '../../services/kit/src/statistics';
import { TEST_SECRETS, type TestDatabase, type TestDialect } from '../../services/kit/src/testing';
import { createApp as createKreis, ProviderRegistry, type KreisApp } from '../../services/kreis/src';
import { createApp as createProvider, type ProviderApp } from '../../services/provider/src';
import { createGateway, type GatewayApp } from '../../gateway/src/app';
import { DEV_AUDIENCE, DEV_ISSUER, type Viewer } from '../../gateway/src/auth';
import type { QueryLimits } from '../../gateway/src/limits';
import { signDevelopmentToken } from '../../gateway/src/dev-token';
import { loadWorld } from '../../scripts/seed/load';
import { generateWorld, type World } from '../../scripts/seed/world';

/** The keys the test gateway verifies tokens with; tests sign their own tokens with the same secret. */
export const TEST_TOKEN_KEYS = {
  kind: 'secret',
  secret: 'test-secret-of-at-least-32-characters!',
  issuer: DEV_ISSUER,
  audience: DEV_AUDIENCE,
} as const;
export const TEST_SUBGRAPH_SECRETS = Object.fromEntries(
  ['kreis', 'klausenhof', 'fachwerk', 'agentur'].map((name) => [name, TEST_SECRETS.gatewayTo(name)]),
);
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
  /** Subgraph name to its URL, for tests that call a subgraph directly. */
  subgraphUrls: Record<string, string>;
  /** SQL statements each subgraph has run since the last reset. */
  statements(): Record<string, number>;
  resetStatements(): void;
  close(): Promise<void>;
}

export async function startGraph(
  dialect: TestDialect,
  options: { participants?: number; seed?: number; gatewayLimits?: Partial<QueryLimits> } = {},
): Promise<RunningGraph> {
  const registry = ProviderRegistry.fromFile(join(repoRoot(), 'services/kreis/providers.json'));
  const databases: TestDatabase[] = [];
  const database = async (label: string) => {
    const created = await dialect.createDatabase(label);
    databases.push(created);
    return created.url;
  };
  const closers: Array<() => Promise<void>> = [];
  // Filled in as each contributor listens: kreis starts first, since the providers check referrals with it.
  const contributors: Contributor[] = [];
  try {
    const kreis = await createKreis({
      contributors,
      databaseUrl: await database('kreis'),
      registry,
      logger: silentLogger,
      callerSecrets: {
        gateway: TEST_SECRETS.gatewayTo('kreis'),
        ...Object.fromEntries(registry.providers.map((p) => [p.id, TEST_SECRETS.providerToKreis(p.id)])),
      },
    });
    closers.push(() => kreis.close());
    const kreisUrl = await kreis.listen(0);
    const providers: Record<string, ProviderApp> = {};
    const subgraphUrls: Record<string, string> = { kreis: kreisUrl };
    for (const provider of registry.providers) {
      const app = await createProvider({
        providerId: provider.id,
        databaseUrl: await database(provider.id),
        kreisUrl,
        kreisCallerSecret: TEST_SECRETS.providerToKreis(provider.id),
        callerSecrets: { gateway: TEST_SECRETS.gatewayTo(provider.id), kreis: TEST_SECRETS.kreisTo(provider.id) },
        logger: silentLogger,
      });
      closers.push(() => app.close());
      providers[provider.id] = app;
      subgraphUrls[provider.id] = await app.listen(0);
      contributors.push({ organisation: provider.id, url: subgraphUrls[provider.id], secret: TEST_SECRETS.kreisTo(provider.id) });
    }
    const agentur = await createAgentur({
      databaseUrl: await database('agentur'),
      logger: silentLogger,
      callerSecrets: { gateway: TEST_SECRETS.gatewayTo('agentur'), kreis: TEST_SECRETS.kreisTo('agentur') },
    });
    closers.push(() => agentur.close());
    subgraphUrls.agentur = await agentur.listen(0);
    contributors.push({ organisation: 'agentur', url: subgraphUrls.agentur, secret: TEST_SECRETS.kreisTo('agentur') });

    const world = generateWorld({ participants: options.participants ?? 380, seed: options.seed, providers: [...registry.providers] });
    await loadWorld(world, {
      kreis,
      agentur,
      providers,
    });

    const gateway = await createGateway({
      supergraphSdl: readFileSync(join(repoRoot(), 'schema/supergraph.graphql'), 'utf8'),
      subgraphUrls,
      timeoutMs: 20_000,
      logger: silentLogger,
      tokenKeys: TEST_TOKEN_KEYS,
      subgraphSecrets: Object.fromEntries(Object.keys(subgraphUrls).map((name) => [name, TEST_SECRETS.gatewayTo(name)])),
      limits: options.gatewayLimits,
    });
    closers.push(() => gateway.close());
    const url = await gateway.listen(0);
    const apps: Record<string, { database: { statements: { total: number; reset(): void } } }> = { kreis, ...providers, agentur };
    const clientAs = async (viewer: SignedViewer) =>
      new GraphQLClient(url, {
        headers: { authorization: `Bearer ${await signDevelopmentToken(viewer as Viewer, TEST_TOKEN_KEYS.secret)}` },
      });
    return {
      url,
      client: await clientAs(KREIS_CASEWORKER),
      clientAs,
      world,
      kreis,
      providers,
      agentur,
      gateway,
      subgraphUrls,
      statements: () => Object.fromEntries(Object.entries(apps).map(([name, app]) => [name, app.database.statements.total])),
      resetStatements: () => Object.values(apps).forEach((app) => app.database.statements.reset()),
      close: async () => {
        for (const close of closers.reverse()) await close();
        for (const created of databases) await created.drop();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    for (const created of databases) await created.drop().catch(() => undefined);
    throw error;
  }
}
