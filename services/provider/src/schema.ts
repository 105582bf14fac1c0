import { buildFederatedSchema } from '../../kit/src';
import type { ProviderContext } from './context';
import { allows, auditLogResolver, contributionResolver, createAuthChecker, providerTypePrefix } from '../../kit/src';
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
        // Another provider's staff, or agency staff, get nothing: the gateway sees no such case.
        __resolveReference: (reference: { id: string }, { loaders, viewer }: ProviderContext) =>
          allows(viewer, CASE_READERS, providerId) ? loaders.caseById.load(reference.id) : null,
      },
    },
  });
}
