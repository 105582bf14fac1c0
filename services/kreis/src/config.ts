import { resolve } from 'node:path';
import { loadConfig, str, subgraphConfigSpec } from '../../kit/src';

export function loadKreisConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      ...subgraphConfigSpec({ port: 4001, database: 'sqlite:data/kreis.sqlite' }),
      PROVIDER_REGISTRY: str({ default: resolve(__dirname, '../providers.json'), desc: 'JSON file listing the providers' }),
    },
    env,
  );
}
export type KreisConfig = ReturnType<typeof loadKreisConfig>;
