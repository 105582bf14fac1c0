import type { Database } from '@durchstarten/kit';
import type { AgenturServices } from './context';
import { AgenturSeedRepository } from './seed.repository';

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

/** Loads agentur's part, all of it or nothing; false when it already holds placements. */
export async function loadAgenturPart(
  { database }: { database: Database; services: AgenturServices },
  part: AgenturSeedPart,
): Promise<boolean> {
  return new AgenturSeedRepository(database.dataSource).loadIfEmpty(part);
}
