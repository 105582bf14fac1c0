import { byIdLoader, groupingLoader } from '@durchstarten/kit';
import type { RegistryScope } from '../access';
import type { KreisServices } from '../context';

/** Referrals by id and by participant, limited to the rows `scope` admits. */
export function referralLoaders(services: KreisServices, scope: RegistryScope) {
  return {
    referralById: byIdLoader(
      (ids) => services.referrals.findByIds(ids, scope),
      (r) => r.id,
    ),
    referralsByParticipant: groupingLoader(
      (ids) => services.referrals.findByParticipantIds(ids, scope),
      (r) => r.participantId,
    ),
  };
}
