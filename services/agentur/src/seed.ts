import { type Database, inTransaction } from '@durchstarten/kit';
import type { AgenturServices } from './context';
import { PlacementEntity } from './placement/placement.entity';

export interface AgenturSeedPart {
  placements: Array<{
    id: string;
    participantId: string;
    kind: string;
    office: string;
    employerName: string;
    kldbCode: string;
    occupationTitle: string;
    startsOn: string;
    endsOn: string | null;
  }>;
}

/** Loads agentur's part through its own services, all of it or nothing; false when it already holds placements. */
export async function loadAgenturPart(
  { database, services }: { database: Database; services: AgenturServices },
  part: AgenturSeedPart,
): Promise<boolean> {
  return inTransaction(database.dataSource, async (manager) => {
    if ((await manager.count(PlacementEntity)) > 0) return false;
    await services.placements.importMany(part.placements, manager);
    return true;
  });
}
