import type { ProviderServices } from './context';

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

/** Loads the provider's part through its own services; false when it already holds cases. */
export async function loadProviderPart(services: ProviderServices, part: ProviderSeedPart): Promise<boolean> {
  if ((await services.cases.list({}, 0)).totalCount > 0) return false;
  await services.courses.importMany(part.courses);
  await services.cases.importMany(part.cases);
  await services.records.importMany(part);
  return true;
}
