import type { DataSource } from 'typeorm';

/** A participant who had a placement of a kind. */
export interface PlacementKindRow {
  kind: string;
  participantId: string;
}

/** The statement behind agentur's statistics contribution. */
export class AgenturStatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Who had a placement of which kind, in one statement. */
  async placementKinds(): Promise<PlacementKindRow[]> {
    const rows: Array<{ kind: string; participant_id: string }> = await this.dataSource.query(
      'SELECT DISTINCT kind, participant_id FROM placement',
    );
    return rows.map((row) => ({ kind: row.kind, participantId: row.participant_id }));
  }
}
