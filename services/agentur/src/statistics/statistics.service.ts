import { type Contribution, type ContributionSource, PLACEMENT_MEASURE_PREFIX, PlacementKind } from '@durchstarten/contracts';
import type { AgenturStatisticsRepository } from './statistics.repository';

/** agentur's part of the graph's statistics: one measure per kind of placement, each listed even when empty. */
export class AgenturStatisticsService implements ContributionSource {
  constructor(private readonly repository: AgenturStatisticsRepository) {}

  async contribution(): Promise<Contribution> {
    const contribution: Contribution = Object.fromEntries(
      Object.values(PlacementKind).map((kind) => [PLACEMENT_MEASURE_PREFIX + kind, []]),
    );
    for (const row of await this.repository.placementKinds()) contribution[PLACEMENT_MEASURE_PREFIX + row.kind].push(row.participantId);
    return contribution;
  }
}
