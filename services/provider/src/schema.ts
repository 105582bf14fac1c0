import { buildFederatedSchema } from '../../kit/src';
import type { ProviderContext } from './context';
import { providerTypePrefix } from '../../kit/src';
import { providerTypes } from './desk/provider-types';
import { EnrolmentResolver } from './records/enrolment.resolver';

export function buildProviderSchema(providerId: string) {
  const { types, resolvers } = providerTypes(providerId);
  return buildFederatedSchema({
    resolvers: [...resolvers, EnrolmentResolver],
    orphanedTypes: types,
    validate: { forbidUnknownValues: false },
    federationDirectives: ['@key', '@shareable'],
    referenceResolvers: {
      [`${providerTypePrefix(providerId)}Case`]: {
        __resolveReference: (reference: { id: string }, { loaders }: ProviderContext) => loaders.caseById.load(reference.id),
      },
    },
  });
}
