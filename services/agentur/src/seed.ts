import type { AgenturServices } from './context';

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

/** Loads agentur's part through its own services; false when it already holds placements. */
export async function loadAgenturPart(services: AgenturServices, part: AgenturSeedPart): Promise<boolean> {
  if ((await services.placements.list({}, 0)).totalCount > 0) return false;
  await services.placements.importMany(part.placements);
  return true;
}
