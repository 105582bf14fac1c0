import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { KreisContext } from '../context';
import { ParticipantType } from '../participant/participant.type';
import { ProviderCaseStub, providerCaseLink } from '../provider/provider-case.types';
import { ProviderType } from '../provider/provider.type';
import { ChangeReferralStatusInput, ReferParticipantInput, ReferralType } from './referral.type';

@Resolver(() => ReferralType)
export class ReferralResolver {
  @Query(() => ReferralType, { nullable: true })
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
  providerCase(@Root() referral: ReferralType) {
    return referral.startedOn ? providerCaseLink(referral.providerId, referral.id) : null;
  }

  @Mutation(() => ReferralType, { description: 'Refers a participant to a module; the provider defaults by bank of the Rhine.' })
  referParticipant(@Arg('input', () => ReferParticipantInput) input: ReferParticipantInput, @Ctx() { services }: KreisContext) {
    return services.referrals.refer(input);
  }

  @Mutation(() => ReferralType)
  changeReferralStatus(@Arg('input', () => ChangeReferralStatusInput) input: ChangeReferralStatusInput, @Ctx() { services }: KreisContext) {
    return services.referrals.changeStatus(input);
  }
}

export function resolveReferralReference(reference: { id: string }, { loaders }: KreisContext) {
  return loaders.referralById.load(reference.id);
}
