import { byIdLoader } from '@durchstarten/kit';
import type { RegistryScope } from '../access';
import type { KreisServices } from '../context';

/** Participants by id, limited to the rows `scope` admits. */
export function participantLoaders(services: KreisServices, scope: RegistryScope) {
  return {
    participantById: byIdLoader(
      (ids) => services.participants.findByIds(ids, scope),
      (p) => p.id,
    ),
  };
}
