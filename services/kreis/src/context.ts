import { type SubgraphContext } from '@durchstarten/kit';
import { type ProviderRegistry } from '@durchstarten/contracts';
import type { ConsentService } from './consent/consent.service';
import type { MunicipalityService } from './municipality/municipality.service';
import type { ParticipantService } from './participant/participant.service';
import type { ReferralService } from './referral/referral.service';
import type { kreisLoaders } from './loaders';
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

export type KreisLoaders = ReturnType<typeof kreisLoaders>;

export type KreisContext = SubgraphContext<KreisServices, KreisLoaders>;
