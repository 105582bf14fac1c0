import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { KREIS, type AccessRule } from './organisations';

/** What erasing a participant's personal data removed in one organisation. Identical in every subgraph. */
@ObjectType('ErasureReport', { description: 'What one organisation removed when erasing a participant’s personal data.' })
@Directive('@shareable')
export class ErasureReport {
  @Field(() => ID)
  participantId: string;

  @Field(() => String)
  organisation: string;

  @Field(() => [String], {
    description: 'What was removed, e.g. "givenName" or "coachingSessions.notes: 4"; empty when there was nothing (left).',
  })
  erasedFields: string[];
}

/** Stands where an erased text was, in columns that may not be empty. */
export const ERASED = '[gelöscht]';

/** Who may erase: Kreis Wesel's administrators, who coordinate the programme; every organisation accepts them for this. */
export const ERASERS: AccessRule[] = [`admin@${KREIS}`];
