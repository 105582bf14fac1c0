import { readFileSync } from 'node:fs';

/**
 * Names and routing URLs of the subgraphs listed in a supergraph's join__Graph enum.
 * In a module of its own, so that `npm run token` reads them without loading the gateway.
 */
export function subgraphsOf(supergraphSdl: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) found[match[1]] = match[2];
  return found;
}

/** The supergraph at SUPERGRAPH_PATH, for our gateway and for Hive Gateway alike; a missing file says how to make it. */
export function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`SUPERGRAPH_PATH: cannot read ${path}; run npm run compose`);
  }
}
