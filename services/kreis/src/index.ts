export { createApp, openKreis, type KreisApp, type KreisDeps } from './app';
export { loadKreisPart, type KreisSeedPart } from './seed';
export { buildKreisSchema } from './schema';
export { ProviderRegistry } from './provider/provider.registry';
export { loadKreisConfig } from './config';
