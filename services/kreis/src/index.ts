export { createApp, type KreisApp, type KreisDeps } from './app';
export { buildKreisSchema } from './schema';
export { ProviderRegistry, providerTypePrefix } from './provider/provider.registry';
export { loadKreisConfig } from './config';
