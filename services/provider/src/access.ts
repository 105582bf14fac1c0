import { type AccessRule, KREIS } from '@durchstarten/contracts';

/** This provider's own staff: its desk, its cases, coaches' notes. */
export const OWN_STAFF: AccessRule[] = ['coach@self'];
/** Who may read this provider's cases when following Referral.case: its staff, Kreis Wesel's caseworkers, analysts. */
export const CASE_READERS: AccessRule[] = ['coach@self', `caseworker@${KREIS}`, 'analyst'];
