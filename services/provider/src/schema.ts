import { GraphQLError } from 'graphql';
import { allows, auditLogResolver, buildFederatedSchema, createAuthChecker, ErrorCode } from '@durchstarten/kit';
import { contributionResolver, providerTypePrefix } from '@durchstarten/contracts';
import type { ProviderContext } from './context';
import { CASE_READERS } from './access';
import { caseResolvers } from './case/case.resolver';
import { caseTypes } from './case/case.type';
import { courseResolvers } from './course/course.resolver';
import { deskResolvers } from './desk/desk.resolver';
import { deskTypes } from './desk/desk.type';
import { recordsResolvers } from './records/records.resolver';

interface ProviderTypes {
  types: Function[];
  resolvers: [Function, ...Function[]];
}

const built = new Map<string, ProviderTypes>();

/**
 * The types and resolvers named after one provider: `<Prefix>Case`, its desk and lists.
 * Memoised per provider: type-graphql's metadata is global to the process. Each
 * domain adds its desk fields in this order, which is their order in the schema.
 */
function providerTypes(providerId: string): ProviderTypes {
  const existing = built.get(providerId);
  if (existing) return existing;
  const cases = caseTypes(providerId);
  const desk = deskTypes(providerId);
  const result: ProviderTypes = {
    types: [cases.CaseType, cases.CaseList, desk.Desk, desk.DeskMutations],
    resolvers: [
      ...caseResolvers(cases, desk),
      ...deskResolvers(providerId, desk),
      ...recordsResolvers(providerId, cases, desk),
      ...courseResolvers(desk),
    ],
  };
  built.set(providerId, result);
  return result;
}

export function buildProviderSchema(providerId: string) {
  const { types, resolvers } = providerTypes(providerId);
  return buildFederatedSchema({
    resolvers: [...resolvers, auditLogResolver(`${providerId}AuditLog`), contributionResolver(providerId)],
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
