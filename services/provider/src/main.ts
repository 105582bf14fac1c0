import { providerSubgraph } from './app';
import { loadProviderConfig } from './config';

void providerSubgraph.run(process.env.PROVIDER_ID || 'provider', () => {
  const config = loadProviderConfig();
  return {
    config,
    deps: {
      providerId: config.PROVIDER_ID,
      databaseUrl: config.DATABASE_URL,
      kreisUrl: config.KREIS_URL,
      kreisCallerSecret: config.KREIS_CALLER_SECRET,
      poolSize: config.DB_POOL_SIZE,
      bodyLimit: config.BODY_LIMIT,
    },
  };
});
