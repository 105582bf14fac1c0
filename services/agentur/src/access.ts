import { allows, type Viewer } from '@durchstarten/kit';
import { type AccessRule, AGENTUR, KREIS } from '@durchstarten/contracts';

/**
 * Who reads placements directly, without going through a participant (and so without consent): agency staff.
 * Not analysts: the lists bypass the REPORTING consent that admits a participant to their view.
 */
export const PLACEMENT_READERS: AccessRule[] = [`agent@${AGENTUR}`];
/** Employers identify people: not for analysts. */
export const EMPLOYER_READERS: AccessRule[] = [`agent@${AGENTUR}`, `caseworker@${KREIS}`, 'coach'];
/** Who sees a participant's placements whatever the consent: the agency's own staff, and analysts. */
export const PLACEMENT_READERS_ALWAYS: AccessRule[] = [`agent@${AGENTUR}`, 'analyst'];
/** Who sees them only while the participant consents to the exchange with the agency (AGENTUR_EXCHANGE, held by kreis). */
export const PLACEMENT_READERS_WITH_CONSENT: AccessRule[] = [`caseworker@${KREIS}`, 'coach'];
export const PLACEMENT_WRITERS: AccessRule[] = [`agent@${AGENTUR}`];
/** Placement dates single people out: not for analysts. */
export const PLACEMENT_DATE_READERS: AccessRule[] = [`agent@${AGENTUR}`, `caseworker@${KREIS}`, 'coach'];

/** Whether the viewer sees this participant's placements: always, or only with the participant's consent. */
export function maySeePlacementsOf(viewer: Viewer | null, participant: { consentsToAgencyExchange?: boolean }): boolean {
  const consented = participant.consentsToAgencyExchange === true;
  return allows(viewer, PLACEMENT_READERS_ALWAYS) || (consented && allows(viewer, PLACEMENT_READERS_WITH_CONSENT));
}
