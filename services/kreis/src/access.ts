import { AGENTUR, type AccessRule, KREIS } from '@durchstarten/contracts';
import { allows, type Viewer } from '@durchstarten/kit';
import { ConsentScope } from './consent/consent.enums';

/** Kreis's own caseworkers: the registry's staff. */
export const KREIS_CASEWORKER = `caseworker@${KREIS}` satisfies AccessRule;
/** Agency staff, who read participants who consented to the exchange with the agency. */
export const AGENTUR_AGENT = `agent@${AGENTUR}` satisfies AccessRule;
/** A provider's service asking whether a referral is its own (the only document it may send, see app.ts). */
export const REFERRAL_LOOKUP_ROLE = 'referral-lookup' satisfies AccessRule;

/** Who reads the registry at all; which rows each of them sees is `registryScope`. */
export const REGISTRY_READERS: AccessRule[] = [KREIS_CASEWORKER, 'coach', AGENTUR_AGENT, 'analyst'];
/** Names and birth dates: not for analysts, who see pseudonymised data only. */
export const PERSONAL_DATA_READERS: AccessRule[] = [KREIS_CASEWORKER, 'coach', AGENTUR_AGENT];
/**
 * Exact quasi-identifiers (birth year, municipality, every date): analysts read
 * them coarsened and locally suppressed instead (reporting/), so that no
 * combination singles anyone out.
 */
export const EXACT_FACT_READERS: AccessRule[] = [KREIS_CASEWORKER, 'coach', AGENTUR_AGENT];
/** Referral dates: as EXACT_FACT_READERS, and a provider's look-up of its referral. */
export const REFERRAL_DATE_READERS: AccessRule[] = [...EXACT_FACT_READERS, REFERRAL_LOOKUP_ROLE];
export const REGISTRY_WRITERS: AccessRule[] = [KREIS_CASEWORKER];
/** Who is shown the link to a provider's case; the provider decides again what it returns. */
export const CASE_FOLLOWERS: AccessRule[] = [KREIS_CASEWORKER, 'coach', 'analyst'];
/** Who reads statistics: analysts get protected figures, Kreis caseworkers (who may read the rows anyway) exact ones. */
export const STATISTICS_READERS: AccessRule[] = ['analyst', KREIS_CASEWORKER];
export const EXACT_FIGURE_READERS: AccessRule[] = [KREIS_CASEWORKER];

/** The rows of the registry a viewer may see. */
export type RegistryScope =
  | { kind: 'all' }
  /** A provider's staff: participants referred to that provider who consented to the exchange with providers, and only those referrals. */
  | { kind: 'provider'; providerId: string }
  /** Agency staff: participants who consented to the exchange with the agency. */
  | { kind: 'consent'; scope: ConsentScope }
  /** Analysts: participants with an active REPORTING consent, their quasi-identifiers coarsened and locally suppressed. */
  | { kind: 'reporting' }
  | { kind: 'none' };

/**
 * Rows follow the role that also grants names: a token that is both analyst and
 * coach sees the coach's rows, so that the analyst's "all rows" never meets a
 * coach's or agent's right to names.
 */
export function registryScope(viewer: Viewer | null): RegistryScope {
  if (allows(viewer, [KREIS_CASEWORKER, REFERRAL_LOOKUP_ROLE])) return { kind: 'all' };
  if (allows(viewer, [AGENTUR_AGENT])) return { kind: 'consent', scope: ConsentScope.AGENTUR_EXCHANGE };
  if (viewer && allows(viewer, ['coach'])) return { kind: 'provider', providerId: viewer.org };
  if (allows(viewer, ['analyst'])) return { kind: 'reporting' };
  return { kind: 'none' };
}
