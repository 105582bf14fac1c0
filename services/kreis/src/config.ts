import { join } from 'node:path';
import { defaultSqliteUrl, loadConfig, repoRoot, str, subgraphConfigSpec } from '../../kit/src';

const providerRegistrySpec = {
  PROVIDER_REGISTRY: str({ default: join(repoRoot(), 'services', 'kreis', 'providers.json'), desc: 'JSON file listing the providers' }),
};

export function loadKreisConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig({ ...subgraphConfigSpec({ port: 4001, database: defaultSqliteUrl('kreis') }, env), ...providerRegistrySpec }, env);
}
export type KreisConfig = ReturnType<typeof loadKreisConfig>;

/** Where the provider registry is, for tools (seed, launcher) that need no secrets of kreis. */
export function providerRegistryPath(env: NodeJS.ProcessEnv = process.env): string {
  return loadConfig(providerRegistrySpec, env).PROVIDER_REGISTRY;
}
