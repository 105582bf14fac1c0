import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type AccessRule } from '@durchstarten/contracts';
import { allows, type Viewer } from '@durchstarten/kit';
import { ConsentScope } from './consent/consent.enums';

/** Who reads the registry at all; which rows each of them sees is `registryScope`. */
export const REGISTRY_READERS: AccessRule[] = ['caseworker@kreis', 'coach', 'agent@agentur', 'analyst'];
/** A provider's service asking whether a referral is its own (the only document it may send, see app.ts). */
export const REFERRAL_LOOKUP_ROLE = 'referral-lookup';
/** Names and birth dates: not for analysts, who see pseudonymised data only. */
export const PERSONAL_DATA_READERS: AccessRule[] = ['caseworker@kreis', 'coach', 'agent@agentur'];
/**
 * Exact quasi-identifiers (birth year, municipality, every date): analysts read
 * them coarsened and locally suppressed instead (reporting/), so that no
 * combination singles anyone out.
 */
export const EXACT_FACT_READERS: AccessRule[] = ['caseworker@kreis', 'coach', 'agent@agentur'];
/** Referral dates: as EXACT_FACT_READERS, and a provider's look-up of its referral. */
export const REFERRAL_DATE_READERS: AccessRule[] = [...EXACT_FACT_READERS, REFERRAL_LOOKUP_ROLE];
export const REGISTRY_WRITERS: AccessRule[] = ['caseworker@kreis'];
/** Who is shown the link to a provider's case; the provider decides again what it returns. */
export const CASE_FOLLOWERS: AccessRule[] = ['caseworker@kreis', 'coach', 'analyst'];

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
  if (allows(viewer, ['caseworker@kreis', REFERRAL_LOOKUP_ROLE])) return { kind: 'all' };
  if (allows(viewer, ['agent@agentur'])) return { kind: 'consent', scope: ConsentScope.AGENTUR_EXCHANGE };
  if (viewer && allows(viewer, ['coach'])) return { kind: 'provider', providerId: viewer.org };
  if (allows(viewer, ['analyst'])) return { kind: 'reporting' };
  return { kind: 'none' };
}

/**
 * Narrows a query over participants (`participantColumn` holds the participant
 * id) to the rows `scope` admits: one condition, no extra statement.
 */
export function whereInScope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  participantColumn: string,
  scope: RegistryScope,
): SelectQueryBuilder<T> {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'provider':
      return whereConsented(query, participantColumn, ConsentScope.PROVIDER_EXCHANGE).andWhere(
        `EXISTS (SELECT 1 FROM referral scope_referral WHERE scope_referral.participant_id = ${participantColumn} AND scope_referral.provider_id = :scopeProvider)`,
        { scopeProvider: scope.providerId },
      );
    case 'consent':
      return whereConsented(query, participantColumn, scope.scope);
    case 'reporting':
      return whereConsented(query, participantColumn, ConsentScope.REPORTING);
    case 'none':
      return query.andWhere('1 = 0');
  }
}

function whereConsented<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  participantColumn: string,
  scope: ConsentScope,
): SelectQueryBuilder<T> {
  return query.andWhere(
    `EXISTS (SELECT 1 FROM consent scope_consent WHERE scope_consent.participant_id = ${participantColumn} AND scope_consent.scope = :scopeConsent AND scope_consent.withdrawn_on IS NULL)`,
    { scopeConsent: scope },
  );
}

/** True when the participant's consents include an active one of `scope`. */
export function hasActiveConsent(consents: ReadonlyArray<{ scope: string; withdrawnOn: string | null }>, scope: ConsentScope): boolean {
  return consents.some((consent) => consent.scope === scope && consent.withdrawnOn === null);
}
