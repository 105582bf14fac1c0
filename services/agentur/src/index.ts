export { createApp, type AgenturApp, type AgenturDeps } from './app';
export { buildAgenturSchema } from './schema';
export { loadAgenturConfig } from './config';
