import type { AgenturServices } from '@durchstarten/agentur';
import { type Database } from '@durchstarten/kit';
import { loadAgenturPart } from '@durchstarten/agentur';
import type { KreisServices } from '@durchstarten/kreis';
import { loadKreisPart } from '@durchstarten/kreis';
import type { ProviderServices } from '@durchstarten/provider';
import { loadProviderPart } from '@durchstarten/provider';
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
 * Hands each organisation its own part of the world, through its own services:
 * kreis gets the registry, each provider its cases, agentur its placements.
 */
export async function loadWorld(world: World, organisations: Organisations): Promise<SeedOutcome> {
  const outcome: SeedOutcome = {};
  outcome.kreis = await loadKreisPart(organisations.kreis, {
    participants: world.participants,
    referrals: world.referrals,
    consents: world.consents,
  });
  for (const [providerId, provider] of Object.entries(organisations.providers)) {
    const part = world.providers[providerId];
    if (!part) throw new Error(`The world has no part for provider ${providerId}`);
    outcome[providerId] = await loadProviderPart(provider, part);
  }
  outcome.agentur = await loadAgenturPart(organisations.agentur, { placements: world.placements });
  return outcome;
}
