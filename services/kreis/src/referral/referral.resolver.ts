import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { allows } from '@durchstarten/kit';
import { ConsentScope } from '../consent/consent.enums';
import { CASE_FOLLOWERS, KREIS_CASEWORKER, REFERRAL_LOOKUP_ROLE, REGISTRY_READERS, REGISTRY_WRITERS } from '../access';
import { hasActiveConsent } from '../consent/consent.service';
import type { KreisContext } from '../context';
import { ParticipantType } from '../participant/participant.type';
import { ProviderCaseStub, providerCaseLink } from '../provider/provider-case.type';
import { ProviderType } from '../provider/provider.type';
import { ChangeReferralStatusInput, ReferParticipantInput, ReferralType } from './referral.type';

@Resolver(() => ReferralType)
export class ReferralResolver {
  @Query(() => ReferralType, { nullable: true })
  @Authorized([...REGISTRY_READERS, REFERRAL_LOOKUP_ROLE])
  referral(@Arg('id', () => ID) id: string, @Ctx() { loaders }: KreisContext) {
    return loaders.referralById.load(id);
  }

  @FieldResolver(() => ParticipantType)
  participant(@Root() referral: ReferralType, @Ctx() { loaders }: KreisContext) {
    return loaders.participantById.load(referral.participantId);
  }

  @FieldResolver(() => ProviderType)
  provider(@Root() referral: ReferralType, @Ctx() { services }: KreisContext) {
    return services.providers.get(referral.providerId);
  }

  @FieldResolver(() => ProviderCaseStub, {
    nullable: true,
    name: 'case',
    description: 'The provider’s case for this referral, from that provider’s subgraph; null until the referral has started.',
  })
  async providerCase(@Root() referral: ReferralType, @Ctx() { viewer, loaders }: KreisContext) {
    if (!referral.startedOn || !allows(viewer, CASE_FOLLOWERS)) return null;
    // Kreis staff follow a case into the provider's data only with the participant's consent to that exchange.
    if (allows(viewer, [KREIS_CASEWORKER])) {
      const consents = await loaders.consentsByParticipant.load(referral.participantId);
      if (!hasActiveConsent(consents, ConsentScope.PROVIDER_EXCHANGE)) return null;
    }
    return providerCaseLink(referral.providerId, referral.id);
  }

  @Mutation(() => ReferralType, { description: 'Refers a participant to a module; the provider defaults by bank of the Rhine.' })
  @Authorized(REGISTRY_WRITERS)
  referParticipant(@Arg('input', () => ReferParticipantInput) input: ReferParticipantInput, @Ctx() { services }: KreisContext) {
    return services.referrals.refer(input);
  }

  @Mutation(() => ReferralType)
  @Authorized(REGISTRY_WRITERS)
  changeReferralStatus(@Arg('input', () => ChangeReferralStatusInput) input: ChangeReferralStatusInput, @Ctx() { services }: KreisContext) {
    return services.referrals.changeStatus(input);
  }
}

export function resolveReferralReference(reference: { id: string }, { loaders }: KreisContext) {
  return loaders.referralById.load(reference.id);
}
