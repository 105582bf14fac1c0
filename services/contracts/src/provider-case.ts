import { Authorized, Directive, Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { LocalDate } from '@durchstarten/kit';
import { CertificateKind, CoachingTopic, CourseKind, EnrolmentStatus, ExamResult, LanguageLevel, Module } from './enums';
import { type AccessRule, KREIS } from './organisations';

/**
 * What every provider publishes about a case, identically: the `ProviderCase`
 * interface and the value types of its records. Federation composes a
 * @shareable type only if every subgraph defines it the same way, so each
 * provider code base takes them from here. The access rules on their fields
 * are part of the agreement: a provider cannot show more than the others.
 */

/** Dates in case records single people out: not for analysts, who read the records without them. */
export const CASE_RECORD_DATE_READERS: AccessRule[] = ['coach@self', `caseworker@${KREIS}`];
/** A coach's free text: for the provider's own staff only. */
export const COACHING_NOTE_READERS: AccessRule[] = ['coach@self'];
/** An internship's employer identifies the person: not for analysts. */
export const INTERNSHIP_EMPLOYER_READERS: AccessRule[] = ['coach@self', `caseworker@${KREIS}`];

@ObjectType('CoachingSession', { description: 'One individual coaching appointment (module F1).' })
@Directive('@shareable')
export class CoachingSessionType {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  @Authorized(CASE_RECORD_DATE_READERS)
  heldOn: string;

  @Field(() => Int)
  durationMinutes: number;

  @Field(() => CoachingTopic)
  topic: CoachingTopic;

  @Field(() => String, { nullable: true, description: 'Free text by the coach: for the provider’s own staff only.' })
  @Authorized(COACHING_NOTE_READERS)
  notes: string | null;
}

@ObjectType('Course', { description: 'A course in a provider’s catalogue.' })
@Directive('@shareable')
export class CourseType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  title: string;

  @Field(() => CourseKind)
  kind: CourseKind;

  @Field(() => Module)
  module: Module;

  @Field(() => LocalDate)
  @Authorized(CASE_RECORD_DATE_READERS)
  startsOn: string;

  @Field(() => LocalDate)
  @Authorized(CASE_RECORD_DATE_READERS)
  endsOn: string;
}

@ObjectType('CourseEnrolment')
@Directive('@shareable')
export class CourseEnrolmentType {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  @Authorized(CASE_RECORD_DATE_READERS)
  enrolledOn: string;

  @Field(() => LocalDate, { nullable: true })
  @Authorized(CASE_RECORD_DATE_READERS)
  completedOn: string | null;

  @Field(() => EnrolmentStatus)
  status: EnrolmentStatus;

  /** A provider loads the course with every enrolment it returns. */
  @Field(() => CourseType)
  course: CourseType;
}

@ObjectType('Certificate', { description: 'A language exam, course certificate, school certificate or licence.' })
@Directive('@shareable')
export class CertificateType {
  @Field(() => ID)
  id: string;

  @Field(() => CertificateKind)
  kind: CertificateKind;

  @Field(() => String)
  title: string;

  @Field(() => LanguageLevel, { nullable: true, description: 'Language exams only.' })
  level: LanguageLevel | null;

  @Field(() => ExamResult, { nullable: true, description: 'Exams only.' })
  result: ExamResult | null;

  @Field(() => LocalDate)
  @Authorized(CASE_RECORD_DATE_READERS)
  issuedOn: string;
}

@ObjectType('Internship', { description: 'A Praktikum arranged by the provider.' })
@Directive('@shareable')
export class InternshipType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Identifies the person: not for analysts.' })
  @Authorized(INTERNSHIP_EMPLOYER_READERS)
  employer: string;

  @Field(() => String)
  occupation: string;

  @Field(() => LocalDate)
  @Authorized(CASE_RECORD_DATE_READERS)
  startsOn: string;

  @Field(() => LocalDate)
  @Authorized(CASE_RECORD_DATE_READERS)
  endsOn: string;
}

/**
 * The interface every provider implements with its own `<Prefix>Case` type, so
 * clients query all providers without naming any (docs/architecture.md section 2).
 */
@InterfaceType('ProviderCase', {
  autoRegisterImplementations: false,
  resolveType: (value: { __typename?: string }) => value.__typename,
  description: 'A referral as the provider works it. Same id as the referral.',
})
export abstract class ProviderCase {
  @Field(() => ID)
  id: string;

  @Field(() => [CoachingSessionType])
  coachingSessions: CoachingSessionType[];

  @Field(() => [CourseEnrolmentType])
  enrolments: CourseEnrolmentType[];

  @Field(() => [CertificateType])
  certificates: CertificateType[];

  @Field(() => [InternshipType])
  internships: InternshipType[];
}
