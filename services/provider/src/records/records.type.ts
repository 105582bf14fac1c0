import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Authorized, Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OWN_STAFF, RECORD_DATE_READERS } from '../access';
import { CertificateKind, CoachingTopic, CourseKind, EnrolmentStatus, ExamResult, LanguageLevel, Module } from '@durchstarten/contracts';
import { LocalDate } from '@durchstarten/kit';

// Value types: identical in every provider subgraph, hence @shareable.

@ObjectType('CoachingSession', { description: 'One individual coaching appointment (module F1).' })
@Directive('@shareable')
export class CoachingSessionType {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  @Authorized(RECORD_DATE_READERS)
  heldOn: string;

  @Field(() => Int)
  durationMinutes: number;

  @Field(() => CoachingTopic)
  topic: CoachingTopic;

  @Field(() => String, { nullable: true, description: 'Free text by the coach: for the provider’s own staff only.' })
  @Authorized(OWN_STAFF)
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
  @Authorized(RECORD_DATE_READERS)
  startsOn: string;

  @Field(() => LocalDate)
  @Authorized(RECORD_DATE_READERS)
  endsOn: string;
}

@ObjectType('CourseEnrolment')
@Directive('@shareable')
export class CourseEnrolmentType {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  @Authorized(RECORD_DATE_READERS)
  enrolledOn: string;

  @Field(() => LocalDate, { nullable: true })
  @Authorized(RECORD_DATE_READERS)
  completedOn: string | null;

  @Field(() => EnrolmentStatus)
  status: EnrolmentStatus;

  courseId: string;
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
  @Authorized(RECORD_DATE_READERS)
  issuedOn: string;
}

@ObjectType('Internship', { description: 'A Praktikum arranged by the provider.' })
@Directive('@shareable')
export class InternshipType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Identifies the person: not for analysts.' })
  @Authorized(['coach@self', 'caseworker@kreis'])
  employer: string;

  @Field(() => String)
  occupation: string;

  @Field(() => LocalDate)
  @Authorized(RECORD_DATE_READERS)
  startsOn: string;

  @Field(() => LocalDate)
  @Authorized(RECORD_DATE_READERS)
  endsOn: string;
}

@InputType()
export class CoachingSessionInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => LocalDate)
  heldOn: string;

  @Field(() => Int)
  @IsInt()
  @Min(5, { message: 'must be at least 5 minutes' })
  @Max(480, { message: 'must be at most 480 minutes' })
  durationMinutes: number;

  @Field(() => CoachingTopic)
  topic: CoachingTopic;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  notes?: string;
}

@InputType()
export class EnrolInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID)
  courseId: string;

  @Field(() => LocalDate)
  enrolledOn: string;
}

@InputType({ description: 'Ends an enrolment as COMPLETED or DROPPED.' })
export class EndEnrolmentInput {
  @Field(() => ID)
  enrolmentId: string;

  @Field(() => EnrolmentStatus)
  status: EnrolmentStatus;

  @Field(() => LocalDate)
  on: string;
}

@InputType()
export class CertificateInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => CertificateKind)
  kind: CertificateKind;

  @Field(() => String)
  @Length(1, 200)
  title: string;

  @Field(() => LanguageLevel, { nullable: true, description: 'Required for LANGUAGE_EXAM, not allowed otherwise.' })
  level?: LanguageLevel;

  @Field(() => ExamResult, { nullable: true, description: 'Required for LANGUAGE_EXAM and SCHOOL_CERTIFICATE.' })
  result?: ExamResult;

  @Field(() => LocalDate)
  issuedOn: string;
}

@InputType()
export class InternshipInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => String)
  @Length(1, 200)
  employer: string;

  @Field(() => String)
  @Length(1, 200)
  occupation: string;

  @Field(() => LocalDate)
  startsOn: string;

  @Field(() => LocalDate)
  endsOn: string;
}

@InputType()
export class CourseInput {
  @Field(() => String)
  @Length(1, 200)
  title: string;

  @Field(() => CourseKind)
  kind: CourseKind;

  @Field(() => Module)
  module: Module;

  @Field(() => LocalDate)
  startsOn: string;

  @Field(() => LocalDate)
  endsOn: string;
}
