import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, requireNotBefore, requireText, todayIso, ValidationError } from '@durchstarten/kit';
import { CertificateKind, EnrolmentStatus, type CoachingTopic, type ExamResult, type LanguageLevel } from '@durchstarten/contracts';
import type { CaseEntity } from '../case/case.entity';
import type { CaseService } from '../case/case.service';
import type { CertificateEntity, CoachingSessionEntity, EnrolmentEntity, InternshipEntity } from './records.entity';
import type { RecordsRepository } from './records.repository';

/** Largest number of sessions one call may record, so one request cannot hold a transaction for long. */
export const MAX_SESSIONS_PER_CALL = 500;

export interface RecordCoachingSessionCommand {
  caseId: string;
  heldOn: string;
  durationMinutes: number;
  topic: CoachingTopic;
  notes?: string;
}

export interface EnrolCommand {
  caseId: string;
  courseId: string;
  enrolledOn: string;
}

export interface EndEnrolmentCommand {
  enrolmentId: string;
  status: EnrolmentStatus;
  on: string;
}

export interface IssueCertificateCommand {
  caseId: string;
  kind: CertificateKind;
  title: string;
  level?: LanguageLevel;
  result?: ExamResult;
  issuedOn: string;
}

export interface RecordInternshipCommand {
  caseId: string;
  employer: string;
  occupation: string;
  startsOn: string;
  endsOn: string;
}

/** Rules for what a provider records on its cases: each record dated within its open case. */
export class RecordsService {
  constructor(
    private readonly repository: RecordsRepository,
    private readonly cases: CaseService,
  ) {}

  sessionsByCaseIds(caseIds: readonly string[]) {
    return this.repository.sessionsByCaseIds(caseIds);
  }
  enrolmentsByCaseIds(caseIds: readonly string[]) {
    return this.repository.enrolmentsByCaseIds(caseIds);
  }
  certificatesByCaseIds(caseIds: readonly string[]) {
    return this.repository.certificatesByCaseIds(caseIds);
  }
  internshipsByCaseIds(caseIds: readonly string[]) {
    return this.repository.internshipsByCaseIds(caseIds);
  }

  /** All sessions or none: one transaction, every case checked first. */
  async recordCoachingSessions(commands: RecordCoachingSessionCommand[]): Promise<CoachingSessionEntity[]> {
    if (commands.length === 0) throw new ValidationError('Give at least one coaching session.', 'sessions');
    if (commands.length > MAX_SESSIONS_PER_CALL)
      throw new ValidationError(`At most ${MAX_SESSIONS_PER_CALL} sessions per call.`, 'sessions');
    return this.repository.transaction(async (records) => {
      const cases = await this.cases.requireOwnMany(
        commands.map((c) => c.caseId),
        records.cases,
        { open: true },
      );
      const rows = commands.map((command, index): CoachingSessionEntity => {
        this.requireWithinCase(cases.get(command.caseId)!, command.heldOn, `sessions[${index}].heldOn`);
        return {
          id: randomUUID(),
          caseId: command.caseId,
          heldOn: command.heldOn,
          durationMinutes: command.durationMinutes,
          topic: command.topic,
          notes: command.notes?.trim() || null,
        };
      });
      await records.insertSessions(rows);
      return rows;
    });
  }

  async enrol(command: EnrolCommand): Promise<EnrolmentEntity> {
    return this.repository.transaction(async (records) => {
      const providerCase = await this.cases.requireOwn(command.caseId, records.cases, { open: true });
      const course = await records.courseById(command.courseId);
      if (!course) throw new NotFoundError('Course', command.courseId);
      if (course.module !== providerCase.module) {
        throw new ValidationError(
          `Course ${course.id} belongs to ${course.module}, but case ${providerCase.id} is for ${providerCase.module}.`,
          'courseId',
        );
      }
      this.requireWithinCase(providerCase, command.enrolledOn, 'enrolledOn');
      const existing = await records.enrolmentWithStatus(providerCase.id, course.id, EnrolmentStatus.ENROLLED);
      if (existing) throw new ConflictError(`Case ${providerCase.id} is already enrolled in course ${course.id}.`);
      const enrolment: EnrolmentEntity = {
        id: randomUUID(),
        caseId: providerCase.id,
        courseId: course.id,
        enrolledOn: command.enrolledOn,
        completedOn: null,
        status: EnrolmentStatus.ENROLLED,
      };
      await records.insertEnrolment(enrolment);
      return Object.assign(enrolment, { course });
    });
  }

  async endEnrolment(command: EndEnrolmentCommand): Promise<EnrolmentEntity> {
    if (command.status === EnrolmentStatus.ENROLLED) throw new ValidationError('status must be COMPLETED or DROPPED.', 'status');
    return this.repository.transaction(async (records) => {
      const enrolment = await records.enrolmentById(command.enrolmentId);
      if (!enrolment) throw new NotFoundError('Enrolment', command.enrolmentId);
      if (enrolment.status !== EnrolmentStatus.ENROLLED)
        throw new ConflictError(`Enrolment ${enrolment.id} already ended as ${enrolment.status}.`);
      const providerCase = await this.cases.requireOwn(enrolment.caseId, records.cases);
      requireNotBefore(command.on, enrolment.enrolledOn, 'on', 'enrolledOn');
      this.requireWithinCase(providerCase, command.on, 'on');
      enrolment.status = command.status;
      enrolment.completedOn = command.on;
      await records.updateEnrolmentEnd(enrolment);
      return Object.assign(enrolment, { course: await records.courseByIdOrFail(enrolment.courseId) });
    });
  }

  async issueCertificate(command: IssueCertificateCommand): Promise<CertificateEntity> {
    if (command.kind === CertificateKind.LANGUAGE_EXAM) {
      if (!command.level) throw new ValidationError('A language exam needs its level (A1 to C1).', 'level');
      if (!command.result) throw new ValidationError('A language exam needs its result.', 'result');
    } else if (command.level) {
      throw new ValidationError('Only language exams have a level.', 'level');
    }
    if (command.kind === CertificateKind.SCHOOL_CERTIFICATE && !command.result) {
      throw new ValidationError('A school certificate exam needs its result.', 'result');
    }
    return this.repository.transaction(async (records) => {
      const providerCase = await this.cases.requireOwn(command.caseId, records.cases);
      this.requireWithinCase(providerCase, command.issuedOn, 'issuedOn');
      const certificate: CertificateEntity = {
        id: randomUUID(),
        caseId: providerCase.id,
        kind: command.kind,
        title: requireText(command.title, 'title'),
        level: command.level ?? null,
        result: command.result ?? null,
        issuedOn: command.issuedOn,
      };
      await records.insertCertificate(certificate);
      return certificate;
    });
  }

  async recordInternship(command: RecordInternshipCommand): Promise<InternshipEntity> {
    requireNotBefore(command.endsOn, command.startsOn, 'endsOn', 'startsOn');
    return this.repository.transaction(async (records) => {
      const providerCase = await this.cases.requireOwn(command.caseId, records.cases, { open: true });
      this.requireWithinCase(providerCase, command.startsOn, 'startsOn');
      const internship: InternshipEntity = {
        id: randomUUID(),
        caseId: providerCase.id,
        employer: requireText(command.employer, 'employer'),
        occupation: requireText(command.occupation, 'occupation'),
        startsOn: command.startsOn,
        endsOn: command.endsOn,
      };
      await records.insertInternship(internship);
      return internship;
    });
  }

  /**
   * Removes what identifies the participant in this provider's records: coaches'
   * notes and internship employers. The rows stay, so counts remain right. Idempotent.
   */
  async eraseParticipant(participantId: string): Promise<string[]> {
    const { notes, employers } = await this.repository.eraseIdentifyingTexts(participantId);
    const erased = [...(notes ? [`coachingSessions.notes: ${notes}`] : []), ...(employers ? [`internships.employer: ${employers}`] : [])];
    if (erased.length) await this.repository.purgeErasedValues();
    return erased;
  }

  private requireWithinCase(providerCase: CaseEntity, date: string, field: string): void {
    requireNotBefore(date, providerCase.openedOn, field, `the case's openedOn`);
    if (providerCase.closedOn && date > providerCase.closedOn)
      throw new ValidationError(`${field} (${date}) lies after the case was closed (${providerCase.closedOn}).`, field);
    if (date > todayIso()) throw new ValidationError(`${field} must not be in the future.`, field);
  }
}
