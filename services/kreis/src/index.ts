export { createApp, kreisSubgraph, openKreis, type KreisApp, type KreisDeps } from './app';
export { loadKreisPart, type KreisSeedPart } from './seed';
export { buildKreisSchema } from './schema';
export { ProviderRegistry } from '@durchstarten/contracts';
export { loadKreisConfig } from './config';

export type { KreisServices } from './context';
export { ConsentScope } from './consent/consent.enums';
export { ExitReason, Gender, ResidenceStatus } from './participant/participant.enums';
export { MUNICIPALITIES, type MunicipalityRecord } from './municipality/municipality.data';
export { MAX_AGE, MIN_AGE, PROGRAMME_END, PROGRAMME_START } from './programme';
export { ageGroupOf, coarsen } from './reporting/quasi-identifiers';
export { quartersOverlapping } from './statistics/statistics.service';
export type { Contributor } from './statistics/contribution.client';
