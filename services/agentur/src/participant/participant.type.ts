import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** kreis owns Participant; agentur adds the placements. */
@ObjectType('Participant')
@Directive('@key(fields: "id")')
export class AgenturParticipant {
  @Field(() => ID)
  id: string;
}
