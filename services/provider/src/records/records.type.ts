import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CertificateKind, CoachingTopic, EnrolmentStatus, ExamResult, LanguageLevel } from '@durchstarten/contracts';
import { LocalDate } from '@durchstarten/kit';
import type {
  EndEnrolmentCommand,
  EnrolCommand,
  IssueCertificateCommand,
  RecordCoachingSessionCommand,
  RecordInternshipCommand,
} from './records.service';

// The records' object types are every provider's contract: see @durchstarten/contracts' provider-case.

@InputType()
export class CoachingSessionInput implements RecordCoachingSessionCommand {
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
export class EnrolInput implements EnrolCommand {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID)
  courseId: string;

  @Field(() => LocalDate)
  enrolledOn: string;
}

@InputType({ description: 'Ends an enrolment as COMPLETED or DROPPED.' })
export class EndEnrolmentInput implements EndEnrolmentCommand {
  @Field(() => ID)
  enrolmentId: string;

  @Field(() => EnrolmentStatus)
  status: EnrolmentStatus;

  @Field(() => LocalDate)
  on: string;
}

@InputType()
export class CertificateInput implements IssueCertificateCommand {
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
export class InternshipInput implements RecordInternshipCommand {
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
