import { join } from 'node:path';
import { defaultSqliteUrl, loadConfig, repoRoot, str, subgraphConfigSpec } from '../../kit/src';

export function loadKreisConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      ...subgraphConfigSpec({ port: 4001, database: defaultSqliteUrl('kreis') }),
      PROVIDER_REGISTRY: str({ default: join(repoRoot(), 'services', 'kreis', 'providers.json'), desc: 'JSON file listing the providers' }),
    },
    env,
  );
}
export type KreisConfig = ReturnType<typeof loadKreisConfig>;
