import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AuditTrail, byIdLoader, groupingLoader, type ContributionSource, type Viewer } from '../../kit/src';
import type { PlacementEntity } from './placement/placement.entity';
import type { PlacementService } from './placement/placement.service';

export interface AgenturServices {
  placements: PlacementService;
  statistics: ContributionSource;
}

export interface AgenturContext {
  /** Reads of personal data in this request, written to the audit log when it ends. */
  audit: AuditTrail;
  auditSource: DataSource;
  services: AgenturServices;
  viewer: Viewer | null;
  loaders: {
    placementById: DataLoader<string, PlacementEntity | null>;
    placementsByParticipant: DataLoader<string, PlacementEntity[]>;
  };
}

export function createAgenturContext(services: AgenturServices, viewer: Viewer | null, auditSource: DataSource): AgenturContext {
  return {
    services,
    viewer,
    audit: new AuditTrail(),
    auditSource,
    loaders: {
      placementById: byIdLoader(
        (ids) => services.placements.findByIds(ids),
        (p) => p.id,
      ),
      placementsByParticipant: groupingLoader(
        (ids) => services.placements.findByParticipantIds(ids),
        (p) => p.participantId,
      ),
    },
  };
}
