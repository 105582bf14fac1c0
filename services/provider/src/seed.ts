import { type Database, inTransaction } from '@durchstarten/kit';
import { CaseEntity } from './case/case.entity';
import type { ProviderServices } from './context';
import { CourseEntity } from './course/course.entity';

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

/** Loads the provider's part through its own services, all of it or nothing; false when it already holds cases or courses. */
export async function loadProviderPart(
  { database, services }: { database: Database; services: ProviderServices },
  part: ProviderSeedPart,
): Promise<boolean> {
  return inTransaction(database.dataSource, async (manager) => {
    if ((await manager.count(CaseEntity)) > 0 || (await manager.count(CourseEntity)) > 0) return false;
    await services.courses.importMany(part.courses, manager);
    await services.cases.importMany(part.cases, manager);
    await services.records.importMany(part, manager);
    return true;
  });
}
