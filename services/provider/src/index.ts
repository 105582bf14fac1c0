export { createApp, type ProviderApp, type ProviderDeps } from './app';
export { buildProviderSchema } from './schema';
export { providerTypePrefix } from './desk/provider-types';
export type { ReferralDirectory, ReferralFacts } from './kreis-directory';
export { loadProviderConfig } from './config';
