import { groupingLoader } from '@durchstarten/kit';
import type { KreisServices } from '../context';

/** Consents by participant: asked for participants already in the viewer's scope, so not narrowed again. */
export function consentLoaders(services: KreisServices) {
  return {
    consentsByParticipant: groupingLoader(
      (ids) => services.consents.findByParticipantIds(ids),
      (c) => c.participantId,
    ),
  };
}
