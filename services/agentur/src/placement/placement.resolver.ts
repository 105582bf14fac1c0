import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDate } from '../../../kit/src';
import type { AgenturContext } from '../context';
import { AgenturParticipant } from '../participant/participant.type';
import { OccupationType, PlacementFilter, PlacementList, PlacementType, RecordPlacementInput } from './placement.type';

@Resolver(() => PlacementType)
export class PlacementResolver {
  @Query(() => PlacementType, { nullable: true })
  placement(@Arg('id', () => ID) id: string, @Ctx() { loaders }: AgenturContext) {
    return loaders.placementById.load(id);
  }

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
  occupation(@Root() placement: PlacementType): OccupationType {
    return { kldbCode: placement.kldbCode, title: placement.occupationTitle };
  }

  @FieldResolver(() => AgenturParticipant)
  participant(@Root() placement: PlacementType) {
    return { id: placement.participantId };
  }

  @Mutation(() => PlacementType)
  recordPlacement(@Arg('input', () => RecordPlacementInput) input: RecordPlacementInput, @Ctx() { services }: AgenturContext) {
    return services.placements.record(input);
  }

  @Mutation(() => PlacementType)
  endPlacement(
    @Arg('placementId', () => ID) placementId: string,
    @Arg('endsOn', () => LocalDate) endsOn: string,
    @Ctx() { services }: AgenturContext,
  ) {
    return services.placements.end(placementId, endsOn);
  }
}

export function resolvePlacementReference(reference: { id: string }, { loaders }: AgenturContext) {
  return loaders.placementById.load(reference.id);
}
