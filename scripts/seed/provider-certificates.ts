/**
 * Certificates in the providers' case files: language exams, course certificates,
 * licences and the Hauptschulabschluss, drawn as exact quotas.
 */
import { CertificateKind, ExamResult, LanguageLevel, Module, ReferralStatus } from '@durchstarten/contracts';
import { fmt } from './calendar';
import {
  LANGUAGE_EXAM_TITLES,
  LANGUAGE_LEVEL_WEIGHTS,
  LANGUAGE_LEVELS,
  LICENCE_WEIGHTS,
  LICENCES,
  WORKSHOP_CERTIFICATES,
} from './certificate-titles';
import { type CaseInfo, type CompletedEnrolment, dateLate, dateWithin, findCase, nextRowId, type ProviderState } from './provider-part';
import type { Quotas } from './quotas';
import { chance, countFlags, pick, quota, quotaFlags, type Rng, sample, shuffleInPlace } from './random';
import { SHARE_COURSE_CERTIFICATE, SHARE_HSA_FAILED_OF_F3_CASES, SHARE_HSA_OF_F3_CASES } from './shares';
import type { WorldCertificate } from './world';

export function addCertificates(
  rng: Rng,
  providers: ProviderState[],
  participantCases: CaseInfo[][],
  completedEnrolments: (CompletedEnrolment[] | null)[],
  quotas: Quotas,
): void {
  const courseCertQ = drawCourseCertificates(rng, completedEnrolments);
  // Licence titles as a shuffled quota; a forklift course leads to the forklift licence anyway.
  const licenceTitles = Array.from(quota(rng, countFlags(quotas.licence), LICENCE_WEIGHTS), (k) => LICENCES[k]);
  let nextLicence = 0;
  for (let i = 0; i < participantCases.length; i++) {
    const cases = participantCases[i];
    const done = completedEnrolments[i];
    if (quotas.languageExam[i]) {
      const c = findCase(cases, Module.F2_QUALIFICATION_LANGUAGE) ?? findCase(cases, Module.F4_PREPARATORY_COURSES) ?? cases[0];
      // Level and result are assigned below as quotas; placeholders here.
      addCertificate(providers, c, CertificateKind.LANGUAGE_EXAM, '', LanguageLevel.A1, ExamResult.PASSED, dateLate(rng, c));
    }
    if (courseCertQ[i]) addCourseCertificate(rng, providers, cases, done);
    if (quotas.licence[i]) {
      const forklift = done ? done.find((e) => e.course.template.forklift) : undefined;
      if (forklift) {
        const c = cases.find((x) => x.id === forklift.caseId)!;
        addCertificate(providers, c, CertificateKind.LICENCE, 'Gabelstaplerschein', null, null, forklift.completed);
      } else {
        const c = findCase(cases, Module.F4_PREPARATORY_COURSES) ?? findCase(cases, Module.F2_QUALIFICATION_LANGUAGE) ?? cases[0];
        addCertificate(providers, c, CertificateKind.LICENCE, licenceTitles[nextLicence++], null, null, dateLate(rng, c));
      }
    }
  }
  assignLanguageExamResults(rng, providers);
  addSchoolCertificates(rng, providers, participantCases);
}

/** Course certificates: mostly for a completed F2/F4 course, some for workshops during coaching. */
function drawCourseCertificates(rng: Rng, completedEnrolments: (CompletedEnrolment[] | null)[]): Uint8Array {
  const n = completedEnrolments.length;
  const courseCertQ = new Uint8Array(n);
  const target = Math.round(n * SHARE_COURSE_CERTIFICATE);
  const withCourse: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < n; i++) {
    const done = completedEnrolments[i];
    (done && done.some((e) => e.course.module !== Module.F3_SCHOOL_CERTIFICATE) ? withCourse : others).push(i);
  }
  const fromCourses = Math.min(withCourse.length, Math.round(target * 0.75));
  for (const i of sample(rng, withCourse, fromCourses)) courseCertQ[i] = 1;
  for (const i of sample(rng, others, target - fromCourses)) courseCertQ[i] = 1;
  return courseCertQ;
}

function addCourseCertificate(rng: Rng, providers: ProviderState[], cases: CaseInfo[], done: CompletedEnrolment[] | null): void {
  const forCourse = done ? done.filter((e) => e.course.module !== Module.F3_SCHOOL_CERTIFICATE) : [];
  if (forCourse.length > 0) {
    const e = pick(rng, forCourse);
    const c = cases.find((x) => x.id === e.caseId)!;
    addCertificate(providers, c, CertificateKind.COURSE_CERTIFICATE, `Teilnahmezertifikat: ${e.course.title}`, null, null, e.completed);
  } else {
    const c = cases[0];
    addCertificate(providers, c, CertificateKind.COURSE_CERTIFICATE, pick(rng, WORKSHOP_CERTIFICATES), null, null, dateWithin(rng, c));
  }
}

/** Language exam levels and results as exact quotas over all exams. */
function assignLanguageExamResults(rng: Rng, providers: ProviderState[]): void {
  const exams: WorldCertificate[] = [];
  for (const p of providers) for (const c of p.world.certificates) if (c.kind === CertificateKind.LANGUAGE_EXAM) exams.push(c);
  const levels = quota(rng, exams.length, LANGUAGE_LEVEL_WEIGHTS);
  const passed = quotaFlags(rng, exams.length, 0.8);
  exams.forEach((e, k) => {
    const level = LANGUAGE_LEVELS[levels[k]];
    e.level = level;
    e.result = passed[k] ? ExamResult.PASSED : ExamResult.FAILED;
    e.title = pick(rng, LANGUAGE_EXAM_TITLES[level]);
  });
}

/** Hauptschulabschluss: ~60% of F3 cases, completed cases first. */
function addSchoolCertificates(rng: Rng, providers: ProviderState[], participantCases: CaseInfo[][]): void {
  const f3: CaseInfo[] = [];
  for (const cases of participantCases) for (const c of cases) if (c.module === Module.F3_SCHOOL_CERTIFICATE) f3.push(c);
  const completed = shuffleInPlace(
    rng,
    f3.filter((c) => c.status === ReferralStatus.COMPLETED),
  );
  const active = shuffleInPlace(
    rng,
    f3.filter((c) => c.status === ReferralStatus.ACTIVE),
  );
  const cancelled = shuffleInPlace(
    rng,
    f3.filter((c) => c.status === ReferralStatus.CANCELLED),
  );
  const ordered = [...completed, ...active, ...cancelled];
  const passCount = Math.round(f3.length * SHARE_HSA_OF_F3_CASES);
  const failCount = Math.min(Math.round(f3.length * SHARE_HSA_FAILED_OF_F3_CASES), f3.length - passCount);
  const passedCases = ordered.slice(0, passCount);
  const failedCases = sample(rng, ordered.slice(passCount), failCount);
  for (const c of passedCases) {
    const title = chance(rng, 0.8) ? 'Hauptschulabschluss (Externenprüfung)' : 'Hauptschulabschluss nach Klasse 10 (Externenprüfung)';
    const issued = c.closed >= 0 ? c.closed : dateLate(rng, c);
    addCertificate(providers, c, CertificateKind.SCHOOL_CERTIFICATE, title, null, ExamResult.PASSED, issued);
  }
  for (const c of failedCases) {
    const issued = dateLate(rng, c);
    addCertificate(
      providers,
      c,
      CertificateKind.SCHOOL_CERTIFICATE,
      'Hauptschulabschluss (Externenprüfung)',
      null,
      ExamResult.FAILED,
      issued,
    );
  }
}

function addCertificate(
  providers: ProviderState[],
  c: CaseInfo,
  kind: CertificateKind,
  title: string,
  level: LanguageLevel | null,
  result: ExamResult | null,
  issued: number,
): void {
  const provider = providers[c.providerIndex];
  provider.world.certificates.push({
    id: nextRowId(provider, 'ce'),
    caseId: c.id,
    kind,
    title,
    level,
    result,
    issuedOn: fmt(issued),
  });
}
