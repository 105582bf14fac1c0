import { agenturSubgraph, type AgenturServices } from '@durchstarten/agentur';
import type { Database } from '@durchstarten/kit';
import { kreisSubgraph, type KreisServices } from '@durchstarten/kreis';
import { providerSubgraph, type ProviderServices } from '@durchstarten/provider';
import type { World } from './world';

/** An organisation's database and services, as `openKreis`, `openProvider`, `openAgentur` and `createApp` give them. */
interface Opened<S> {
  database: Database;
  services: S;
}

export interface Organisations {
  kreis: Opened<KreisServices>;
  providers: Record<string, Opened<ProviderServices>>;
  agentur: Opened<AgenturServices>;
}

/** Organisation name to whether its part was loaded (false: it already held data and was left alone). */
export type SeedOutcome = Record<string, boolean>;

/**
 * Hands each organisation its own part of the world, through its own subgraph's seed:
 * kreis gets the registry, each provider its cases, agentur its placements.
 */
export async function loadWorld(world: World, organisations: Organisations): Promise<SeedOutcome> {
  const outcome: SeedOutcome = {};
  outcome.kreis = await kreisSubgraph.seed(organisations.kreis, {
    participants: world.participants,
    referrals: world.referrals,
    consents: world.consents,
  });
  for (const [providerId, provider] of Object.entries(organisations.providers)) {
    const part = world.providers[providerId];
    if (!part) throw new Error(`The world has no part for provider ${providerId}`);
    outcome[providerId] = await providerSubgraph.seed(provider, part);
  }
  outcome.agentur = await agenturSubgraph.seed(organisations.agentur, { placements: world.placements });
  return outcome;
}
