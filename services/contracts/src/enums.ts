/**
 * Enums more than one subgraph uses. Federation requires a shared enum to be
 * defined identically everywhere it is used, so they live here once: Module and
 * ReferralStatus (kreis and the providers' referral look-up), PlacementKind
 * (agentur and kreis's statistics), and the value types of every ProviderCase.
 */
export enum Module {
  F1_COACHING = 'F1_COACHING',
  F2_QUALIFICATION_LANGUAGE = 'F2_QUALIFICATION_LANGUAGE',
  F3_SCHOOL_CERTIFICATE = 'F3_SCHOOL_CERTIFICATE',
  F4_PREPARATORY_COURSES = 'F4_PREPARATORY_COURSES',
}

export enum ReferralStatus {
  REFERRED = 'REFERRED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum CourseKind {
  LANGUAGE = 'LANGUAGE',
  QUALIFICATION = 'QUALIFICATION',
  SCHOOL_CERTIFICATE = 'SCHOOL_CERTIFICATE',
  PREPARATORY = 'PREPARATORY',
  INTEGRATION = 'INTEGRATION',
}

export enum EnrolmentStatus {
  ENROLLED = 'ENROLLED',
  COMPLETED = 'COMPLETED',
  DROPPED = 'DROPPED',
}

export enum CertificateKind {
  LANGUAGE_EXAM = 'LANGUAGE_EXAM',
  COURSE_CERTIFICATE = 'COURSE_CERTIFICATE',
  SCHOOL_CERTIFICATE = 'SCHOOL_CERTIFICATE',
  LICENCE = 'LICENCE',
}

export enum LanguageLevel {
  A1 = 'A1',
  A2 = 'A2',
  B1 = 'B1',
  B2 = 'B2',
  C1 = 'C1',
}

export enum ExamResult {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}

export enum CoachingTopic {
  ORIENTATION = 'ORIENTATION',
  LANGUAGE = 'LANGUAGE',
  APPLICATION = 'APPLICATION',
  RESIDENCE_LAW = 'RESIDENCE_LAW',
  EVERYDAY_LIFE = 'EVERYDAY_LIFE',
  OTHER = 'OTHER',
}

export enum PlacementKind {
  AUSBILDUNG = 'AUSBILDUNG',
  EINSTIEGSQUALIFIZIERUNG = 'EINSTIEGSQUALIFIZIERUNG',
  BESCHAEFTIGUNG = 'BESCHAEFTIGUNG',
  MINIJOB = 'MINIJOB',
}
