/**
 * Enums shared by several subgraphs. Federation requires a shared enum to be
 * defined identically everywhere it is used, so they live here once.
 */
export enum Module {
  F1_COACHING = 'F1_COACHING',
  F2_QUALIFICATION_LANGUAGE = 'F2_QUALIFICATION_LANGUAGE',
  F3_SCHOOL_CERTIFICATE = 'F3_SCHOOL_CERTIFICATE',
  F4_PREPARATORY_COURSES = 'F4_PREPARATORY_COURSES',
}

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  DIVERSE = 'DIVERSE',
}

export enum ResidenceStatus {
  DULDUNG = 'DULDUNG',
  GESTATTUNG = 'GESTATTUNG',
  AUFENTHALTSERLAUBNIS = 'AUFENTHALTSERLAUBNIS',
  OTHER = 'OTHER',
}

export enum ExitReason {
  TRAINING_STARTED = 'TRAINING_STARTED',
  EMPLOYMENT_STARTED = 'EMPLOYMENT_STARTED',
  STUDIES_STARTED = 'STUDIES_STARTED',
  MOVED_AWAY = 'MOVED_AWAY',
  DROPPED_OUT = 'DROPPED_OUT',
  PROGRAMME_ENDED = 'PROGRAMME_ENDED',
  OTHER = 'OTHER',
}

export enum ReferralStatus {
  REFERRED = 'REFERRED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum ConsentScope {
  /** Kreis and the assigned provider exchange case data. */
  PROVIDER_EXCHANGE = 'PROVIDER_EXCHANGE',
  /** Kreis and Agentur/Jobcenter exchange placement data. */
  AGENTUR_EXCHANGE = 'AGENTUR_EXCHANGE',
  /** Pseudonymised use in the state's monitoring reports. */
  REPORTING = 'REPORTING',
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

export enum Office {
  AGENTUR_FUER_ARBEIT = 'AGENTUR_FUER_ARBEIT',
  JOBCENTER = 'JOBCENTER',
}
