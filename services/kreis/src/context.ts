import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AuditTrail, byIdLoader, groupingLoader, type Viewer } from '../../kit/src';
import { registryScope, type RegistryScope } from './access';
import type { ConsentEntity } from './consent/consent.entity';
import type { ConsentService } from './consent/consent.service';
import type { MunicipalityService } from './municipality/municipality.service';
import type { ParticipantEntity } from './participant/participant.entity';
import type { ParticipantService } from './participant/participant.service';
import type { ProviderRegistry } from './provider/provider.registry';
import type { ReferralEntity } from './referral/referral.entity';
import type { ReferralService } from './referral/referral.service';
import type { StatisticsService } from './statistics/statistics.service';
import type { QuasiIdentifiers, SuppressionPlan } from './reporting/quasi-identifiers';
import type { ReportingService } from './reporting/reporting.service';

export interface KreisServices {
  participants: ParticipantService;
  referrals: ReferralService;
  consents: ConsentService;
  municipalities: MunicipalityService;
  providers: ProviderRegistry;
  statistics: StatisticsService;
  reporting: ReportingService;
}

export interface KreisLoaders {
  participantById: DataLoader<string, ParticipantEntity | null>;
  referralById: DataLoader<string, ReferralEntity | null>;
  referralsByParticipant: DataLoader<string, ReferralEntity[]>;
  consentsByParticipant: DataLoader<string, ConsentEntity[]>;
}

export interface KreisContext {
  /** Reads of personal data in this request, written to the audit log when it ends. */
  audit: AuditTrail;
  auditSource: DataSource;
  services: KreisServices;
  loaders: KreisLoaders;
  viewer: Viewer | null;
  /** The rows of the registry this viewer may see. */
  scope: RegistryScope;
  /** A participant's coarse quasi-identifiers as this viewer gets them: locally suppressed in the analysts' view. */
  quasiIdentifiers(participant: ParticipantEntity): Promise<QuasiIdentifiers>;
}

/** Fresh loaders per request, limited to what the viewer may see: batching within a request, no caching across requests. */
export function createKreisContext(services: KreisServices, viewer: Viewer | null, auditSource: DataSource): KreisContext {
  const scope = registryScope(viewer);
  // One suppression plan per request, made on first use: one SQL statement however many rows ask.
  let plan: Promise<SuppressionPlan> | undefined;
  return {
    services,
    viewer,
    audit: new AuditTrail(),
    auditSource,
    scope,
    async quasiIdentifiers(participant) {
      const values = services.reporting.coarsen(participant);
      if (scope.kind !== 'reporting') return values;
      plan ??= services.reporting.plan();
      return (await plan).release(values);
    },
    loaders: {
      participantById: byIdLoader(
        (ids) => services.participants.findByIds(ids, scope),
        (p) => p.id,
      ),
      referralById: byIdLoader(
        (ids) => services.referrals.findByIds(ids, scope),
        (r) => r.id,
      ),
      referralsByParticipant: groupingLoader(
        (ids) => services.referrals.findByParticipantIds(ids, scope),
        (r) => r.participantId,
      ),
      consentsByParticipant: groupingLoader(
        (ids) => services.consents.findByParticipantIds(ids),
        (c) => c.participantId,
      ),
    },
  };
}
