/**
 * Deterministic synthetic world for the Durchstarten graph.
 *
 * `generateWorld` builds one consistent world (participants, referrals,
 * consents, provider case files, agency placements) from a fixed random seed.
 * It is pure: no database, no I/O, no clock, no Math.random. Each
 * organisation's seeder loads only its own part of the world.
 *
 * Proportions follow the programme's published figures (DESIGN.md section 1).
 * Headline proportions (gender, residence status, modules, outcomes) are
 * drawn as exact quotas that are shuffled by the seeded PRNG, so every world
 * has the same shape while who gets what differs per seed.
 *
 * Every person, employer and note is synthetic.
 */
import {
  CertificateKind,
  CoachingTopic,
  ConsentScope,
  CourseKind,
  EnrolmentStatus,
  ExamResult,
  ExitReason,
  Gender,
  LanguageLevel,
  Module,
  Office,
  PlacementKind,
  ReferralStatus,
  ResidenceStatus,
} from '../../services/kit/src/domain/enums';
import { MUNICIPALITIES } from '../../services/kreis/src/municipality/municipality.data';
import registry from '../../services/kreis/providers.json';
import { MAX_AGE, MIN_AGE, PROGRAMME_END } from '../../services/kreis/src/programme';
import { addMonths, dayOf, firstOfNextMonth, fmt, ymdOf } from './calendar';
import {
  LANGUAGE_EXAM_TITLES,
  LANGUAGE_LEVEL_WEIGHTS,
  LANGUAGE_LEVELS,
  LICENCE_WEIGHTS,
  LICENCES,
  WORKSHOP_CERTIFICATES,
} from './certificate-titles';
import { NOTES, SESSION_MINUTES, TOPIC_PICK } from './coaching-notes';
import { COURSE_TEMPLATES, type CourseTemplate, LATER_COURSE_STARTS } from './courses';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE } from './names';
import { employerName, HELPER_PICK, type Occupation, SKILLED_PICK } from './occupations';
import { D_END, D_LAST_ENTRY, D_START } from './period';
import {
  AGE_PICK,
  GENDER_WEIGHTS,
  GENDERS,
  INTERNSHIP_WEIGHTS,
  MODULE_DAYS,
  NEGATIVE_EXITS,
  OTHER_EXIT_PICK,
  Outcome,
  OUTCOME_WEIGHTS,
  RESIDENCE,
  RESIDENCE_WEIGHTS,
  SHARE_ACTIVE_AT_END,
  SHARE_COURSE_CERTIFICATE,
  SHARE_F2,
  SHARE_F3,
  SHARE_F4,
  SHARE_HSA_FAILED_OF_F3_CASES,
  SHARE_HSA_OF_F3_CASES,
  SHARE_LANGUAGE_EXAM,
  SHARE_LANGUAGE_EXAM_IN_F2,
  SHARE_LICENCE,
  SHARE_MINIJOB,
} from './shares';
import { between, chance, countFlags, int, mulberry32, pick, quota, quotaFlags, type Rng, sample, shuffleInPlace } from './random';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

export interface WorldOptions {
  /** Number of participants; default 380. */
  participants?: number;
  /** PRNG seed; default 20211101. */
  seed?: number;
  /** Provider registry; default: services/kreis/providers.json. Read-only arrays are accepted. */
  providers?: readonly { id: string; bank: 'LEFT' | 'RIGHT' }[];
}

export interface World {
  seed: number;
  participants: WorldParticipant[];
  referrals: WorldReferral[];
  consents: WorldConsent[];
  /** Key = provider id; one entry per provider, even if empty. */
  providers: Record<string, ProviderWorld>;
  placements: WorldPlacement[];
}

export interface WorldParticipant {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: Gender;
  residenceStatus: ResidenceStatus;
  municipalityId: string;
  enteredOn: string;
  exitedOn: string | null;
  exitReason: ExitReason | null;
}

export interface WorldReferral {
  id: string;
  participantId: string;
  providerId: string;
  module: Module;
  referredOn: string;
  startedOn: string | null;
  endedOn: string | null;
  status: ReferralStatus;
}

export interface WorldConsent {
  id: string;
  participantId: string;
  scope: ConsentScope;
  grantedOn: string;
  withdrawnOn: string | null;
}

export interface ProviderWorld {
  courses: WorldCourse[];
  cases: WorldCase[];
  coachingSessions: WorldCoachingSession[];
  enrolments: WorldEnrolment[];
  certificates: WorldCertificate[];
  internships: WorldInternship[];
}

export interface WorldCourse {
  id: string;
  title: string;
  kind: CourseKind;
  module: Module;
  startsOn: string;
  endsOn: string;
}

export interface WorldCase {
  id: string;
  participantId: string;
  module: Module;
  openedOn: string;
  closedOn: string | null;
}

export interface WorldCoachingSession {
  id: string;
  caseId: string;
  heldOn: string;
  durationMinutes: number;
  topic: CoachingTopic;
  notes: string;
}

export interface WorldEnrolment {
  id: string;
  caseId: string;
  courseId: string;
  enrolledOn: string;
  completedOn: string | null;
  status: EnrolmentStatus;
}

export interface WorldCertificate {
  id: string;
  caseId: string;
  kind: CertificateKind;
  title: string;
  level: LanguageLevel | null;
  result: ExamResult | null;
  issuedOn: string;
}

export interface WorldInternship {
  id: string;
  caseId: string;
  employer: string;
  occupation: string;
  startsOn: string;
  endsOn: string;
}

export interface WorldPlacement {
  id: string;
  participantId: string;
  kind: PlacementKind;
  office: Office;
  employerName: string;
  kldbCode: string;
  occupationTitle: string;
  startsOn: string;
  endsOn: string | null;
}

export const DEFAULT_PARTICIPANTS = 380;
export const DEFAULT_SEED = 20211101;
export { FIRST_ENTRY, LAST_ENTRY } from './period';
// The programme ended on PROGRAMME_END; nothing in the world happens later (except planned placement ends).
export { MAX_AGE, MIN_AGE, PROGRAMME_END };

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

interface ProviderRef {
  id: string;
  bank: 'LEFT' | 'RIGHT';
}

interface CaseInfo {
  providerIndex: number;
  module: Module;
  id: string;
  opened: number;
  /** -1 while open. */
  closed: number;
  status: ReferralStatus;
}

interface CompletedEnrolment {
  providerIndex: number;
  caseId: string;
  course: CourseInfo;
  completed: number;
}

interface CourseInfo {
  id: string;
  title: string;
  kind: CourseKind;
  module: Module;
  starts: number;
  template: CourseTemplate;
}

interface ProviderState {
  ref: ProviderRef;
  world: ProviderWorld;
  prefix: string;
  coursesByModule: Map<Module, CourseInfo[]>;
  seq: { cs: number; en: number; ce: number; in: number };
}

function padWidth(count: number, min: number): number {
  return Math.max(min, String(Math.max(count, 1)).length);
}

function padNum(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** FNV-1a, 32 bit, as 8 hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Prefix for provider value-row ids; long provider ids are shortened so every id stays <= 40 characters. */
function rowPrefix(providerId: string): string {
  return providerId.length <= 24 ? providerId : `${providerId.slice(0, 15)}-${fnv1a(providerId)}`;
}

function resolveProviders(options: WorldOptions): ProviderRef[] {
  const list = options.providers ?? (registry as unknown as { providers: ProviderRef[] }).providers;
  if (!Array.isArray(list) || list.length === 0) throw new Error('generateWorld: at least one provider is required');
  const seen = new Set<string>();
  for (const p of list) {
    if (!p || typeof p.id !== 'string' || p.id.length === 0) throw new Error('generateWorld: provider without id');
    if (p.bank !== 'LEFT' && p.bank !== 'RIGHT') throw new Error(`generateWorld: provider ${p.id} has invalid bank ${String(p.bank)}`);
    if (seen.has(p.id)) throw new Error(`generateWorld: duplicate provider id ${p.id}`);
    seen.add(p.id);
  }
  return list.map((p) => ({ id: p.id, bank: p.bank }));
}

function buildCatalogue(rng: Rng, provider: ProviderRef): CourseInfo[] {
  const core = COURSE_TEMPLATES.filter((t) => t.core);
  const pool = COURSE_TEMPLATES.filter((t) => !t.core);
  const total = between(rng, 8, 14);
  const extra = sample(rng, pool.slice(), total - core.length);
  // Keep the catalogue in template order so that ids read naturally (F2, F3, F4).
  const chosen = COURSE_TEMPLATES.filter((t) => t.core || extra.includes(t));
  const upper = provider.id.toUpperCase();
  return chosen.map((t, i) => ({
    id: `${upper}-C${padNum(i + 1, 2)}`,
    title: t.title,
    kind: t.kind,
    module: t.module,
    starts: t.core ? D_START : pick(rng, LATER_COURSE_STARTS),
    template: t,
  }));
}

export function generateWorld(options: WorldOptions = {}): World {
  const n = options.participants ?? DEFAULT_PARTICIPANTS;
  if (!Number.isInteger(n) || n < 0) throw new Error(`generateWorld: participants must be a non-negative integer, got ${n}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new Error(`generateWorld: seed must be a finite number, got ${seed}`);
  const providerRefs = resolveProviders(options);
  const rng = mulberry32(Math.floor(seed) >>> 0);

  // -- providers and catalogues ------------------------------------------------
  const providers: ProviderState[] = providerRefs.map((ref) => {
    const catalogue = buildCatalogue(rng, ref);
    const coursesByModule = new Map<Module, CourseInfo[]>();
    for (const c of catalogue) {
      const list = coursesByModule.get(c.module) ?? [];
      list.push(c);
      coursesByModule.set(c.module, list);
    }
    return {
      ref,
      prefix: rowPrefix(ref.id),
      coursesByModule,
      seq: { cs: 0, en: 0, ce: 0, in: 0 },
      world: {
        courses: catalogue.map((c) => ({
          id: c.id,
          title: c.title,
          kind: c.kind,
          module: c.module,
          startsOn: fmt(c.starts),
          endsOn: PROGRAMME_END,
        })),
        cases: [],
        coachingSessions: [],
        enrolments: [],
        certificates: [],
        internships: [],
      },
    };
  });
  const providerByBank = new Map<string, number>();
  providers.forEach((p, i) => {
    if (!providerByBank.has(p.ref.bank)) providerByBank.set(p.ref.bank, i);
  });
  for (const m of MUNICIPALITIES) {
    if (n > 0 && !providerByBank.has(m.bank)) {
      throw new Error(`generateWorld: no provider for the ${m.bank} bank of the Rhine (municipality ${m.id})`);
    }
  }

  const rowWidth = Math.max(6, padWidth(n * 16, 6));
  const rowId = (p: ProviderState, kind: 'cs' | 'en' | 'ce' | 'in'): string => `${p.prefix}-${kind}-${padNum(++p.seq[kind], rowWidth)}`;

  // -- quotas --------------------------------------------------------------------
  const genderQ = quota(rng, n, GENDER_WEIGHTS);
  const residenceQ = quota(rng, n, RESIDENCE_WEIGHTS);
  const municipalityQ = quota(
    rng,
    n,
    MUNICIPALITIES.map((m) => m.population),
  );
  const f2Q = quotaFlags(rng, n, SHARE_F2);
  const f3Q = quotaFlags(rng, n, SHARE_F3);
  const f4Q = quotaFlags(rng, n, SHARE_F4);
  const outcomeQ = quota(rng, n, OUTCOME_WEIGHTS);
  const minijobQ = quotaFlags(rng, n, SHARE_MINIJOB);
  const internshipQ = quota(rng, n, INTERNSHIP_WEIGHTS);
  const licenceQ = quotaFlags(rng, n, SHARE_LICENCE);

  // Participants who stay without exit: chosen among those without a main outcome.
  const activeQ = new Uint8Array(n);
  {
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) if (outcomeQ[i] === Outcome.NONE) candidates.push(i);
    for (const i of sample(rng, candidates, Math.round(n * SHARE_ACTIVE_AT_END))) activeQ[i] = 1;
  }

  // Language exams: most F2 participants take one, the rest come from everyone else.
  const examQ = new Uint8Array(n);
  {
    const target = Math.round(n * SHARE_LANGUAGE_EXAM);
    const inF2: number[] = [];
    const others: number[] = [];
    for (let i = 0; i < n; i++) (f2Q[i] ? inF2 : others).push(i);
    const fromF2 = Math.min(target, Math.round(inF2.length * SHARE_LANGUAGE_EXAM_IN_F2));
    for (const i of sample(rng, inF2, fromF2)) examQ[i] = 1;
    for (const i of sample(rng, others, target - fromF2)) examQ[i] = 1;
  }

  const referralCount = n + countFlags(f2Q) + countFlags(f3Q) + countFlags(f4Q);
  const referralWidth = padWidth(referralCount, 5);
  const participantWidth = padWidth(n, 4);

  const participants: WorldParticipant[] = new Array(n);
  const referrals: WorldReferral[] = [];
  const placements: WorldPlacement[] = [];
  const participantCases: CaseInfo[][] = new Array(n);
  /** The placement occupation/employer of the main outcome, to align an earlier internship. */
  const mainJob: ({ occ: Occupation; employer: string } | null)[] = new Array(n).fill(null);
  const enteredDays = new Int32Array(n);
  let referralSeq = 0;

  // Placement ids need the final count for padding; build rows first, number afterwards.
  type PendingPlacement = Omit<WorldPlacement, 'id'>;
  const pendingPlacements: PendingPlacement[] = [];

  for (let i = 0; i < n; i++) {
    const id = `TN-${padNum(i + 1, participantWidth)}`;
    const gender = GENDERS[genderQ[i]];
    const residenceStatus = RESIDENCE[residenceQ[i]];
    const municipality = MUNICIPALITIES[municipalityQ[i]];
    const providerIndex = providerByBank.get(municipality.bank)!;
    const provider = providers[providerIndex];

    const givenPool =
      gender === Gender.FEMALE ? GIVEN_FEMALE : gender === Gender.MALE ? GIVEN_MALE : chance(rng, 0.5) ? GIVEN_FEMALE : GIVEN_MALE;
    const givenName = pick(rng, givenPool);
    const familyName = pick(rng, FAMILY);

    // Entry and birth date: age in full years on entry is 18..27.
    const entered = between(rng, D_START, D_LAST_ENTRY);
    const age = AGE_PICK(rng);
    const [ey, em, ed] = ymdOf(entered);
    let birth: number;
    if (chance(rng, 0.08)) {
      // Registered with the placeholder date 1 January (unknown exact birth date).
      birth = dayOf(ey - age, 1, 1);
    } else {
      const hi = dayOf(ey - age, em, ed);
      const lo = dayOf(ey - age - 1, em, ed) + 1;
      birth = between(rng, lo, hi);
    }

    // Exit and main outcome.
    const outcome = outcomeQ[i];
    let exited = -1;
    let exitReason: ExitReason | null = null;
    let office = Office.AGENTUR_FUER_ARBEIT;
    if (residenceStatus === ResidenceStatus.AUFENTHALTSERLAUBNIS) office = Office.JOBCENTER;
    else if (residenceStatus === ResidenceStatus.OTHER && chance(rng, 0.4)) office = Office.JOBCENTER;

    if (outcome === Outcome.AUSBILDUNG || outcome === Outcome.EQ) {
      const start = trainingStart(rng, entered);
      exited = Math.max(start - 1, entered + 1);
      exitReason = ExitReason.TRAINING_STARTED;
      const occ = SKILLED_PICK(rng);
      const employer = employerName(rng, occ);
      mainJob[i] = { occ, employer };
      const months = outcome === Outcome.AUSBILDUNG ? (occ.months ?? 36) : between(rng, 6, 12);
      pendingPlacements.push({
        participantId: id,
        kind: outcome === Outcome.AUSBILDUNG ? PlacementKind.AUSBILDUNG : PlacementKind.EINSTIEGSQUALIFIZIERUNG,
        office,
        employerName: employer,
        kldbCode: occ.kldb,
        occupationTitle: occ.title,
        startsOn: fmt(start),
        endsOn: fmt(addMonths(start, months) - 1),
      });
    } else if (outcome === Outcome.BESCHAEFTIGUNG) {
      let start = entered + between(rng, 45, 640);
      const snapped = firstOfNextMonth(start);
      start = snapped <= D_END ? snapped : start;
      if (start > D_END) start = between(rng, entered + 1, D_END);
      exited = Math.max(start - 1, entered + 1);
      exitReason = ExitReason.EMPLOYMENT_STARTED;
      const occ = chance(rng, 0.25) ? SKILLED_PICK(rng) : HELPER_PICK(rng);
      const employer = employerName(rng, occ);
      mainJob[i] = { occ, employer };
      pendingPlacements.push({
        participantId: id,
        kind: PlacementKind.BESCHAEFTIGUNG,
        office,
        employerName: employer,
        kldbCode: occ.kldb,
        occupationTitle: occ.title,
        startsOn: fmt(start),
        endsOn: chance(rng, 0.4) ? fmt(addMonths(start, 12) - 1) : null,
      });
    } else if (outcome === Outcome.STUDIUM) {
      // Semester starts 1 April / 1 October; exit the day before.
      const start = semesterStart(rng, entered);
      exited = Math.max(start - 1, entered + 1);
      exitReason = ExitReason.STUDIES_STARTED;
    } else if (!activeQ[i]) {
      const candidate = entered + between(rng, 60, 720);
      if (candidate >= D_END) {
        exited = D_END;
        exitReason = ExitReason.PROGRAMME_ENDED;
      } else {
        exited = candidate;
        exitReason = OTHER_EXIT_PICK(rng);
      }
    }
    const last = exited >= 0 ? exited : D_END;

    if (minijobQ[i]) {
      const start = between(rng, Math.min(entered + 14, last), last);
      const occ = HELPER_PICK(rng);
      pendingPlacements.push({
        participantId: id,
        kind: PlacementKind.MINIJOB,
        office,
        employerName: employerName(rng, occ),
        kldbCode: occ.kldb,
        occupationTitle: occ.title,
        startsOn: fmt(start),
        endsOn: chance(rng, 0.5) ? fmt(start + between(rng, 60, 365)) : null,
      });
    }

    participants[i] = {
      id,
      givenName,
      familyName,
      birthDate: fmt(birth),
      gender,
      residenceStatus,
      municipalityId: municipality.id,
      enteredOn: fmt(entered),
      exitedOn: exited >= 0 ? fmt(exited) : null,
      exitReason,
    };
    enteredDays[i] = entered;

    // -- referrals and cases ------------------------------------------------------
    const cases: CaseInfo[] = [];
    participantCases[i] = cases;
    const negativeExit = exitReason !== null && NEGATIVE_EXITS.has(exitReason);

    {
      // F1 coaching: always, starts within two weeks of entry.
      const refId = `REF-${padNum(++referralSeq, referralWidth)}`;
      const started = Math.min(entered + int(rng, 15), last);
      const status = exited < 0 ? ReferralStatus.ACTIVE : negativeExit ? ReferralStatus.CANCELLED : ReferralStatus.COMPLETED;
      const ended = exited >= 0 ? exited : -1;
      referrals.push({
        id: refId,
        participantId: id,
        providerId: provider.ref.id,
        module: Module.F1_COACHING,
        referredOn: fmt(entered),
        startedOn: fmt(started),
        endedOn: ended >= 0 ? fmt(ended) : null,
        status,
      });
      cases.push(openCase(provider, providerIndex, refId, id, Module.F1_COACHING, started, ended, status));
    }

    const secondary: Module[] = [];
    if (f2Q[i]) secondary.push(Module.F2_QUALIFICATION_LANGUAGE);
    if (f3Q[i]) secondary.push(Module.F3_SCHOOL_CERTIFICATE);
    if (f4Q[i]) secondary.push(Module.F4_PREPARATORY_COURSES);
    for (const module of secondary) {
      const refId = `REF-${padNum(++referralSeq, referralWidth)}`;
      const span = last - entered;
      const referred = entered + int(rng, Math.min(Math.floor(span * 0.6), 180) + 1);
      const plannedStart = referred + between(rng, 3, 35);
      const [minDays, maxDays] = MODULE_DAYS[module];
      const duration = between(rng, minDays, maxDays);
      let started = -1;
      let ended = -1;
      let status: ReferralStatus;
      if (exited >= 0) {
        if (plannedStart > exited || chance(rng, 0.05)) {
          status = ReferralStatus.CANCELLED;
          ended = Math.min(plannedStart, exited);
        } else {
          started = plannedStart;
          const plannedEnd = started + duration;
          if (plannedEnd <= exited) {
            if (chance(rng, 0.1)) {
              status = ReferralStatus.CANCELLED;
              ended = started + int(rng, duration + 1);
            } else {
              status = ReferralStatus.COMPLETED;
              ended = plannedEnd;
            }
          } else {
            // Cut short by the exit: it ran until the programme ended, or most of it was done
            // before a regular exit; after a drop-out or a move it counts as cancelled.
            ended = exited;
            const regular = !negativeExit && (exitReason === ExitReason.PROGRAMME_ENDED || exited - started >= duration / 2);
            status = regular ? ReferralStatus.COMPLETED : ReferralStatus.CANCELLED;
          }
        }
      } else if (plannedStart > D_END || chance(rng, 0.2)) {
        status = ReferralStatus.REFERRED;
      } else {
        started = plannedStart;
        const plannedEnd = started + duration;
        if (plannedEnd <= D_END) {
          if (chance(rng, 0.1)) {
            status = ReferralStatus.CANCELLED;
            ended = started + int(rng, duration + 1);
          } else {
            status = ReferralStatus.COMPLETED;
            ended = plannedEnd;
          }
        } else {
          status = ReferralStatus.ACTIVE;
        }
      }
      referrals.push({
        id: refId,
        participantId: id,
        providerId: provider.ref.id,
        module,
        referredOn: fmt(referred),
        startedOn: started >= 0 ? fmt(started) : null,
        endedOn: ended >= 0 ? fmt(ended) : null,
        status,
      });
      if (started >= 0) cases.push(openCase(provider, providerIndex, refId, id, module, started, ended, status));
    }
  }

  // -- provider value rows ---------------------------------------------------------
  const completedEnrolments: (CompletedEnrolment[] | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const cases = participantCases[i];
    for (const c of cases) {
      const provider = providers[c.providerIndex];
      if (c.module === Module.F1_COACHING) {
        addCoachingSessions(rng, provider, c, rowId);
      } else {
        const done = addEnrolments(rng, provider, c, rowId, examQ[i] === 1);
        if (done.length > 0) (completedEnrolments[i] ??= []).push(...done);
      }
    }
    const internships = internshipQ[i];
    if (internships > 0) addInternships(rng, providers, cases, internships, mainJob[i], rowId);
  }

  // Course certificates: mostly for a completed F2/F4 course, some for workshops during coaching.
  const courseCertQ = new Uint8Array(n);
  {
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
  }

  // Licence titles as a shuffled quota; a forklift course leads to the forklift licence anyway.
  const licenceTitles = Array.from(quota(rng, countFlags(licenceQ), LICENCE_WEIGHTS), (k) => LICENCES[k]);
  let nextLicence = 0;

  // Certificates.
  for (let i = 0; i < n; i++) {
    const cases = participantCases[i];
    if (examQ[i]) {
      const c = findCase(cases, Module.F2_QUALIFICATION_LANGUAGE) ?? findCase(cases, Module.F4_PREPARATORY_COURSES) ?? cases[0];
      // Level and result are assigned below as quotas; placeholders here.
      addCertificate(providers, rowId, c, CertificateKind.LANGUAGE_EXAM, '', LanguageLevel.A1, ExamResult.PASSED, dateLate(rng, c));
    }
    if (courseCertQ[i]) {
      const done = completedEnrolments[i];
      const forCourse = done ? done.filter((e) => e.course.module !== Module.F3_SCHOOL_CERTIFICATE) : [];
      if (forCourse.length > 0) {
        const e = pick(rng, forCourse);
        const c = cases.find((x) => x.id === e.caseId)!;
        addCertificate(
          providers,
          rowId,
          c,
          CertificateKind.COURSE_CERTIFICATE,
          `Teilnahmezertifikat: ${e.course.title}`,
          null,
          null,
          e.completed,
        );
      } else {
        const c = cases[0];
        addCertificate(
          providers,
          rowId,
          c,
          CertificateKind.COURSE_CERTIFICATE,
          pick(rng, WORKSHOP_CERTIFICATES),
          null,
          null,
          dateWithin(rng, c),
        );
      }
    }
    if (licenceQ[i]) {
      const done = completedEnrolments[i];
      const forklift = done ? done.find((e) => e.course.template.forklift) : undefined;
      if (forklift) {
        const c = cases.find((x) => x.id === forklift.caseId)!;
        addCertificate(providers, rowId, c, CertificateKind.LICENCE, 'Gabelstaplerschein', null, null, forklift.completed);
      } else {
        const c = findCase(cases, Module.F4_PREPARATORY_COURSES) ?? findCase(cases, Module.F2_QUALIFICATION_LANGUAGE) ?? cases[0];
        addCertificate(providers, rowId, c, CertificateKind.LICENCE, licenceTitles[nextLicence++], null, null, dateLate(rng, c));
      }
    }
  }

  // Language exam levels and results as exact quotas over all exams.
  {
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

  // Hauptschulabschluss: ~60% of F3 cases, completed cases first.
  {
    const f3: CaseInfo[] = [];
    for (let i = 0; i < n; i++) for (const c of participantCases[i]) if (c.module === Module.F3_SCHOOL_CERTIFICATE) f3.push(c);
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
      addCertificate(
        providers,
        rowId,
        c,
        CertificateKind.SCHOOL_CERTIFICATE,
        title,
        null,
        ExamResult.PASSED,
        c.closed >= 0 ? c.closed : dateLate(rng, c),
      );
    }
    for (const c of failedCases) {
      addCertificate(
        providers,
        rowId,
        c,
        CertificateKind.SCHOOL_CERTIFICATE,
        'Hauptschulabschluss (Externenprüfung)',
        null,
        ExamResult.FAILED,
        dateLate(rng, c),
      );
    }
  }

  // -- placements ----------------------------------------------------------------------
  const placementWidth = padWidth(pendingPlacements.length, 5);
  pendingPlacements.forEach((p, k) => placements.push({ id: `PL-${padNum(k + 1, placementWidth)}`, ...p }));

  // -- consents --------------------------------------------------------------------------
  const consentScopes: readonly [ConsentScope, number][] = [
    [ConsentScope.PROVIDER_EXCHANGE, 0.95],
    [ConsentScope.AGENTUR_EXCHANGE, 0.95],
    [ConsentScope.REPORTING, 0.9],
  ];
  const scopeFlags = consentScopes.map(([, p]) => quotaFlags(rng, n, p));
  let consentCount = 0;
  for (const f of scopeFlags) consentCount += countFlags(f);
  const withdrawnQ = quotaFlags(rng, consentCount, 0.03);
  const consentWidth = padWidth(consentCount, 5);
  const consents: WorldConsent[] = [];
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < consentScopes.length; s++) {
      if (!scopeFlags[s][i]) continue;
      const k = consents.length;
      const granted = enteredDays[i];
      consents.push({
        id: `CON-${padNum(k + 1, consentWidth)}`,
        participantId: participants[i].id,
        scope: consentScopes[s][0],
        grantedOn: fmt(granted),
        withdrawnOn: withdrawnQ[k] ? fmt(between(rng, granted + 1, Math.min(granted + 400, D_END))) : null,
      });
    }
  }

  const providerWorlds: Record<string, ProviderWorld> = {};
  for (const p of providers) providerWorlds[p.ref.id] = p.world;

  return {
    seed,
    participants,
    referrals,
    consents,
    providers: providerWorlds,
    placements,
  };
}

// ---------------------------------------------------------------------------
// Generator helpers
// ---------------------------------------------------------------------------

/** Training usually starts on 1 August or 1 September, at least two months after entry. */
function trainingStart(rng: Rng, entered: number): number {
  const candidates: number[] = [];
  for (const y of [2021, 2022, 2023]) {
    for (const m of [8, 9]) {
      const d = dayOf(y, m, 1);
      if (d >= entered + 60 && d <= D_END) candidates.push(d);
    }
  }
  if (candidates.length > 0) {
    // Mostly the first season after entry, sometimes the next one.
    const k = Math.min(candidates.length - 1, chance(rng, 0.7) ? int(rng, 2) : between(rng, 2, 3));
    return candidates[k];
  }
  return between(rng, Math.min(entered + 14, D_END), D_END);
}

function semesterStart(rng: Rng, entered: number): number {
  const candidates: number[] = [];
  for (const y of [2021, 2022, 2023]) {
    for (const m of [4, 10]) {
      const d = dayOf(y, m, 1);
      if (d >= entered + 90 && d <= D_END) candidates.push(d);
    }
  }
  if (candidates.length > 0) return candidates[Math.min(candidates.length - 1, int(rng, 3))];
  return between(rng, Math.min(entered + 14, D_END), D_END);
}

function openCase(
  provider: ProviderState,
  providerIndex: number,
  id: string,
  participantId: string,
  module: Module,
  opened: number,
  closed: number,
  status: ReferralStatus,
): CaseInfo {
  provider.world.cases.push({
    id,
    participantId,
    module,
    openedOn: fmt(opened),
    closedOn: closed >= 0 ? fmt(closed) : null,
  });
  return { providerIndex, module, id, opened, closed, status };
}

function caseEnd(c: CaseInfo): number {
  return c.closed >= 0 ? c.closed : D_END;
}

function findCase(cases: CaseInfo[], module: Module): CaseInfo | undefined {
  return cases.find((c) => c.module === module);
}

/** A day within the case. */
function dateWithin(rng: Rng, c: CaseInfo): number {
  return between(rng, c.opened, caseEnd(c));
}

/** A day in the second half of the case (exams come at the end). */
function dateLate(rng: Rng, c: CaseInfo): number {
  const end = caseEnd(c);
  return between(rng, c.opened + Math.floor((end - c.opened) / 2), end);
}

type RowId = (p: ProviderState, kind: 'cs' | 'en' | 'ce' | 'in') => string;

function addCoachingSessions(rng: Rng, provider: ProviderState, c: CaseInfo, rowId: RowId): void {
  const end = caseEnd(c);
  const span = end - c.opened;
  const count = Math.max(4, Math.min(15, Math.round(3 + span / 70 + rng() * 3)));
  const days: number[] = new Array(count);
  days[0] = c.opened;
  for (let k = 1; k < count; k++) days[k] = c.opened + int(rng, span + 1);
  days.sort((a, b) => a - b);
  const sessions = provider.world.coachingSessions;
  for (let k = 0; k < count; k++) {
    const topic = k === 0 ? CoachingTopic.ORIENTATION : TOPIC_PICK(rng);
    sessions.push({
      id: rowId(provider, 'cs'),
      caseId: c.id,
      heldOn: fmt(days[k]),
      durationMinutes: k === 0 ? 90 : pick(rng, SESSION_MINUTES),
      topic,
      notes: k === 0 ? 'Erstgespräch geführt, Ziele vereinbart' : pick(rng, NOTES[topic]),
    });
  }
}

function addEnrolments(rng: Rng, provider: ProviderState, c: CaseInfo, rowId: RowId, wantsLanguage: boolean): CompletedEnrolment[] {
  const done: CompletedEnrolment[] = [];
  const end = caseEnd(c);
  const courses = provider.coursesByModule.get(c.module) ?? [];
  if (courses.length === 0) return done;
  let enrolled = c.opened + int(rng, Math.min(15, end - c.opened + 1));
  const maxEnrolments = c.module === Module.F3_SCHOOL_CERTIFICATE ? 1 : chance(rng, 0.3) ? 2 : 1;
  let previous: CourseInfo | null = null;
  for (let k = 0; k < maxEnrolments; k++) {
    let open = courses.filter((x) => x.starts <= enrolled && x !== previous);
    if (open.length === 0) break;
    if (wantsLanguage && k === 0) {
      const language = open.filter((x) => x.kind === CourseKind.LANGUAGE);
      if (language.length > 0) open = language;
    }
    const course = pick(rng, open);
    const plannedEnd = enrolled + between(rng, course.template.days[0], course.template.days[1]);
    let status: EnrolmentStatus;
    let completed = -1;
    if (c.closed >= 0) {
      if (plannedEnd <= c.closed) {
        if (c.status === ReferralStatus.CANCELLED && chance(rng, 0.5)) status = EnrolmentStatus.DROPPED;
        else {
          status = EnrolmentStatus.COMPLETED;
          completed = plannedEnd;
        }
      } else if (c.status === ReferralStatus.COMPLETED && c.closed - enrolled >= 0.6 * (plannedEnd - enrolled)) {
        // Cut short by the end of the case, but most of the course was done.
        status = EnrolmentStatus.COMPLETED;
        completed = c.closed;
      } else {
        status = EnrolmentStatus.DROPPED;
      }
    } else if (plannedEnd <= D_END) {
      status = EnrolmentStatus.COMPLETED;
      completed = plannedEnd;
    } else {
      status = EnrolmentStatus.ENROLLED;
    }
    provider.world.enrolments.push({
      id: rowId(provider, 'en'),
      caseId: c.id,
      courseId: course.id,
      enrolledOn: fmt(enrolled),
      completedOn: completed >= 0 ? fmt(completed) : null,
      status,
    });
    if (completed < 0) break;
    done.push({ providerIndex: c.providerIndex, caseId: c.id, course, completed });
    const next = completed + between(rng, 1, 14);
    if (next > end - 14) break;
    enrolled = next;
    previous = course;
  }
  return done;
}

function addInternships(
  rng: Rng,
  providers: ProviderState[],
  cases: CaseInfo[],
  count: number,
  mainJob: { occ: Occupation; employer: string } | null,
  rowId: RowId,
): void {
  // Internships belong to the preparatory case when there is one, else to coaching.
  const c = findCase(cases, Module.F4_PREPARATORY_COURSES) ?? cases[0];
  const provider = providers[c.providerIndex];
  const end = caseEnd(c);
  const segment = Math.floor((end - c.opened) / count);
  for (let k = 0; k < count; k++) {
    const segStart = c.opened + k * segment;
    const segEnd = k === count - 1 ? end : segStart + segment;
    const length = Math.min(between(rng, 10, 41), segEnd - segStart);
    const starts = between(rng, segStart, segEnd - length);
    // The last internship before a training contract is often with the same employer.
    const aligned = mainJob !== null && k === count - 1 && chance(rng, 0.6);
    const occ = aligned ? mainJob.occ : SKILLED_PICK(rng);
    provider.world.internships.push({
      id: rowId(provider, 'in'),
      caseId: c.id,
      employer: aligned ? mainJob.employer : employerName(rng, occ),
      occupation: occ.title,
      startsOn: fmt(starts),
      endsOn: fmt(starts + length),
    });
  }
}

function addCertificate(
  providers: ProviderState[],
  rowId: RowId,
  c: CaseInfo,
  kind: CertificateKind,
  title: string,
  level: LanguageLevel | null,
  result: ExamResult | null,
  issued: number,
): void {
  const provider = providers[c.providerIndex];
  provider.world.certificates.push({
    id: rowId(provider, 'ce'),
    caseId: c.id,
    kind,
    title,
    level,
    result,
    issuedOn: fmt(issued),
  });
}
