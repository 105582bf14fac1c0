import { byIdLoader, groupingLoader, type Viewer } from '@durchstarten/kit';
import { registryScope } from './access';
import type { KreisServices } from './context';
import type { ParticipantEntity } from './participant/participant.entity';
import type { QuasiIdentifiers, SuppressionPlan } from './reporting/quasi-identifiers';

/** Fresh loaders per request, limited to the rows the viewer may see: batching within a request, no caching across requests. */
export function registryLoaders(services: KreisServices, viewer: Viewer | null) {
  const scope = registryScope(viewer);
  // One suppression plan per request, made on first use: one SQL statement however many rows ask.
  let plan: Promise<SuppressionPlan> | undefined;
  return {
    /** The rows of the registry this viewer may see. */
    scope,
    /** A participant's coarse quasi-identifiers as this viewer gets them: locally suppressed in the analysts' view. */
    async quasiIdentifiers(participant: ParticipantEntity): Promise<QuasiIdentifiers> {
      const values = services.reporting.coarsen(participant);
      if (scope.kind !== 'reporting') return values;
      plan ??= services.reporting.plan();
      return (await plan).release(values);
    },
    participantById: byIdLoader(
      (ids) => services.participants.findByIds(ids, scope),
      (p) => p.id,
    ),
    referralById: byIdLoader(
      (ids) => services.referrals.findByIds(ids, scope),
      (r) => r.id,
    ),
    referralsByParticipant: groupingLoader(
      (ids) => services.referrals.findByParticipantIds(ids, scope),
      (r) => r.participantId,
    ),
    consentsByParticipant: groupingLoader(
      (ids) => services.consents.findByParticipantIds(ids),
      (c) => c.participantId,
    ),
  };
}
