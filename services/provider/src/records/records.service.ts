import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { CaseEntity } from '../case/case.entity';
import { ConflictError, insertInChunks, inTransaction, NotFoundError, purgeErasedValues, requireNotBefore, requireText, todayIso, ValidationError } from '@durchstarten/kit';
import { CertificateKind, EnrolmentStatus, ERASED } from '@durchstarten/contracts';
import type { CaseService } from '../case/case.service';
import { CourseEntity } from '../course/course.entity';
import { CertificateEntity, CoachingSessionEntity, EnrolmentEntity, InternshipEntity } from './records.entity';
import type { CertificateInput, CoachingSessionInput, EndEnrolmentInput, EnrolInput, InternshipInput } from './records.type';

/** Largest number of sessions one call may record, so one request cannot hold a transaction for long. */
export const MAX_SESSIONS_PER_CALL = 500;

/** Rules for what a provider records on its cases: each record dated within its open case. */
export class RecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseService,
  ) {}

  sessionsByCaseIds(caseIds: readonly string[]) {
    return this.dataSource
      .getRepository(CoachingSessionEntity)
      .find({ where: { caseId: In([...caseIds]) }, order: { heldOn: 'ASC', id: 'ASC' } });
  }
  enrolmentsByCaseIds(caseIds: readonly string[]) {
    return this.dataSource
      .getRepository(EnrolmentEntity)
      .find({ where: { caseId: In([...caseIds]) }, relations: { course: true }, order: { enrolledOn: 'ASC', id: 'ASC' } });
  }
  certificatesByCaseIds(caseIds: readonly string[]) {
    return this.dataSource
      .getRepository(CertificateEntity)
      .find({ where: { caseId: In([...caseIds]) }, order: { issuedOn: 'ASC', id: 'ASC' } });
  }
  internshipsByCaseIds(caseIds: readonly string[]) {
    return this.dataSource
      .getRepository(InternshipEntity)
      .find({ where: { caseId: In([...caseIds]) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  /** All sessions or none: one transaction, every case checked first. */
  async recordCoachingSessions(inputs: CoachingSessionInput[]): Promise<CoachingSessionEntity[]> {
    if (inputs.length === 0) throw new ValidationError('Give at least one coaching session.', 'sessions');
    if (inputs.length > MAX_SESSIONS_PER_CALL) throw new ValidationError(`At most ${MAX_SESSIONS_PER_CALL} sessions per call.`, 'sessions');
    return inTransaction(this.dataSource, async (manager) => {
      const cases = await this.cases.requireOwnMany(
        inputs.map((i) => i.caseId),
        manager,
        { open: true },
      );
      const rows = inputs.map((input, index) => {
        this.requireWithinCase(cases.get(input.caseId)!, input.heldOn, `sessions[${index}].heldOn`);
        return manager.create(CoachingSessionEntity, {
          id: randomUUID(),
          caseId: input.caseId,
          heldOn: input.heldOn,
          durationMinutes: input.durationMinutes,
          topic: input.topic,
          notes: input.notes?.trim() || null,
        });
      });
      await insertInChunks(manager, CoachingSessionEntity, rows, 6);
      return rows;
    });
  }

  async enrol(input: EnrolInput): Promise<EnrolmentEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const providerCase = await this.cases.requireOwn(input.caseId, manager, { open: true });
      const course = await manager.findOneBy(CourseEntity, { id: input.courseId });
      if (!course) throw new NotFoundError('Course', input.courseId);
      if (course.module !== providerCase.module) {
        throw new ValidationError(
          `Course ${course.id} belongs to ${course.module}, but case ${providerCase.id} is for ${providerCase.module}.`,
          'courseId',
        );
      }
      this.requireWithinCase(providerCase, input.enrolledOn, 'enrolledOn');
      const existing = await manager.findOneBy(EnrolmentEntity, {
        caseId: providerCase.id,
        courseId: course.id,
        status: EnrolmentStatus.ENROLLED,
      });
      if (existing) throw new ConflictError(`Case ${providerCase.id} is already enrolled in course ${course.id}.`);
      const enrolment = manager.create(EnrolmentEntity, {
        id: randomUUID(),
        caseId: providerCase.id,
        courseId: course.id,
        enrolledOn: input.enrolledOn,
        completedOn: null,
        status: EnrolmentStatus.ENROLLED,
      });
      await manager.insert(EnrolmentEntity, enrolment);
      return Object.assign(enrolment, { course });
    });
  }

  async endEnrolment(input: EndEnrolmentInput): Promise<EnrolmentEntity> {
    if (input.status === EnrolmentStatus.ENROLLED) throw new ValidationError('status must be COMPLETED or DROPPED.', 'status');
    return inTransaction(this.dataSource, async (manager) => {
      const enrolment = await manager.findOneBy(EnrolmentEntity, { id: input.enrolmentId });
      if (!enrolment) throw new NotFoundError('Enrolment', input.enrolmentId);
      if (enrolment.status !== EnrolmentStatus.ENROLLED)
        throw new ConflictError(`Enrolment ${enrolment.id} already ended as ${enrolment.status}.`);
      const providerCase = await this.cases.requireOwn(enrolment.caseId, manager);
      requireNotBefore(input.on, enrolment.enrolledOn, 'on', 'enrolledOn');
      this.requireWithinCase(providerCase, input.on, 'on');
      enrolment.status = input.status;
      enrolment.completedOn = input.on;
      await manager.update(EnrolmentEntity, { id: enrolment.id }, { status: enrolment.status, completedOn: enrolment.completedOn });
      return Object.assign(enrolment, { course: await manager.findOneByOrFail(CourseEntity, { id: enrolment.courseId }) });
    });
  }

  async issueCertificate(input: CertificateInput): Promise<CertificateEntity> {
    if (input.kind === CertificateKind.LANGUAGE_EXAM) {
      if (!input.level) throw new ValidationError('A language exam needs its level (A1 to C1).', 'level');
      if (!input.result) throw new ValidationError('A language exam needs its result.', 'result');
    } else if (input.level) {
      throw new ValidationError('Only language exams have a level.', 'level');
    }
    if (input.kind === CertificateKind.SCHOOL_CERTIFICATE && !input.result) {
      throw new ValidationError('A school certificate exam needs its result.', 'result');
    }
    return inTransaction(this.dataSource, async (manager) => {
      const providerCase = await this.cases.requireOwn(input.caseId, manager);
      this.requireWithinCase(providerCase, input.issuedOn, 'issuedOn');
      const certificate = manager.create(CertificateEntity, {
        id: randomUUID(),
        caseId: providerCase.id,
        kind: input.kind,
        title: requireText(input.title, 'title'),
        level: input.level ?? null,
        result: input.result ?? null,
        issuedOn: input.issuedOn,
      });
      await manager.insert(CertificateEntity, certificate);
      return certificate;
    });
  }

  async recordInternship(input: InternshipInput): Promise<InternshipEntity> {
    requireNotBefore(input.endsOn, input.startsOn, 'endsOn', 'startsOn');
    return inTransaction(this.dataSource, async (manager) => {
      const providerCase = await this.cases.requireOwn(input.caseId, manager, { open: true });
      this.requireWithinCase(providerCase, input.startsOn, 'startsOn');
      const internship = manager.create(InternshipEntity, {
        id: randomUUID(),
        caseId: providerCase.id,
        employer: requireText(input.employer, 'employer'),
        occupation: requireText(input.occupation, 'occupation'),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      });
      await manager.insert(InternshipEntity, internship);
      return internship;
    });
  }

  /**
   * Removes what identifies the participant in this provider's records: coaches'
   * notes and internship employers. The rows stay, so counts remain right. Idempotent.
   */
  async eraseParticipant(participantId: string): Promise<string[]> {
    const erased = await inTransaction(this.dataSource, async (manager) => {
      const caseIds = (await manager.findBy(CaseEntity, { participantId })).map((c) => c.id);
      if (caseIds.length === 0) return [];
      const notes = await manager.update(CoachingSessionEntity, { caseId: In(caseIds), notes: Not(IsNull()) }, { notes: null });
      const employers = await manager.update(InternshipEntity, { caseId: In(caseIds), employer: Not(ERASED) }, { employer: ERASED });
      return [
        ...(notes.affected ? [`coachingSessions.notes: ${notes.affected}`] : []),
        ...(employers.affected ? [`internships.employer: ${employers.affected}`] : []),
      ];
    });
    if (erased.length) await purgeErasedValues(this.dataSource);
    return erased;
  }

  /** Inserts seed rows inside the caller's transaction: a seed loads an organisation's whole part or nothing. */
  async importMany(
    records: {
      coachingSessions: CoachingSessionEntity[];
      enrolments: EnrolmentEntity[];
      certificates: CertificateEntity[];
      internships: InternshipEntity[];
    },
    manager: EntityManager,
  ): Promise<void> {
    await insertInChunks(manager, CoachingSessionEntity, records.coachingSessions, 6);
    await insertInChunks(manager, EnrolmentEntity, records.enrolments, 6);
    await insertInChunks(manager, CertificateEntity, records.certificates, 7);
    await insertInChunks(manager, InternshipEntity, records.internships, 6);
  }

  private requireWithinCase(providerCase: CaseEntity, date: string, field: string): void {
    requireNotBefore(date, providerCase.openedOn, field, `the case's openedOn`);
    if (providerCase.closedOn && date > providerCase.closedOn)
      throw new ValidationError(`${field} (${date}) lies after the case was closed (${providerCase.closedOn}).`, field);
    if (date > todayIso()) throw new ValidationError(`${field} must not be in the future.`, field);
  }
}
