import { type SubgraphContext } from '@durchstarten/kit';
import { type ProviderRegistry } from '@durchstarten/contracts';
import type { ConsentService } from './consent/consent.service';
import type { MunicipalityService } from './municipality/municipality.service';
import type { ParticipantService } from './participant/participant.service';
import type { ReferralService } from './referral/referral.service';
import type { registryLoaders } from './registry.loader';
import type { ReportingService } from './reporting/reporting.service';
import type { StatisticsService } from './statistics/statistics.service';

export interface KreisServices {
  participants: ParticipantService;
  referrals: ReferralService;
  consents: ConsentService;
  municipalities: MunicipalityService;
  providers: ProviderRegistry;
  statistics: StatisticsService;
  reporting: ReportingService;
}

export type KreisLoaders = ReturnType<typeof registryLoaders>;

export type KreisContext = SubgraphContext<KreisServices, KreisLoaders>;
