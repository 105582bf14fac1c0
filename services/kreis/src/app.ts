import { type DefinedApp, defineSubgraph, type SubgraphDeps, viewerOfCall } from '@durchstarten/kit';
import { KREIS, type ProviderRegistry, REFERRAL_LOOKUP_QUERY } from '@durchstarten/contracts';
import { REFERRAL_LOOKUP_ROLE } from './access';
import { ConsentEntity } from './consent/consent.entity';
import { ConsentService } from './consent/consent.service';
import type { KreisLoaders, KreisServices } from './context';
import { InitialRegistry1764000000000 } from './migrations/1764000000000-initial-registry';
import { RecordKeys1764200000000 } from './migrations/1764200000000-record-keys';
import { NumberSequences1764300000000 } from './migrations/1764300000000-number-sequences';
import { MunicipalityService } from './municipality/municipality.service';
import { ParticipantEntity } from './participant/participant.entity';
import { ParticipantService } from './participant/participant.service';
import { ReferralEntity } from './referral/referral.entity';
import { ReferralService } from './referral/referral.service';
import { kreisLoaders } from './loaders';
import { RegistryRepositories } from './registry.repository';
import { ReportingRepository } from './reporting/reporting.repository';
import { ReportingService } from './reporting/reporting.service';
import { buildKreisSchema } from './schema';
import { loadKreisPart, type KreisSeedPart } from './seed';
import type { Contributor } from './statistics/contribution.client';
import { StatisticsRepository } from './statistics/statistics.repository';
import { StatisticsService } from './statistics/statistics.service';

export interface KreisDeps extends SubgraphDeps {
  registry: ProviderRegistry;
  /** Who contributes measures to the statistics (every provider and agentur); read when a statistics query runs. */
  contributors?: readonly Contributor[];
}

export type KreisApp = DefinedApp<KreisServices>;

/** The kreis subgraph: the participant registry, referrals, consents, and the statistics. */
export const kreisSubgraph = defineSubgraph<KreisDeps, KreisServices, KreisLoaders, KreisSeedPart>({
  name: () => KREIS,
  entities: [ParticipantEntity, ReferralEntity, ConsentEntity],
  migrations: [InitialRegistry1764000000000, RecordKeys1764200000000, NumberSequences1764300000000],
  services: (database, deps) => {
    const municipalities = new MunicipalityService(deps.registry);
    const registry = new RegistryRepositories(database.dataSource);
    const participants = new ParticipantService(registry, municipalities, deps.registry);
    return {
      participants,
      referrals: new ReferralService(registry, municipalities, deps.registry),
      consents: new ConsentService(registry),
      municipalities,
      providers: deps.registry,
      statistics: new StatisticsService(new StatisticsRepository(database.dataSource), participants, deps.contributors ?? []),
      reporting: new ReportingService(new ReportingRepository(database.dataSource), municipalities),
    };
  },
  schema: (deps) => buildKreisSchema(deps.registry),
  loaders: kreisLoaders,
  // Providers may only ask whether a referral is theirs.
  mayRun: () => (_caller, body) => body.query === REFERRAL_LOOKUP_QUERY,
  // The gateway's callers are people; a provider calling directly is its referral look-up service.
  seed: loadKreisPart,
  viewerOf: (call) => viewerOfCall(call, REFERRAL_LOOKUP_ROLE),
});

export const openKreis = kreisSubgraph.open;
export const createApp = kreisSubgraph.createApp;
