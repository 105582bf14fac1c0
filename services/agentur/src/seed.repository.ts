import type { DataSource } from 'typeorm';
import { insertNumberedRows, inTransaction } from '@durchstarten/kit';
import { PlacementEntity } from './placement/placement.entity';
import type { AgenturSeedPart } from './seed';

/** The statements that load a synthetic world's agentur part; its rows are generated valid, so no rules run. */
export class AgenturSeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** All placements or none, in one transaction; false when agentur already holds placements. */
  async loadIfEmpty(part: AgenturSeedPart): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      if ((await manager.count(PlacementEntity)) > 0) return false;
      // The number is the id's: `PL-00042` is number 42, so numbering continues after the seed.
      const rows = part.placements.map((row) => ({ ...row, number: Number(row.id.replace(/^PL-/, '')) }));
      // The last argument is the columns per row, which sizes each chunk to the driver's parameter limit.
      await insertNumberedRows(manager, PlacementEntity, rows, 11);
      return true;
    });
  }
}
