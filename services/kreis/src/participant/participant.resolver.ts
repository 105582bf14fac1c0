import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EXACT_FACT_READERS, REGISTRY_READERS, REGISTRY_WRITERS } from '../access';
import { hasActiveConsent } from '../consent/consent.service';
import { ConsentScope } from '../consent/consent.enums';
import { ERASERS, ErasureReport } from '@durchstarten/contracts';
import { LocalDate, toConnection } from '@durchstarten/kit';
import { ExitReason, Gender, ResidenceStatus } from './participant.enums';
import { ConsentType } from '../consent/consent.type';
import type { KreisContext } from '../context';
import { MunicipalityType, RhineBankEnum } from '../municipality/municipality.type';
import type { ParticipantEntity } from './participant.entity';
import { ReferralType } from '../referral/referral.type';
import {
  ParticipantConnection,
  ParticipantFilter,
  ParticipantType,
  RegisterParticipantInput,
  UpdateParticipantInput,
} from './participant.type';

@Resolver(() => ParticipantType)
export class ParticipantResolver {
  @Query(() => ParticipantType, { nullable: true })
  @Authorized(REGISTRY_READERS)
  participant(@Arg('id', () => ID) id: string, @Ctx() { loaders }: KreisContext) {
    return loaders.participantById.load(id);
  }

  @Authorized(REGISTRY_READERS)
  @Query(() => ParticipantConnection, { description: 'Participants in registration order, a page at a time (first: up to 1000).' })
  async participants(
    @Ctx() { services, loaders }: KreisContext,
    @Arg('filter', () => ParticipantFilter, { nullable: true }) filter?: ParticipantFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const page = await services.participants.page(filter ?? {}, first, after, loaders.scope);
    for (const row of page.nodes) loaders.participantById.prime(row.id, row);
    return toConnection(page);
  }

  // Quasi-identifiers: exact for the registry's staff; for analysts coarse and withheld (null) where they would single someone out.
  @FieldResolver(() => Gender, { nullable: true, description: 'Null only where withheld from analysts.' })
  async gender(@Root() participant: ParticipantType, @Ctx() context: KreisContext) {
    return (await context.loaders.quasiIdentifiers(participant as unknown as ParticipantEntity)).gender;
  }

  @FieldResolver(() => ResidenceStatus, { nullable: true, description: 'Null only where withheld from analysts.' })
  async residenceStatus(@Root() participant: ParticipantType, @Ctx() context: KreisContext) {
    return (await context.loaders.quasiIdentifiers(participant as unknown as ParticipantEntity)).residenceStatus;
  }

  @FieldResolver(() => ExitReason, { nullable: true, description: 'Null before the exit, and where withheld from analysts.' })
  async exitReason(@Root() participant: ParticipantType, @Ctx() context: KreisContext) {
    return (await context.loaders.quasiIdentifiers(participant as unknown as ParticipantEntity)).exitReason;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Age reached in the year of entry (entry year minus birth year): "18-20", "21-23" or "24-28". Null where withheld from analysts.',
  })
  async ageGroup(@Root() participant: ParticipantType, @Ctx() context: KreisContext) {
    return (await context.loaders.quasiIdentifiers(participant as unknown as ParticipantEntity)).ageGroup;
  }

  @FieldResolver(() => RhineBankEnum, {
    nullable: true,
    description: 'Bank of the Rhine of the municipality. Null where withheld from analysts.',
  })
  async bank(@Root() participant: ParticipantType, @Ctx() context: KreisContext) {
    return (await context.loaders.quasiIdentifiers(participant as unknown as ParticipantEntity)).bank;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Quarter of enteredOn, e.g. "2022-Q1". Null where withheld from analysts.' })
  async entryQuarter(@Root() participant: ParticipantType, @Ctx() context: KreisContext) {
    return (await context.loaders.quasiIdentifiers(participant as unknown as ParticipantEntity)).entryQuarter;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Quarter of exitedOn, e.g. "2023-Q3". Null before the exit, and where withheld from analysts.',
  })
  async exitQuarter(@Root() participant: ParticipantType, @Ctx() context: KreisContext) {
    return (await context.loaders.quasiIdentifiers(participant as unknown as ParticipantEntity)).exitQuarter;
  }

  @FieldResolver(() => MunicipalityType, { description: 'Exact: not for analysts, who read bank.' })
  @Authorized(EXACT_FACT_READERS)
  municipality(@Root() participant: ParticipantType, @Ctx() { services }: KreisContext) {
    return services.municipalities.get(participant.municipalityId);
  }

  @FieldResolver(() => [ReferralType])
  referrals(@Root() participant: ParticipantType, @Ctx() { loaders }: KreisContext) {
    return loaders.referralsByParticipant.load(participant.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether an AGENTUR_EXCHANGE consent is active: agentur reads it (@requires) before it shows placements.',
  })
  async consentsToAgencyExchange(@Root() participant: ParticipantType, @Ctx() { loaders }: KreisContext): Promise<boolean> {
    return hasActiveConsent(await loaders.consentsByParticipant.load(participant.id), ConsentScope.AGENTUR_EXCHANGE);
  }

  @FieldResolver(() => [ConsentType])
  consents(@Root() participant: ParticipantType, @Ctx() { loaders }: KreisContext) {
    return loaders.consentsByParticipant.load(participant.id);
  }

  @Mutation(() => ParticipantType, { description: 'Registers an eligible person: 18 to 27 on the entry date, living in Kreis Wesel.' })
  @Authorized(REGISTRY_WRITERS)
  registerParticipant(@Arg('input', () => RegisterParticipantInput) input: RegisterParticipantInput, @Ctx() { services }: KreisContext) {
    return services.participants.register(input);
  }

  @Mutation(() => ParticipantType)
  @Authorized(REGISTRY_WRITERS)
  updateParticipant(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateParticipantInput) input: UpdateParticipantInput,
    @Ctx() { services }: KreisContext,
  ) {
    return services.participants.update(id, input);
  }

  @Mutation(() => ParticipantType, { description: 'Records the exit; open referrals end on the same day.' })
  @Authorized(REGISTRY_WRITERS)
  exitParticipant(
    @Arg('id', () => ID) id: string,
    @Arg('exitedOn', () => LocalDate) exitedOn: string,
    @Arg('reason', () => ExitReason) reason: ExitReason,
    @Ctx() { services }: KreisContext,
  ) {
    return services.participants.exit(id, exitedOn, reason);
  }

  @Mutation(() => ErasureReport, {
    description:
      'Erases the personal fields held by Kreis Wesel; idempotent. Send it with the erase mutations of the other organisations in one operation (README).',
  })
  @Authorized(ERASERS)
  async eraseParticipant(@Arg('id', () => ID) id: string, @Ctx() { services, audit }: KreisContext): Promise<ErasureReport> {
    audit.record('erasure', id);
    const erasedFields = await services.participants.erase(id);
    return { participantId: id, organisation: 'kreis', erasedFields };
  }
}

export async function resolveParticipantReference(reference: { id: string }, { loaders }: KreisContext) {
  return loaders.participantById.load(reference.id);
}
