import type DataLoader from 'dataloader';
import { byIdLoader, groupingLoader, type Viewer } from '../../kit/src';
import type { PlacementEntity } from './placement/placement.entity';
import type { PlacementService } from './placement/placement.service';

export interface AgenturServices {
  placements: PlacementService;
}

export interface AgenturContext {
  services: AgenturServices;
  viewer: Viewer | null;
  loaders: {
    placementById: DataLoader<string, PlacementEntity | null>;
    placementsByParticipant: DataLoader<string, PlacementEntity[]>;
  };
}

export function createAgenturContext(services: AgenturServices, viewer: Viewer | null): AgenturContext {
  return {
    services,
    viewer,
    loaders: {
      placementById: byIdLoader(
        (ids) => services.placements.findByIds(ids),
        (p) => p.id,
      ),
      placementsByParticipant: groupingLoader(
        (ids) => services.placements.findByParticipantIds(ids),
        (p) => p.participantId,
      ),
    },
  };
}
