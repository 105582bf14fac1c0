import { type AccessRule } from '@durchstarten/contracts';

/**
 * Who reads placements directly, without going through a participant (and so without consent): agency staff.
 * Not analysts: the lists bypass the REPORTING consent that admits a participant to their view.
 */
export const PLACEMENT_READERS: AccessRule[] = ['agent@agentur'];
/** Employers identify people: not for analysts. */
export const EMPLOYER_READERS: AccessRule[] = ['agent@agentur', 'caseworker@kreis', 'coach'];
/** Who sees a participant's placements whatever the consent: the agency's own staff, and analysts. */
export const PLACEMENT_READERS_ALWAYS: AccessRule[] = ['agent@agentur', 'analyst'];
/** Who sees them only while the participant consents to the exchange with the agency (AGENTUR_EXCHANGE, held by kreis). */
export const PLACEMENT_READERS_WITH_CONSENT: AccessRule[] = ['caseworker@kreis', 'coach'];
export const PLACEMENT_WRITERS: AccessRule[] = ['agent@agentur'];
/** Placement dates single people out: not for analysts. */
export const PLACEMENT_DATE_READERS: AccessRule[] = ['agent@agentur', 'caseworker@kreis', 'coach'];
