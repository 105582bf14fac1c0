import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { allows } from '../../../kit/src';
import { PLACEMENT_READERS } from '../access';
import type { AgenturContext } from '../context';
import { PlacementType } from '../placement/placement.type';
import { AgenturParticipant } from './participant.type';

@Resolver(() => AgenturParticipant)
export class AgenturParticipantResolver {
  @FieldResolver(() => [PlacementType], { description: 'Placements recorded by Agentur für Arbeit and Jobcenter.' })
  placements(@Root() participant: AgenturParticipant, @Ctx() { loaders, viewer, audit }: AgenturContext) {
    // Hidden, not refused: a provider's journey query still answers, without the agency's data.
    if (!allows(viewer, PLACEMENT_READERS)) return [];
    audit.record('placements', participant.id);
    return loaders.placementsByParticipant.load(participant.id);
  }
}

/** Any participant id resolves: one without placements simply has an empty list. */
export function resolveParticipantReference(reference: { id: string }) {
  return { id: reference.id };
}
