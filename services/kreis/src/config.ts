import { type Contributor } from './statistics/contribution.client';
import { defaultSqliteUrl, loadConfig, secretSpecs, subgraphConfigSpec, url } from '@durchstarten/kit';
import { ProviderRegistry, providerRegistryPath, providerRegistrySpec } from '@durchstarten/contracts';

export const CONTRIBUTOR_SECRET_PREFIX = 'CONTRIBUTOR_SECRET_';

/**
 * The organisations kreis asks for statistics contributions: every provider of the
 * registry and agentur, each at `<NAME>_URL` (a provider's default is its routing
 * URL) with `CONTRIBUTOR_SECRET_<NAME>`, which that organisation knows as CALLER_SECRET_KREIS.
 */
function contributorSpec(registry: ProviderRegistry, env: NodeJS.ProcessEnv) {
  const defaults: Record<string, string> = {
    ...Object.fromEntries(registry.providers.map((p) => [p.id, p.routingUrl])),
    agentur: 'http://127.0.0.1:4004/graphql',
  };
  return {
    ...secretSpecs(CONTRIBUTOR_SECRET_PREFIX, env, Object.keys(defaults)),
    ...Object.fromEntries(
      Object.entries(defaults).map(([name, routingUrl]) => [
        `${name.toUpperCase()}_URL`,
        url({ default: routingUrl, desc: `the ${name} subgraph` }),
      ]),
    ),
  };
}

export function loadKreisConfig(env: NodeJS.ProcessEnv = process.env) {
  const registry = ProviderRegistry.fromFile(providerRegistryPath(env));
  return loadConfig(
    {
      ...subgraphConfigSpec({ port: 4001, database: defaultSqliteUrl('kreis') }, env),
      ...providerRegistrySpec,
      ...contributorSpec(registry, env),
    },
    env,
  );
}

/** The contributors named in a loaded kreis configuration. */
export function contributorsOf(config: Record<string, unknown>, registry: ProviderRegistry): Contributor[] {
  return [...registry.providers.map((p) => p.id), 'agentur'].map((name) => ({
    organisation: name,
    url: String(config[`${name.toUpperCase()}_URL`]),
    secret: String(config[`${CONTRIBUTOR_SECRET_PREFIX}${name.toUpperCase()}`]),
  }));
}
export type KreisConfig = ReturnType<typeof loadKreisConfig>;
