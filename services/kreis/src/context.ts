import type DataLoader from 'dataloader';
import { byIdLoader, groupingLoader } from '../../kit/src';
import type { ConsentEntity } from './consent/consent.entity';
import type { ConsentService } from './consent/consent.service';
import type { MunicipalityService } from './municipality/municipality.service';
import type { ParticipantEntity } from './participant/participant.entity';
import type { ParticipantService } from './participant/participant.service';
import type { ProviderRegistry } from './provider/provider.registry';
import type { ReferralEntity } from './referral/referral.entity';
import type { ReferralService } from './referral/referral.service';

export interface KreisServices {
  participants: ParticipantService;
  referrals: ReferralService;
  consents: ConsentService;
  municipalities: MunicipalityService;
  providers: ProviderRegistry;
}

export interface KreisLoaders {
  participantById: DataLoader<string, ParticipantEntity | null>;
  referralById: DataLoader<string, ReferralEntity | null>;
  referralsByParticipant: DataLoader<string, ReferralEntity[]>;
  consentsByParticipant: DataLoader<string, ConsentEntity[]>;
}

export interface KreisContext {
  services: KreisServices;
  loaders: KreisLoaders;
}

/** Fresh loaders per request: batching within a request, no caching across requests. */
export function createKreisContext(services: KreisServices): KreisContext {
  return {
    services,
    loaders: {
      participantById: byIdLoader(
        (ids) => services.participants.findByIds(ids),
        (p) => p.id,
      ),
      referralById: byIdLoader(
        (ids) => services.referrals.findByIds(ids),
        (r) => r.id,
      ),
      referralsByParticipant: groupingLoader(
        (ids) => services.referrals.findByParticipantIds(ids),
        (r) => r.participantId,
      ),
      consentsByParticipant: groupingLoader(
        (ids) => services.consents.findByParticipantIds(ids),
        (c) => c.participantId,
      ),
    },
  };
}
