import { byIdLoader, groupingLoader } from '@durchstarten/kit';
import type { PlacementService } from './placement.service';

/** Per-request loaders of placements: one statement per batch of ids, whatever the page size. */
export function placementLoaders(placements: PlacementService) {
  return {
    placementById: byIdLoader(
      (ids) => placements.findByIds(ids),
      (p) => p.id,
    ),
    placementsByParticipant: groupingLoader(
      (ids) => placements.findByParticipantIds(ids),
      (p) => p.participantId,
    ),
  };
}
