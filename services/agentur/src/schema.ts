import { auditLogResolver, buildFederatedSchema, createAuthChecker } from '@durchstarten/kit';
import { contributionResolver } from '@durchstarten/contracts';
import { AgenturParticipantResolver, resolveParticipantReference } from './participant/participant.resolver';
import { PlacementResolver, resolvePlacementReference } from './placement/placement.resolver';

export function buildAgenturSchema() {
  return buildFederatedSchema({
    resolvers: [PlacementResolver, AgenturParticipantResolver, auditLogResolver('agenturAuditLog'), contributionResolver('agentur')],
    validate: { forbidUnknownValues: false },
    authChecker: createAuthChecker('agentur'),
    federationDirectives: ['@key', '@shareable', '@external', '@requires', '@inaccessible'],
    referenceResolvers: {
      Participant: { __resolveReference: resolveParticipantReference },
      Placement: { __resolveReference: resolvePlacementReference },
    },
  });
}
