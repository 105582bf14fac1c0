import type { Database } from '@durchstarten/kit';
import type { ProviderServices } from './context';
import { ProviderSeedRepository } from './seed.repository';

/** One provider's part of a synthetic world. */
export interface ProviderSeedPart {
  courses: Array<{ id: string; title: string; kind: string; module: string; startsOn: string; endsOn: string }>;
  cases: Array<{ id: string; participantId: string; module: string; openedOn: string; closedOn: string | null }>;
  coachingSessions: Array<{ id: string; caseId: string; heldOn: string; durationMinutes: number; topic: string; notes: string | null }>;
  enrolments: Array<{ id: string; caseId: string; courseId: string; enrolledOn: string; completedOn: string | null; status: string }>;
  certificates: Array<{
    id: string;
    caseId: string;
    kind: string;
    title: string;
    level: string | null;
    result: string | null;
    issuedOn: string;
  }>;
  internships: Array<{ id: string; caseId: string; employer: string; occupation: string; startsOn: string; endsOn: string }>;
}

/** Loads the provider's part, all of it or nothing; false when it already holds cases or courses. */
export async function loadProviderPart(
  { database }: { database: Database; services: ProviderServices },
  part: ProviderSeedPart,
): Promise<boolean> {
  return new ProviderSeedRepository(database.dataSource).loadIfEmpty(part);
}
