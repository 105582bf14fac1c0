import { agenturSubgraph } from './app';
import { loadAgenturConfig } from './config';

void agenturSubgraph.run('agentur', () => {
  const config = loadAgenturConfig();
  return { config, deps: { databaseUrl: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE, bodyLimit: config.BODY_LIMIT } };
});
