import type { Viewer } from '@durchstarten/kit';
import { registryScope } from './access';
import { consentLoaders } from './consent/consent.loader';
import type { KreisServices } from './context';
import { participantLoaders } from './participant/participant.loader';
import { referralLoaders } from './referral/referral.loader';
import { reportingLoaders } from './reporting/reporting.loader';

/** Fresh loaders per request, limited to the rows the viewer may see: batching within a request, no caching across requests. */
export function kreisLoaders(services: KreisServices, viewer: Viewer | null) {
  const scope = registryScope(viewer);
  return {
    /** The rows of the registry this viewer may see. */
    scope,
    ...participantLoaders(services, scope),
    ...referralLoaders(services, scope),
    ...consentLoaders(services),
    ...reportingLoaders(services, scope),
  };
}
