export { agenturSubgraph, createApp, openAgentur, type AgenturApp, type AgenturDeps } from './app';
export { loadAgenturPart, type AgenturSeedPart } from './seed';
export { buildAgenturSchema } from './schema';
export { loadAgenturConfig } from './config';
export type { AgenturServices } from './context';
export { Office } from './placement/placement.enums';
