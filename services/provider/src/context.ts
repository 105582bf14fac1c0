import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AuditTrail, byIdLoader, groupingLoader, type ContributionSource, type Viewer } from '../../kit/src';
import type { CaseEntity } from './case/case.entity';
import type { CaseService } from './case/case.service';
import type { CourseService } from './course/course.service';
import type { CertificateEntity, CoachingSessionEntity, EnrolmentEntity, InternshipEntity } from './records/records.entity';
import type { RecordsService } from './records/records.service';

export interface ProviderServices {
  providerId: string;
  cases: CaseService;
  courses: CourseService;
  records: RecordsService;
  statistics: ContributionSource;
}

export interface ProviderLoaders {
  caseById: DataLoader<string, CaseEntity | null>;
  sessionsByCase: DataLoader<string, CoachingSessionEntity[]>;
  enrolmentsByCase: DataLoader<string, EnrolmentEntity[]>;
  certificatesByCase: DataLoader<string, CertificateEntity[]>;
  internshipsByCase: DataLoader<string, InternshipEntity[]>;
}

export interface ProviderContext {
  /** Reads of personal data in this request, written to the audit log when it ends. */
  audit: AuditTrail;
  auditSource: DataSource;
  services: ProviderServices;
  loaders: ProviderLoaders;
  viewer: Viewer | null;
}

export function createProviderContext(services: ProviderServices, viewer: Viewer | null, auditSource: DataSource): ProviderContext {
  const { cases, records } = services;
  return {
    services,
    viewer,
    audit: new AuditTrail(),
    auditSource,
    loaders: {
      caseById: byIdLoader(
        (ids) => cases.findByIds(ids),
        (c) => c.id,
      ),
      sessionsByCase: groupingLoader(
        (ids) => records.sessionsByCaseIds(ids),
        (r) => r.caseId,
      ),
      enrolmentsByCase: groupingLoader(
        (ids) => records.enrolmentsByCaseIds(ids),
        (r) => r.caseId,
      ),
      certificatesByCase: groupingLoader(
        (ids) => records.certificatesByCaseIds(ids),
        (r) => r.caseId,
      ),
      internshipsByCase: groupingLoader(
        (ids) => records.internshipsByCaseIds(ids),
        (r) => r.caseId,
      ),
    },
  };
}
