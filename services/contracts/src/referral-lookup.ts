/**
 * The one operation a provider may send to kreis directly: is this referral
 * mine? kreis refuses any other document from a caller that is not the gateway.
 */
export const REFERRAL_LOOKUP_QUERY = `query ReferralForCase($id: ID!) {
  referral(id: $id) { id module referredOn status provider { id } participant { id } }
}`;
