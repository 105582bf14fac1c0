import { CALLER_SECRET_PREFIX, createLogger, runService, secretsByName } from '../../kit/src';
import { createApp } from './app';
import { contributorsOf, loadKreisConfig } from './config';
import { ProviderRegistry } from './provider/provider.registry';

void runService('kreis', async () => {
  const config = loadKreisConfig();
  const logger = createLogger('kreis', config.LOG_LEVEL as 'info');
  const registry = ProviderRegistry.fromFile(config.PROVIDER_REGISTRY);
  const app = await createApp({
    databaseUrl: config.DATABASE_URL,
    registry,
    contributors: contributorsOf(config, registry),
    logger,
    poolSize: config.DB_POOL_SIZE,
    bodyLimit: config.BODY_LIMIT,
    callerSecrets: secretsByName(CALLER_SECRET_PREFIX, config),
  });
  return { app, port: config.PORT, host: config.HOST, logger };
});
