import { type DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { insertInChunks, inTransaction, purgeErasedValues } from '@durchstarten/kit';
import { ERASED } from '@durchstarten/contracts';
import { CaseEntity } from '../case/case.entity';
import { type CaseReader, CaseTransaction } from '../case/case.repository';
import { CourseEntity } from '../course/course.entity';
import { CertificateEntity, CoachingSessionEntity, EnrolmentEntity, InternshipEntity } from './records.entity';

/** How many of each identifying text an erasure removed. */
export interface ErasedRecordTexts {
  notes: number;
  employers: number;
}

/** Every statement on the four kinds of record. */
export class RecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  sessionsByCaseIds(caseIds: readonly string[]): Promise<CoachingSessionEntity[]> {
    return this.dataSource
      .getRepository(CoachingSessionEntity)
      .find({ where: { caseId: In([...caseIds]) }, order: { heldOn: 'ASC', id: 'ASC' } });
  }

  enrolmentsByCaseIds(caseIds: readonly string[]): Promise<EnrolmentEntity[]> {
    return this.dataSource
      .getRepository(EnrolmentEntity)
      .find({ where: { caseId: In([...caseIds]) }, relations: { course: true }, order: { enrolledOn: 'ASC', id: 'ASC' } });
  }

  certificatesByCaseIds(caseIds: readonly string[]): Promise<CertificateEntity[]> {
    return this.dataSource
      .getRepository(CertificateEntity)
      .find({ where: { caseId: In([...caseIds]) }, order: { issuedOn: 'ASC', id: 'ASC' } });
  }

  internshipsByCaseIds(caseIds: readonly string[]): Promise<InternshipEntity[]> {
    return this.dataSource
      .getRepository(InternshipEntity)
      .find({ where: { caseId: In([...caseIds]) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  /** Runs `work` in one transaction: its case checks and its writes commit together or not at all. */
  transaction<T>(work: (records: RecordsTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (manager) => work(new RecordsTransaction(manager)));
  }

  /**
   * Overwrites coaches' notes and internship employers on the participant's cases,
   * in one transaction; the rows stay. Only texts not erased yet count.
   */
  async eraseIdentifyingTexts(participantId: string): Promise<ErasedRecordTexts> {
    return inTransaction(this.dataSource, async (manager) => {
      const caseIds = (await manager.findBy(CaseEntity, { participantId })).map((c) => c.id);
      if (caseIds.length === 0) return { notes: 0, employers: 0 };
      const notes = await manager.update(CoachingSessionEntity, { caseId: In(caseIds), notes: Not(IsNull()) }, { notes: null });
      const employers = await manager.update(InternshipEntity, { caseId: In(caseIds), employer: Not(ERASED) }, { employer: ERASED });
      return { notes: notes.affected ?? 0, employers: employers.affected ?? 0 };
    });
  }

  /** So that erased values survive nowhere in the database's files (see kit's purgeErasedValues). */
  purgeErasedValues(): Promise<void> {
    return purgeErasedValues(this.dataSource);
  }
}

/** The records and what they hang on (cases, courses), inside one transaction. */
export class RecordsTransaction {
  readonly cases: CaseReader;

  constructor(private readonly manager: EntityManager) {
    this.cases = new CaseTransaction(manager);
  }

  courseById(id: string): Promise<CourseEntity | null> {
    return this.manager.findOneBy(CourseEntity, { id });
  }

  courseByIdOrFail(id: string): Promise<CourseEntity> {
    return this.manager.findOneByOrFail(CourseEntity, { id });
  }

  enrolmentById(id: string): Promise<EnrolmentEntity | null> {
    return this.manager.findOneBy(EnrolmentEntity, { id });
  }

  enrolmentWithStatus(caseId: string, courseId: string, status: string): Promise<EnrolmentEntity | null> {
    return this.manager.findOneBy(EnrolmentEntity, { caseId, courseId, status });
  }

  async insertSessions(rows: CoachingSessionEntity[]): Promise<void> {
    await insertInChunks(this.manager, CoachingSessionEntity, rows, 6);
  }

  async insertEnrolment(row: EnrolmentEntity): Promise<void> {
    await this.manager.insert(EnrolmentEntity, row);
  }

  async updateEnrolmentEnd(row: EnrolmentEntity): Promise<void> {
    await this.manager.update(EnrolmentEntity, { id: row.id }, { status: row.status, completedOn: row.completedOn });
  }

  async insertCertificate(row: CertificateEntity): Promise<void> {
    await this.manager.insert(CertificateEntity, row);
  }

  async insertInternship(row: InternshipEntity): Promise<void> {
    await this.manager.insert(InternshipEntity, row);
  }
}
