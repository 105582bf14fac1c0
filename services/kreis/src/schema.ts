import { auditLogResolver, buildFederatedSchema, createAuthChecker } from '@durchstarten/kit';
import { type ProviderRegistry } from '@durchstarten/contracts';
import { ConsentResolver } from './consent/consent.resolver';
import { MunicipalityResolver } from './municipality/municipality.resolver';
import { resolveParticipantReference, ParticipantResolver } from './participant/participant.resolver';
import { providerCaseStubs } from './provider/provider-case.type';
import { ProviderResolver, resolveProviderReference } from './provider/provider.resolver';
import { ReferralResolver, resolveReferralReference } from './referral/referral.resolver';
import { StatisticsResolver } from './statistics/statistics.resolver';

export function buildKreisSchema(registry: ProviderRegistry) {
  return buildFederatedSchema({
    resolvers: [
      ParticipantResolver,
      ReferralResolver,
      ConsentResolver,
      MunicipalityResolver,
      ProviderResolver,
      StatisticsResolver,
      auditLogResolver('kreisAuditLog'),
    ],
    orphanedTypes: providerCaseStubs(registry),
    validate: { forbidUnknownValues: false },
    authChecker: createAuthChecker('kreis'),
    federationDirectives: ['@key', '@shareable'],
    referenceResolvers: {
      Participant: { __resolveReference: resolveParticipantReference },
      Referral: { __resolveReference: resolveReferralReference },
      Provider: { __resolveReference: resolveProviderReference },
    },
  });
}
