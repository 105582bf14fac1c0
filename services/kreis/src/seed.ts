import type { Database } from '@durchstarten/kit';
import type { KreisServices } from './context';
import { RegistryRepositories } from './registry.repository';

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

/** Loads kreis's part through kreis's own services, all of it or nothing; false when the registry already holds data. */
export async function loadKreisPart(
  { database, services }: { database: Database; services: KreisServices },
  part: KreisSeedPart,
): Promise<boolean> {
  return new RegistryRepositories(database.dataSource).transaction(async (registry) => {
    if (!(await registry.participants.isEmpty())) return false;
    await services.participants.importMany(part.participants, registry);
    await services.referrals.importMany(part.referrals, registry);
    await services.consents.importMany(part.consents, registry);
    return true;
  });
}
