import { ProviderRegistry } from '@durchstarten/contracts';
import { kreisSubgraph } from './app';
import { contributorsOf, loadKreisConfig } from './config';

void kreisSubgraph.run('kreis', () => {
  const config = loadKreisConfig();
  const registry = ProviderRegistry.fromFile(config.PROVIDER_REGISTRY);
  return {
    config,
    deps: {
      databaseUrl: config.DATABASE_URL,
      registry,
      contributors: contributorsOf(config, registry),
      poolSize: config.DB_POOL_SIZE,
      bodyLimit: config.BODY_LIMIT,
    },
  };
});
