import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConsentScope, LocalDate } from '../../../kit/src';

@ObjectType('Consent', { description: 'A participant’s consent to share data for one purpose.' })
export class ConsentType {
  @Field(() => ID)
  id: string;

  @Field(() => ConsentScope)
  scope: ConsentScope;

  @Field(() => LocalDate)
  grantedOn: string;

  @Field(() => LocalDate, { nullable: true })
  withdrawnOn: string | null;

  participantId: string;
}

@InputType()
export class ConsentInput {
  @Field(() => ID)
  participantId: string;

  @Field(() => ConsentScope)
  scope: ConsentScope;

  @Field(() => LocalDate)
  on: string;
}
