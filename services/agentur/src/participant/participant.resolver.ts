import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Audited } from '@durchstarten/kit';
import { maySeePlacementsOf } from '../access';
import type { AgenturContext } from '../context';
import { PlacementType } from '../placement/placement.type';
import { AgenturParticipant } from './participant.type';

@Resolver(() => AgenturParticipant)
export class AgenturParticipantResolver {
  // Nullable because agentur fills it on kreis's participant: when agentur cannot answer, this field alone is null and
  // the rest of the participant stays (a non-null list would null the participant, and with it the whole page).
  @FieldResolver(() => [PlacementType], {
    nullable: true,
    description:
      'Placements recorded by Agentur für Arbeit and Jobcenter; shown to Kreis and provider staff only with the participant’s consent. Null only when agentur could not answer (see the error naming the subgraph).',
  })
  @Directive('@requires(fields: "consentsToAgencyExchange")')
  // Whether a person has placements is read of them even when the list is empty.
  @Audited<AgenturParticipant, AgenturContext>('placements', (participant, { viewer }) =>
    maySeePlacementsOf(viewer, participant) ? participant.id : null,
  )
  placements(@Root() participant: AgenturParticipant, @Ctx() { loaders, viewer }: AgenturContext) {
    // Hidden, not refused: a journey query still answers, without the agency's data.
    if (!maySeePlacementsOf(viewer, participant)) return [];
    return loaders.placementsByParticipant.load(participant.id);
  }
}

/** Any participant id resolves: one without placements simply has an empty list. */
export function resolveParticipantReference(reference: { id: string; consentsToAgencyExchange?: boolean }) {
  return { id: reference.id, consentsToAgencyExchange: reference.consentsToAgencyExchange };
}
