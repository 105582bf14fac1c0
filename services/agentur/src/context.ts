import { type SubgraphContext } from '@durchstarten/kit';
import { type ContributionSource } from '@durchstarten/contracts';
import type { placementLoaders } from './placement/placement.loader';
import type { PlacementService } from './placement/placement.service';

export interface AgenturServices {
  placements: PlacementService;
  statistics: ContributionSource;
}

export type AgenturLoaders = ReturnType<typeof placementLoaders>;

export type AgenturContext = SubgraphContext<AgenturServices, AgenturLoaders>;
