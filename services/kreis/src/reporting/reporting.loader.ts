import type { RegistryScope } from '../access';
import type { KreisServices } from '../context';
import type { ParticipantEntity } from '../participant/participant.entity';
import type { QuasiIdentifiers, SuppressionPlan } from './quasi-identifiers';

/** A participant's coarse quasi-identifiers as this viewer gets them: locally suppressed in the analysts' view. */
export function reportingLoaders(services: KreisServices, scope: RegistryScope) {
  // One suppression plan per request, made on first use: one SQL statement however many rows ask.
  let plan: Promise<SuppressionPlan> | undefined;
  return {
    async quasiIdentifiers(participant: ParticipantEntity): Promise<QuasiIdentifiers> {
      const values = services.reporting.coarsen(participant);
      if (scope.kind !== 'reporting') return values;
      plan ??= services.reporting.plan();
      return (await plan).release(values);
    },
  };
}
