import type { ProviderRegistry } from './provider-registry';
import { AGENTUR, KREIS } from './organisations';

/**
 * The graph's topology, derived from the provider registry: which subgraphs run,
 * from which package, on which default port, and who signs calls to whom. The
 * launcher, the tests, `npm run compose` (supergraph and docker-compose.yml) and
 * the benchmark all take the subgraphs from here, so adding a provider to the
 * registry is the only change a new provider needs.
 */
export type SubgraphKind = 'kreis' | 'provider' | 'agentur';

export interface SubgraphEntry {
  /** Subgraph name, the organisation's key: `kreis`, a provider id, `agentur`. */
  name: string;
  kind: SubgraphKind;
  /** The workspace package whose code it runs (one package serves every provider). */
  packageName: string;
  /** Its compiled entry point, relative to the repository root. */
  entry: string;
  /** Where the gateway reaches it by default; written into the supergraph. */
  routingUrl: string;
  /** Its default port, the routing URL's. */
  port: number;
  /** Whether kreis asks it for a statistics contribution. */
  contributes: boolean;
}

export interface GraphManifest {
  subgraphs: SubgraphEntry[];
  get(name: string): SubgraphEntry;
  providers: SubgraphEntry[];
  contributors: SubgraphEntry[];
}

/** The gateway's default port; the subgraphs' are in the manifest. */
export const GATEWAY_PORT = 4000;
const KREIS_ROUTING_URL = 'http://127.0.0.1:4001/graphql';
const AGENTUR_ROUTING_URL = 'http://127.0.0.1:4004/graphql';

const ENTRY_OF: Record<SubgraphKind, { packageName: string; entry: string }> = {
  kreis: { packageName: '@durchstarten/kreis', entry: 'services/kreis/dist/main.js' },
  provider: { packageName: '@durchstarten/provider', entry: 'services/provider/dist/main.js' },
  agentur: { packageName: '@durchstarten/agentur', entry: 'services/agentur/dist/main.js' },
};

/** Kreis first (providers check referrals with it), then the providers in registry order, then agentur. */
export function graphManifest(registry: ProviderRegistry): GraphManifest {
  const entry = (name: string, kind: SubgraphKind, routingUrl: string): SubgraphEntry => ({
    name,
    kind,
    ...ENTRY_OF[kind],
    routingUrl,
    port: Number(new URL(routingUrl).port),
    contributes: kind !== 'kreis',
  });
  const subgraphs = [
    entry(KREIS, 'kreis', KREIS_ROUTING_URL),
    ...registry.providers.map((provider) => entry(provider.id, 'provider', provider.routingUrl)),
    entry(AGENTUR, 'agentur', AGENTUR_ROUTING_URL),
  ];
  const byName = new Map(subgraphs.map((s) => [s.name, s]));
  return {
    subgraphs,
    get(name) {
      const found = byName.get(name);
      if (!found) throw new Error(`No subgraph "${name}" in the graph; known: ${[...byName.keys()].join(', ')}`);
      return found;
    },
    providers: subgraphs.filter((s) => s.kind === 'provider'),
    contributors: subgraphs.filter((s) => s.contributes),
  };
}

/**
 * Every environment variable name that wires the graph, in one place. A subgraph
 * accepts a caller with CALLER_SECRET_<CALLER>; the gateway signs for a subgraph
 * with SUBGRAPH_SECRET_<NAME>; a provider signs its referral look-ups at kreis with
 * KREIS_CALLER_SECRET; kreis signs its statistics requests with CONTRIBUTOR_SECRET_<NAME>.
 */
export const ENV = {
  url: (name: string) => `${name.toUpperCase()}_URL`,
  port: (name: string) => `${name.toUpperCase()}_PORT`,
  databaseUrl: (name: string) => `${name.toUpperCase()}_DATABASE_URL`,
  callerSecret: (caller: string) => `CALLER_SECRET_${caller.toUpperCase()}`,
  gatewaySecret: (subgraph: string) => `SUBGRAPH_SECRET_${subgraph.toUpperCase()}`,
  contributorSecret: (contributor: string) => `CONTRIBUTOR_SECRET_${contributor.toUpperCase()}`,
  kreisCallerSecret: 'KREIS_CALLER_SECRET',
} as const;

/** The secrets of one graph, one per signed pair: gateway→subgraph, provider→kreis, kreis→contributor. */
export interface GraphSecrets {
  gatewayTo: Record<string, string>;
  providerToKreis: Record<string, string>;
  kreisTo: Record<string, string>;
}

export type SignedPair = keyof GraphSecrets;

/** One secret for each signed pair of the manifest: the gateway to every subgraph, every provider to kreis, kreis to every contributor. */
export function secretsFor(manifest: GraphManifest, secretOf: (pair: SignedPair, name: string) => string): GraphSecrets {
  const each = (pair: SignedPair, subgraphs: SubgraphEntry[]) =>
    Object.fromEntries(subgraphs.map(({ name }) => [name, secretOf(pair, name)]));
  return {
    gatewayTo: each('gatewayTo', manifest.subgraphs),
    providerToKreis: each('providerToKreis', manifest.providers),
    kreisTo: each('kreisTo', manifest.contributors),
  };
}

/**
 * The environment one subgraph needs beyond its own port and database: the secrets
 * of its callers, and for its own calls the peers' URLs and the secrets to sign them.
 */
export function subgraphEnv(
  manifest: GraphManifest,
  name: string,
  secrets: GraphSecrets,
  urlOf: (peer: string) => string,
): Record<string, string> {
  const subgraph = manifest.get(name);
  const env: Record<string, string> = { [ENV.callerSecret('gateway')]: secrets.gatewayTo[name] };
  if (subgraph.kind === 'kreis') {
    for (const provider of manifest.providers) env[ENV.callerSecret(provider.name)] = secrets.providerToKreis[provider.name];
    for (const contributor of manifest.contributors) {
      env[ENV.contributorSecret(contributor.name)] = secrets.kreisTo[contributor.name];
      env[ENV.url(contributor.name)] = urlOf(contributor.name);
    }
  }
  if (subgraph.kind === 'provider') {
    env.PROVIDER_ID = name;
    env[ENV.url(KREIS)] = urlOf(KREIS);
    env[ENV.kreisCallerSecret] = secrets.providerToKreis[name];
  }
  if (subgraph.contributes) env[ENV.callerSecret(KREIS)] = secrets.kreisTo[name];
  return env;
}

/** What the gateway needs to reach and sign for each subgraph: `<NAME>_URL` and `SUBGRAPH_SECRET_<NAME>`. */
export function gatewayEnv(manifest: GraphManifest, secrets: GraphSecrets, urlOf: (name: string) => string): Record<string, string> {
  return Object.fromEntries(
    manifest.subgraphs.flatMap((s) => [
      [ENV.url(s.name), urlOf(s.name)],
      [ENV.gatewaySecret(s.name), secrets.gatewayTo[s.name]],
    ]),
  );
}
