import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { allows, type AuditTrail, LocalDate } from '@durchstarten/kit';
import { ERASERS, ErasureReport } from '@durchstarten/contracts';
import type { PlacementEntity } from './placement.entity';
import { PLACEMENT_READERS, PLACEMENT_WRITERS } from '../access';
import type { AgenturContext } from '../context';
import { AgenturParticipant } from '../participant/participant.type';
import { OccupationType, PlacementFilter, PlacementList, PlacementType, RecordPlacementInput } from './placement.type';

@Resolver(() => PlacementType)
export class PlacementResolver {
  @Query(() => PlacementType, { nullable: true })
  @Authorized(PLACEMENT_READERS)
  async placement(@Arg('id', () => ID) id: string, @Ctx() { loaders, audit }: AgenturContext) {
    return recorded(audit, await loaders.placementById.load(id));
  }

  @Authorized(PLACEMENT_READERS)
  @Query(() => PlacementList, { description: 'Placements in recording order, a page at a time.' })
  async placements(
    @Ctx() { services, audit }: AgenturContext,
    @Arg('filter', () => PlacementFilter, { nullable: true }) filter?: PlacementFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = await services.placements.list(filter ?? {}, first, after);
    for (const placement of page.nodes) audit.record('placements', placement.participantId);
    return page;
  }

  @FieldResolver(() => OccupationType)
  occupation(@Root() placement: PlacementType): OccupationType {
    return { kldbCode: placement.kldbCode, title: placement.occupationTitle };
  }

  @FieldResolver(() => AgenturParticipant)
  participant(@Root() placement: PlacementType) {
    return { id: placement.participantId };
  }

  @Mutation(() => ErasureReport, {
    description: 'Erases what identifies the participant in the agency’s placements (employers); idempotent.',
  })
  @Authorized(ERASERS)
  async eraseParticipantAtAgentur(@Arg('id', () => ID) id: string, @Ctx() { services, audit }: AgenturContext): Promise<ErasureReport> {
    audit.record('erasure', id);
    return { participantId: id, organisation: 'agentur', erasedFields: await services.placements.eraseParticipant(id) };
  }

  @Mutation(() => PlacementType)
  @Authorized(PLACEMENT_WRITERS)
  async recordPlacement(@Arg('input', () => RecordPlacementInput) input: RecordPlacementInput, @Ctx() { services, audit }: AgenturContext) {
    return recorded(audit, await services.placements.record(input));
  }

  @Mutation(() => PlacementType)
  @Authorized(PLACEMENT_WRITERS)
  async endPlacement(
    @Arg('placementId', () => ID) placementId: string,
    @Arg('endsOn', () => LocalDate) endsOn: string,
    @Ctx() { services, audit }: AgenturContext,
  ) {
    return recorded(audit, await services.placements.end(placementId, endsOn));
  }
}

export async function resolvePlacementReference(reference: { id: string }, { loaders, viewer, audit }: AgenturContext) {
  return allows(viewer, PLACEMENT_READERS) ? recorded(audit, await loaders.placementById.load(reference.id)) : null;
}

/** A placement read is a read of personal data: it goes to the audit log. */
function recorded(audit: AuditTrail, placement: PlacementEntity | null): PlacementEntity | null {
  if (placement) audit.record('placements', placement.participantId);
  return placement;
}
