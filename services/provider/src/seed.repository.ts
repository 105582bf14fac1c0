import type { DataSource } from 'typeorm';
import { insertInChunks, inTransaction } from '@durchstarten/kit';
import { CaseEntity } from './case/case.entity';
import { CourseEntity } from './course/course.entity';
import { CertificateEntity, CoachingSessionEntity, EnrolmentEntity, InternshipEntity } from './records/records.entity';
import type { ProviderSeedPart } from './seed';

/** The statements that load a synthetic world's provider part; its rows are generated valid, so no rules run. */
export class ProviderSeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** All of the part or nothing, in one transaction; false when the provider already holds cases or courses. */
  async loadIfEmpty(part: ProviderSeedPart): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      if ((await manager.count(CaseEntity)) > 0 || (await manager.count(CourseEntity)) > 0) return false;
      // The last argument is the columns per row, which sizes each chunk to the driver's parameter limit.
      await insertInChunks(manager, CourseEntity, part.courses, 6);
      await insertInChunks(manager, CaseEntity, part.cases, 5);
      await insertInChunks(manager, CoachingSessionEntity, part.coachingSessions, 6);
      await insertInChunks(manager, EnrolmentEntity, part.enrolments, 6);
      await insertInChunks(manager, CertificateEntity, part.certificates, 7);
      await insertInChunks(manager, InternshipEntity, part.internships, 6);
      return true;
    });
  }
}
