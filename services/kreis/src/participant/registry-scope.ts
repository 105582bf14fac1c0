import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RegistryScope } from '../access';
import { ConsentScope } from '../consent/consent.enums';

/**
 * Narrows a repository's query over participants (`participantColumn` holds the
 * participant id) to the rows `scope` admits: one condition, no extra statement.
 * Shared by the participant, referral and reporting repositories, so that each
 * reads the same rows for the same viewer.
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
