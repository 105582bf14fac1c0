import { type DefinedApp, defineSubgraph, type SubgraphDeps } from '@durchstarten/kit';
import { AGENTUR, contributorAccess } from '@durchstarten/contracts';
import type { AgenturLoaders, AgenturServices } from './context';
import { InitialPlacements1764000000000 } from './migrations/1764000000000-initial-placements';
import { NumberSequences1764300000000 } from './migrations/1764300000000-number-sequences';
import { PlacementEntity } from './placement/placement.entity';
import { placementLoaders } from './placement/placement.loader';
import { PlacementRepository } from './placement/placement.repository';
import { PlacementService } from './placement/placement.service';
import { buildAgenturSchema } from './schema';
import { loadAgenturPart, type AgenturSeedPart } from './seed';
import { AgenturStatisticsRepository } from './statistics/statistics.repository';
import { AgenturStatisticsService } from './statistics/statistics.service';

export type AgenturDeps = SubgraphDeps;
export type AgenturApp = DefinedApp<AgenturServices>;

/** The agentur subgraph: placements, and its contribution to kreis's statistics. */
export const agenturSubgraph = defineSubgraph<AgenturDeps, AgenturServices, AgenturLoaders, AgenturSeedPart>({
  name: () => AGENTUR,
  entities: [PlacementEntity],
  migrations: [InitialPlacements1764000000000, NumberSequences1764300000000],
  services: ({ dataSource }) => ({
    placements: new PlacementService(new PlacementRepository(dataSource)),
    statistics: new AgenturStatisticsService(new AgenturStatisticsRepository(dataSource)),
  }),
  schema: () => buildAgenturSchema(),
  loaders: (services) => placementLoaders(services.placements),
  // kreis may only ask for agentur's statistics contribution; the gateway's callers are people.
  mayRun: () => contributorAccess.mayRun(AGENTUR),
  seed: loadAgenturPart,
  viewerOf: contributorAccess.viewerOf,
});

export const openAgentur = agenturSubgraph.open;
export const createApp = agenturSubgraph.createApp;
