import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** kreis owns Participant; agentur adds the placements. */
@ObjectType('Participant')
@Directive('@key(fields: "id")')
export class AgenturParticipant {
  @Field(() => ID)
  id: string;

  /** Kreis holds consents; the gateway fetches this from kreis before it asks for placements. */
  @Field(() => Boolean)
  @Directive('@external')
  consentsToAgencyExchange: boolean;
}
