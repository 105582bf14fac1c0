import type { KreisServices } from './context';

/** Kreis's part of a synthetic world: its own rows only. */
export interface KreisSeedPart {
  participants: Array<{
    id: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    gender: string;
    residenceStatus: string;
    municipalityId: string;
    enteredOn: string;
    exitedOn: string | null;
    exitReason: string | null;
  }>;
  referrals: Array<{
    id: string;
    participantId: string;
    providerId: string;
    module: string;
    referredOn: string;
    startedOn: string | null;
    endedOn: string | null;
    status: string;
  }>;
  consents: Array<{ id: string; participantId: string; scope: string; grantedOn: string; withdrawnOn: string | null }>;
}

/** Loads kreis's part through kreis's own services; false when the registry already holds data. */
export async function loadKreisPart(services: KreisServices, part: KreisSeedPart): Promise<boolean> {
  if ((await services.participants.page({}, 0)).totalCount > 0) return false;
  await services.participants.importMany(part.participants);
  await services.referrals.importMany(part.referrals);
  await services.consents.importMany(part.consents);
  return true;
}
