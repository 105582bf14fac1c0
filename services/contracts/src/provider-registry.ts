import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, repoRoot, str, ValidationError } from '@durchstarten/kit';

/** Which side of the Rhine: Kreis Wesel's municipalities, and the providers serving them, fall on one. */
export type RhineBank = 'LEFT' | 'RIGHT';

export interface ProviderRecord {
  /** Lower-case key; names the provider's subgraph and its types (`klausenhof` gives `KlausenhofCase`). */
  id: string;
  name: string;
  seat: string;
  bank: RhineBank;
  /** Where the gateway reaches the provider's subgraph by default; written into the supergraph. */
  routingUrl: string;
}

/** The providers kreis refers to. Configuration, not code: adding a provider edits the JSON file only. */
export class ProviderRegistry {
  private readonly byId: Map<string, ProviderRecord>;

  constructor(readonly providers: readonly ProviderRecord[]) {
    this.byId = new Map(providers.map((p) => [p.id, p]));
  }

  static fromFile(path: string): ProviderRegistry {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`PROVIDER_REGISTRY: cannot read ${path}: ${(error as Error).message}`);
    }
    const list = (parsed as { providers?: unknown }).providers;
    if (!Array.isArray(list) || list.length === 0) throw new Error(`PROVIDER_REGISTRY: ${path} must have a non-empty "providers" list`);
    const seen = new Set<string>();
    for (const entry of list as ProviderRecord[]) {
      if (!/^[a-z][a-z0-9]{1,30}$/.test(entry?.id ?? ''))
        throw new Error(`PROVIDER_REGISTRY: provider id "${entry?.id}" must be lower-case letters and digits`);
      if (seen.has(entry.id)) throw new Error(`PROVIDER_REGISTRY: provider id "${entry.id}" appears twice`);
      if (entry.bank !== 'LEFT' && entry.bank !== 'RIGHT')
        throw new Error(`PROVIDER_REGISTRY: provider "${entry.id}" needs "bank": "LEFT" or "RIGHT"`);
      if (!entry.name) throw new Error(`PROVIDER_REGISTRY: provider "${entry.id}" needs a "name"`);
      if (!/^https?:\/\/.+/.test(entry.routingUrl ?? ''))
        throw new Error(`PROVIDER_REGISTRY: provider "${entry.id}" needs a "routingUrl" (http://host:port/graphql)`);
      seen.add(entry.id);
    }
    return new ProviderRegistry(list as ProviderRecord[]);
  }

  get(id: string): ProviderRecord | undefined {
    return this.byId.get(id);
  }

  require(id: string, field = 'providerId'): ProviderRecord {
    const provider = this.byId.get(id);
    if (!provider) throw new ValidationError(`Unknown provider "${id}". Known providers: ${[...this.byId.keys()].join(', ')}.`, field);
    return provider;
  }

  /** The provider serving a bank of the Rhine; the first one listed when several do. */
  forBank(bank: RhineBank): ProviderRecord {
    const provider = this.providers.find((p) => p.bank === bank);
    if (!provider) throw new Error(`No provider serves the ${bank.toLowerCase()} bank of the Rhine`);
    return provider;
  }
}

export const providerRegistrySpec = {
  PROVIDER_REGISTRY: str({ default: join(repoRoot(), 'services', 'kreis', 'providers.json'), desc: 'JSON file listing the providers' }),
};

/** Where the provider registry is: PROVIDER_REGISTRY, else the one in the repository. */
export function providerRegistryPath(env: NodeJS.ProcessEnv = process.env): string {
  return loadConfig(providerRegistrySpec, env).PROVIDER_REGISTRY;
}
