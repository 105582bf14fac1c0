import { KREIS, type AccessRule, type Role } from './organisations';

/**
 * What an organisation contributes to the graph's statistics: for each measure it
 * owns, the pseudonymous ids of the participants it holds that measure for (at
 * least one internship, a passed language exam, a placement of a kind). No dates,
 * no names, no counts per event: kreis needs the ids only to count each person
 * once across organisations and to group them by the registry's characteristics,
 * which never leave kreis. kreis uses them inside one SQL statement and keeps nothing.
 */
export type Contribution = Record<string, string[]>;

/** Measures a provider contributes. */
export const PROVIDER_MEASURES = ['INTERNSHIP', 'LANGUAGE_EXAM_PASSED'] as const;
/** Measures agentur contributes: a placement of each kind. */
export const PLACEMENT_MEASURE_PREFIX = 'PLACEMENT_';

/** The caller name kreis signs its contribution requests with, and the service role the contributor sees. */
export const STATISTICS_CALLER = KREIS;
export const STATISTICS_ROLE = 'statistics' satisfies Role;
/** Only kreis's statistics service may ask for a contribution. */
export const CONTRIBUTION_READERS: AccessRule[] = [`${STATISTICS_ROLE}@${STATISTICS_CALLER}`];

/** The root field through which `organisation` answers kreis; @inaccessible, so clients never see it. */
export function contributionFieldOf(organisation: string): string {
  return `${organisation}StatisticsContribution`;
}

/** The one document kreis may send `organisation` directly; the contributor refuses any other from kreis. */
export function contributionQueryOf(organisation: string): string {
  return `query StatisticsContribution { ${contributionFieldOf(organisation)} }`;
}
