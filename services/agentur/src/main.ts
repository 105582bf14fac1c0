import { CALLER_SECRET_PREFIX, createLogger, runService, secretsByName } from '../../kit/src';
import { createApp } from './app';
import { loadAgenturConfig } from './config';

void runService('agentur', async () => {
  const config = loadAgenturConfig();
  const logger = createLogger('agentur', config.LOG_LEVEL as 'info');
  const app = await createApp({
    databaseUrl: config.DATABASE_URL,
    logger,
    poolSize: config.DB_POOL_SIZE,
    bodyLimit: config.BODY_LIMIT,
    callerSecrets: secretsByName(CALLER_SECRET_PREFIX, config),
  });
  return { app, port: config.PORT, host: config.HOST, logger };
});
