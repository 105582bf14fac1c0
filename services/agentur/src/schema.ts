import { auditLogResolver, buildFederatedSchema, createAuthChecker } from '../../kit/src';
import { AgenturParticipantResolver, resolveParticipantReference } from './participant/participant.resolver';
import { PlacementResolver, resolvePlacementReference } from './placement/placement.resolver';

export function buildAgenturSchema() {
  return buildFederatedSchema({
    resolvers: [PlacementResolver, AgenturParticipantResolver, auditLogResolver('agenturAuditLog')],
    validate: { forbidUnknownValues: false },
    authChecker: createAuthChecker('agentur'),
    federationDirectives: ['@key', '@shareable', '@external', '@requires'],
    referenceResolvers: {
      Participant: { __resolveReference: resolveParticipantReference },
      Placement: { __resolveReference: resolvePlacementReference },
    },
  });
}
