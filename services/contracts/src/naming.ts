/**
 * `klausenhof` gives `Klausenhof`: the prefix of a provider's own GraphQL type
 * names (`KlausenhofCase`). kreis and the providers must derive it the same way.
 */
export function providerTypePrefix(providerId: string): string {
  return providerId.charAt(0).toUpperCase() + providerId.slice(1);
}
