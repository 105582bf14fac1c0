/**
 * Each provider's part of the world: its course catalogue, the case files opened
 * for referrals, and the coaching sessions, enrolments and internships in them.
 */
import { CoachingTopic, CourseKind, EnrolmentStatus, Module, ReferralStatus } from '@durchstarten/contracts';
import { MUNICIPALITIES } from '@durchstarten/kreis';
import { PROGRAMME_END } from '@durchstarten/kreis';
import type { MainJob } from './agentur-part';
import { fmt } from './calendar';
import { NOTES, SESSION_MINUTES, TOPIC_PICK } from './coaching-notes';
import { COURSE_TEMPLATES, type CourseTemplate, LATER_COURSE_STARTS } from './courses';
import { padNum, padWidth, rowPrefix } from './ids';
import { employerName, SKILLED_PICK } from './occupations';
import { D_END, D_START } from './period';
import type { Quotas } from './quotas';
import { between, chance, int, pick, type Rng, sample } from './random';
import type { ProviderWorld } from './world';

export interface ProviderRef {
  id: string;
  bank: 'LEFT' | 'RIGHT';
}

export interface CaseInfo {
  providerIndex: number;
  module: Module;
  id: string;
  opened: number;
  /** -1 while open. */
  closed: number;
  status: ReferralStatus;
}

export interface CompletedEnrolment {
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

export interface ProviderState {
  ref: ProviderRef;
  world: ProviderWorld;
  prefix: string;
  coursesByModule: Map<Module, CourseInfo[]>;
  seq: { cs: number; en: number; ce: number; in: number };
  rowWidth: number;
}

/** Every provider with its catalogue, in registry order; `participants` sizes the row ids. */
export function setUpProviders(rng: Rng, refs: ProviderRef[], participants: number): ProviderState[] {
  const rowWidth = Math.max(6, padWidth(participants * 16, 6));
  return refs.map((ref) => {
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
      rowWidth,
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

/**
 * The providers serving each bank of the Rhine, in registry order. The programme had one
 * per bank; where the registry lists more, the bank's participants are shared among them
 * in turn (no random draw, so the world of one provider per bank stays the same).
 */
export function providerIndexByBank(providers: ProviderState[], participants: number): Map<string, number[]> {
  const providerByBank = new Map<string, number[]>();
  providers.forEach((p, i) => providerByBank.set(p.ref.bank, [...(providerByBank.get(p.ref.bank) ?? []), i]));
  for (const m of MUNICIPALITIES) {
    if (participants > 0 && !providerByBank.has(m.bank)) {
      throw new Error(`generateWorld: no provider for the ${m.bank} bank of the Rhine (municipality ${m.id})`);
    }
  }
  return providerByBank;
}

export function nextRowId(p: ProviderState, kind: 'cs' | 'en' | 'ce' | 'in'): string {
  return `${p.prefix}-${kind}-${padNum(++p.seq[kind], p.rowWidth)}`;
}

export function openCase(
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

export function caseEnd(c: CaseInfo): number {
  return c.closed >= 0 ? c.closed : D_END;
}

export function findCase(cases: CaseInfo[], module: Module): CaseInfo | undefined {
  return cases.find((c) => c.module === module);
}

/** A day within the case. */
export function dateWithin(rng: Rng, c: CaseInfo): number {
  return between(rng, c.opened, caseEnd(c));
}

/** A day in the second half of the case (exams come at the end). */
export function dateLate(rng: Rng, c: CaseInfo): number {
  const end = caseEnd(c);
  return between(rng, c.opened + Math.floor((end - c.opened) / 2), end);
}

/**
 * Coaching sessions, enrolments and internships, participant by participant.
 * Returns each participant's completed enrolments (null for none), which certificates follow.
 */
export function addProviderRows(
  rng: Rng,
  providers: ProviderState[],
  participantCases: CaseInfo[][],
  quotas: Quotas,
  mainJobs: (MainJob | null)[],
): (CompletedEnrolment[] | null)[] {
  const n = participantCases.length;
  const completedEnrolments: (CompletedEnrolment[] | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const cases = participantCases[i];
    for (const c of cases) {
      const provider = providers[c.providerIndex];
      if (c.module === Module.F1_COACHING) {
        addCoachingSessions(rng, provider, c);
      } else {
        const done = addEnrolments(rng, provider, c, quotas.languageExam[i] === 1);
        if (done.length > 0) (completedEnrolments[i] ??= []).push(...done);
      }
    }
    const internships = quotas.internships[i];
    if (internships > 0) addInternships(rng, providers, cases, internships, mainJobs[i]);
  }
  return completedEnrolments;
}

function addCoachingSessions(rng: Rng, provider: ProviderState, c: CaseInfo): void {
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
      id: nextRowId(provider, 'cs'),
      caseId: c.id,
      heldOn: fmt(days[k]),
      durationMinutes: k === 0 ? 90 : pick(rng, SESSION_MINUTES),
      topic,
      notes: k === 0 ? 'Erstgespräch geführt, Ziele vereinbart' : pick(rng, NOTES[topic]),
    });
  }
}

function addEnrolments(rng: Rng, provider: ProviderState, c: CaseInfo, wantsLanguage: boolean): CompletedEnrolment[] {
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
    const { status, completed } = enrolmentOutcome(rng, c, enrolled, plannedEnd);
    provider.world.enrolments.push({
      id: nextRowId(provider, 'en'),
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

/** How an enrolment ends, given how its case ends; `completed` is -1 unless completed. */
function enrolmentOutcome(rng: Rng, c: CaseInfo, enrolled: number, plannedEnd: number): { status: EnrolmentStatus; completed: number } {
  if (c.closed >= 0) {
    if (plannedEnd <= c.closed) {
      if (c.status === ReferralStatus.CANCELLED && chance(rng, 0.5)) return { status: EnrolmentStatus.DROPPED, completed: -1 };
      return { status: EnrolmentStatus.COMPLETED, completed: plannedEnd };
    }
    if (c.status === ReferralStatus.COMPLETED && c.closed - enrolled >= 0.6 * (plannedEnd - enrolled)) {
      // Cut short by the end of the case, but most of the course was done.
      return { status: EnrolmentStatus.COMPLETED, completed: c.closed };
    }
    return { status: EnrolmentStatus.DROPPED, completed: -1 };
  }
  if (plannedEnd <= D_END) return { status: EnrolmentStatus.COMPLETED, completed: plannedEnd };
  return { status: EnrolmentStatus.ENROLLED, completed: -1 };
}

function addInternships(rng: Rng, providers: ProviderState[], cases: CaseInfo[], count: number, mainJob: MainJob | null): void {
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
      id: nextRowId(provider, 'in'),
      caseId: c.id,
      employer: aligned ? mainJob.employer : employerName(rng, occ),
      occupation: occ.title,
      startsOn: fmt(starts),
      endsOn: fmt(starts + length),
    });
  }
}
