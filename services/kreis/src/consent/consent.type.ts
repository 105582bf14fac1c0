import { Authorized, Field, ID, InputType, ObjectType } from 'type-graphql';
import { EXACT_FACT_READERS } from '../access';
import type { ConsentCommand } from './consent.commands';
import { ConsentScope } from './consent.enums';
import { LocalDate } from '@durchstarten/kit';

@ObjectType('Consent', { description: 'A participant’s consent to share data for one purpose.' })
export class ConsentType {
  @Field(() => ID)
  id: string;

  @Field(() => ConsentScope)
  scope: ConsentScope;

  @Field(() => LocalDate, { description: 'Not for analysts: a date singles people out.' })
  @Authorized(EXACT_FACT_READERS)
  grantedOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Not for analysts: a date singles people out.' })
  @Authorized(EXACT_FACT_READERS)
  withdrawnOn: string | null;

  participantId: string;
}

@InputType()
export class ConsentInput implements ConsentCommand {
  @Field(() => ID)
  participantId: string;

  @Field(() => ConsentScope)
  scope: ConsentScope;

  @Field(() => LocalDate)
  on: string;
}
