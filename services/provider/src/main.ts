import { CALLER_SECRET_PREFIX, createLogger, runService, secretsByName } from '../../kit/src';
import { createApp } from './app';
import { loadProviderConfig } from './config';

void runService(process.env.PROVIDER_ID || 'provider', async () => {
  const config = loadProviderConfig();
  const logger = createLogger(config.PROVIDER_ID, config.LOG_LEVEL as 'info');
  const app = await createApp({
    providerId: config.PROVIDER_ID,
    databaseUrl: config.DATABASE_URL,
    kreisUrl: config.KREIS_URL,
    logger,
    poolSize: config.DB_POOL_SIZE,
    bodyLimit: config.BODY_LIMIT,
    callerSecrets: secretsByName(CALLER_SECRET_PREFIX, config),
    kreisCallerSecret: config.KREIS_CALLER_SECRET,
  });
  return { app, port: config.PORT, host: config.HOST, logger };
});
