import { IsOptional, Matches } from 'class-validator';
import { Authorized, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { REFERRAL_DATE_READERS } from '../access';
import { LocalDate } from '@durchstarten/kit';
import { Module, ReferralStatus } from '@durchstarten/contracts';
import type { ChangeReferralStatusCommand, ReferParticipantCommand } from './referral.commands';

@ObjectType('Referral', { description: 'Kreis refers a participant to a provider for one module.' })
@Directive('@key(fields: "id")')
export class ReferralType {
  @Field(() => ID, { description: 'e.g. REF-00001; the provider’s case has the same id.' })
  id: string;

  @Field(() => Module)
  module: Module;

  @Field(() => LocalDate, { description: 'Not for analysts: a date singles people out.' })
  @Authorized(REFERRAL_DATE_READERS)
  referredOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Not for analysts: a date singles people out.' })
  @Authorized(REFERRAL_DATE_READERS)
  startedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Not for analysts: a date singles people out.' })
  @Authorized(REFERRAL_DATE_READERS)
  endedOn: string | null;

  @Field(() => ReferralStatus)
  status: ReferralStatus;

  participantId: string;
  providerId: string;
}

@InputType()
export class ReferParticipantInput implements ReferParticipantCommand {
  @Field(() => ID)
  participantId: string;

  @Field(() => Module)
  module: Module;

  @Field(() => String, { nullable: true, description: 'Defaults to the provider of the participant’s bank of the Rhine.' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9]{1,30}$/, { message: 'must be a provider key such as "klausenhof"' })
  providerId?: string;

  @Field(() => LocalDate)
  referredOn: string;
}

@InputType({ description: 'Moves a referral on: ACTIVE (started), COMPLETED or CANCELLED (ended).' })
export class ChangeReferralStatusInput implements ChangeReferralStatusCommand {
  @Field(() => ID)
  referralId: string;

  @Field(() => ReferralStatus)
  status: ReferralStatus;

  @Field(() => LocalDate, { description: 'Date of the change.' })
  on: string;
}
