import type { DataSource } from 'typeorm';
import { type Contribution, type ContributionSource, PLACEMENT_MEASURE_PREFIX, PlacementKind } from '@durchstarten/contracts';

/** agentur's part of the graph's statistics: who had a placement of which kind, in one statement. */
export class AgenturStatisticsRepository implements ContributionSource {
  constructor(private readonly dataSource: DataSource) {}

  async contribution(): Promise<Contribution> {
    const rows: Array<{ kind: string; participant_id: string }> = await this.dataSource.query(
      'SELECT DISTINCT kind, participant_id FROM placement',
    );
    const contribution: Contribution = Object.fromEntries(
      Object.values(PlacementKind).map((kind) => [PLACEMENT_MEASURE_PREFIX + kind, []]),
    );
    for (const row of rows) contribution[PLACEMENT_MEASURE_PREFIX + row.kind].push(row.participant_id);
    return contribution;
  }
}
