import { GraphQLError } from 'graphql';
import { allows, auditLogResolver, buildFederatedSchema, createAuthChecker, ErrorCode } from '@durchstarten/kit';
import { contributionResolver, providerTypePrefix } from '@durchstarten/contracts';
import type { ProviderContext } from './context';
import { CASE_READERS } from './access';
import { providerTypes } from './desk/provider-types';
import { EnrolmentResolver } from './records/enrolment.resolver';

export function buildProviderSchema(providerId: string) {
  const { types, resolvers } = providerTypes(providerId);
  return buildFederatedSchema({
    resolvers: [...resolvers, EnrolmentResolver, auditLogResolver(`${providerId}AuditLog`), contributionResolver(providerId)],
    orphanedTypes: types,
    validate: { forbidUnknownValues: false },
    authChecker: createAuthChecker(providerId),
    federationDirectives: ['@key', '@shareable', '@inaccessible'],
    referenceResolvers: {
      [`${providerTypePrefix(providerId)}Case`]: {
        // Kreis links a case once the referral has started, without knowing whether this provider has opened it; another
        // provider's or the agency's staff may not read it. Both answer null with a coded error at this entity, so the
        // gateway nulls Referral.case alone and says why. One message for both, so that it does not tell which.
        __resolveReference: async (reference: { id: string }, { loaders, viewer }: ProviderContext) => {
          const found = allows(viewer, CASE_READERS, providerId) ? await loaders.caseById.load(reference.id) : null;
          if (!found) throw new CaseNotFoundError(providerId, reference.id);
          return found;
        },
      },
    },
  });
}

/** A case this provider does not hold, or not for this viewer. */
class CaseNotFoundError extends GraphQLError {
  constructor(providerId: string, caseId: string) {
    super(`${providerId} holds no case ${caseId} that you may read; the provider opens a referral's case with openCase.`, {
      extensions: { code: ErrorCode.NOT_FOUND },
    });
  }
}
