import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { allows, LocalDate } from '@durchstarten/kit';
import { AGENTUR, ERASERS, ErasureReport } from '@durchstarten/contracts';
import { PLACEMENT_READERS, PLACEMENT_WRITERS } from '../access';
import type { AgenturContext } from '../context';
import { AgenturParticipant } from '../participant/participant.type';
import { OccupationType, PlacementFilter, PlacementList, placementRead, PlacementType, RecordPlacementInput } from './placement.type';

@Resolver(() => PlacementType)
export class PlacementResolver {
  @Query(() => PlacementType, { nullable: true })
  @Authorized(PLACEMENT_READERS)
  placement(@Arg('id', () => ID) id: string, @Ctx() { loaders }: AgenturContext) {
    return loaders.placementById.load(id);
  }

  @Authorized(PLACEMENT_READERS)
  @Query(() => PlacementList, { description: 'Placements in recording order, a page at a time.' })
  placements(
    @Ctx() { services }: AgenturContext,
    @Arg('filter', () => PlacementFilter, { nullable: true }) filter?: PlacementFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return services.placements.list(filter ?? {}, first, after);
  }

  @FieldResolver(() => OccupationType)
  @placementRead()
  occupation(@Root() placement: PlacementType): OccupationType {
    return { kldbCode: placement.kldbCode, title: placement.occupationTitle };
  }

  // Nullable: kreis fills the participant's fields, and when kreis cannot answer only this link is lost, not the placement.
  @FieldResolver(() => AgenturParticipant, {
    nullable: true,
    description: 'The participant; null only when kreis could not answer (see the error naming the subgraph).',
  })
  @placementRead()
  participant(@Root() placement: PlacementType) {
    return { id: placement.participantId };
  }

  @Mutation(() => ErasureReport, {
    description: 'Erases what identifies the participant in the agency’s placements (employers); idempotent.',
  })
  @Authorized(ERASERS)
  async eraseParticipantAtAgentur(@Arg('id', () => ID) id: string, @Ctx() { services, audit }: AgenturContext): Promise<ErasureReport> {
    // An erasure is a write, recorded as such: no field of it holds personal data to audit.
    audit.record('erasure', id);
    return { participantId: id, organisation: AGENTUR, erasedFields: await services.placements.eraseParticipant(id) };
  }

  @Mutation(() => PlacementType)
  @Authorized(PLACEMENT_WRITERS)
  recordPlacement(@Arg('input', () => RecordPlacementInput) input: RecordPlacementInput, @Ctx() { services }: AgenturContext) {
    return services.placements.record(input);
  }

  @Mutation(() => PlacementType)
  @Authorized(PLACEMENT_WRITERS)
  endPlacement(
    @Arg('placementId', () => ID) placementId: string,
    @Arg('endsOn', () => LocalDate) endsOn: string,
    @Ctx() { services }: AgenturContext,
  ) {
    return services.placements.end(placementId, endsOn);
  }
}

export async function resolvePlacementReference(reference: { id: string }, { loaders, viewer }: AgenturContext) {
  return allows(viewer, PLACEMENT_READERS) ? loaders.placementById.load(reference.id) : null;
}
