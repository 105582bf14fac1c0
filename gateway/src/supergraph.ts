/**
 * Names and routing URLs of the subgraphs listed in a supergraph's join__Graph enum.
 * In a module of its own, so that `npm run token` reads them without loading the gateway.
 */
export function subgraphsOf(supergraphSdl: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) found[match[1]] = match[2];
  return found;
}
