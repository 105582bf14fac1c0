import { IsOptional, Length, Matches } from 'class-validator';
import { Authorized, Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Audited, connectionObjectType, LocalDate } from '@durchstarten/kit';
import { Module } from '@durchstarten/contracts';
import { EXACT_FACT_READERS, PERSONAL_DATA_READERS } from '../access';
import type { ParticipantCriteria, RegisterParticipantCommand, UpdateParticipantCommand } from './participant.commands';
import { type ExitReason, Gender, ParticipationStatus, ResidenceStatus } from './participant.enums';

/** Every read of a name or birth date goes to the audit log, with the participant's id. */
const personalData = () => Audited<{ id: string }>('personal data', (participant) => participant.id);

@ObjectType('Participant', { description: 'A young person registered for the initiative by Kreis Wesel.' })
@Directive('@key(fields: "id")')
export class ParticipantType {
  @Field(() => ID, { description: 'Pseudonymous id, e.g. TN-0001.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Null after erasure. Personal data: not for analysts.' })
  @Authorized(PERSONAL_DATA_READERS)
  @personalData()
  givenName: string | null;

  @Field(() => String, { nullable: true, description: 'Null after erasure. Personal data: not for analysts.' })
  @Authorized(PERSONAL_DATA_READERS)
  @personalData()
  familyName: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Null after erasure; birthYear stays. Personal data: not for analysts.' })
  @Authorized(PERSONAL_DATA_READERS)
  @personalData()
  birthDate: string | null;

  @Field(() => Int, { description: 'Exact: not for analysts, who read ageGroup.' })
  @Authorized(EXACT_FACT_READERS)
  birthYear: number;

  /** Resolved in ParticipantResolver, as analysts may get it withheld. */
  gender: Gender;

  residenceStatus: ResidenceStatus;

  @Field(() => LocalDate, { description: 'Exact: not for analysts, who read entryQuarter.' })
  @Authorized(EXACT_FACT_READERS)
  enteredOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Exact: not for analysts, who read exitQuarter.' })
  @Authorized(EXACT_FACT_READERS)
  exitedOn: string | null;

  exitReason: ExitReason | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the personal data was erased. Not for analysts.' })
  @Authorized(EXACT_FACT_READERS)
  erasedOn: string | null;

  municipalityId: string;
}

const NAME_RULE = { message: 'must be 1 to 100 characters' };

@InputType({ description: 'Registration; the person must be 18 to 27 on the entry date and live in Kreis Wesel.' })
export class RegisterParticipantInput implements RegisterParticipantCommand {
  @Field(() => String)
  @Length(1, 100, NAME_RULE)
  givenName: string;

  @Field(() => String)
  @Length(1, 100, NAME_RULE)
  familyName: string;

  @Field(() => LocalDate)
  birthDate: string;

  @Field(() => Gender)
  gender: Gender;

  @Field(() => ResidenceStatus)
  residenceStatus: ResidenceStatus;

  @Field(() => String, { description: 'Slug of a municipality of Kreis Wesel, see `municipalities`.' })
  @Matches(/^[a-z-]{2,32}$/, { message: 'must be a municipality slug such as "moers"' })
  municipalityId: string;

  @Field(() => LocalDate)
  enteredOn: string;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are. Eligibility is checked again.' })
export class UpdateParticipantInput implements UpdateParticipantCommand {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, NAME_RULE)
  givenName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, NAME_RULE)
  familyName?: string;

  @Field(() => LocalDate, { nullable: true })
  birthDate?: string;

  @Field(() => Gender, { nullable: true })
  gender?: Gender;

  @Field(() => ResidenceStatus, { nullable: true })
  residenceStatus?: ResidenceStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-z-]{2,32}$/, { message: 'must be a municipality slug such as "moers"' })
  municipalityId?: string;

  @Field(() => LocalDate, { nullable: true })
  enteredOn?: string;
}

@InputType({ description: 'All given conditions must hold.' })
export class ParticipantFilter implements ParticipantCriteria {
  @Field(() => String, { nullable: true })
  municipalityId?: string;

  @Field(() => String, { nullable: true, description: 'Has a referral to this provider.' })
  providerId?: string;

  @Field(() => Module, { nullable: true, description: 'Has a referral to this module.' })
  module?: Module;

  @Field(() => ResidenceStatus, { nullable: true })
  residenceStatus?: ResidenceStatus;

  @Field(() => ParticipationStatus, { nullable: true })
  status?: ParticipationStatus;

  @Field(() => LocalDate, { nullable: true, description: 'Entered on or after.' })
  enteredFrom?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Entered on or before.' })
  enteredTo?: string;
}

/** Participants as a Relay-style connection: the shape clients have used from the start. */
export const ParticipantConnection = connectionObjectType(
  { connection: 'ParticipantConnection', edge: 'ParticipantEdge' },
  ParticipantType,
  'All participants matching the filter, across pages.',
);
