export { createApp, openProvider, providerSubgraph, type ProviderApp, type ProviderDeps } from './app';
export { loadProviderPart, type ProviderSeedPart } from './seed';
export { buildProviderSchema } from './schema';
export type { ReferralDirectory, ReferralFacts } from './kreis-directory';
export { loadProviderConfig } from './config';
export type { ProviderServices } from './context';
