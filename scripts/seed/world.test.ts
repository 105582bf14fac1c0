import {
  CertificateKind,
  CourseKind,
  EnrolmentStatus,
  LanguageLevel,
  Module,
  PlacementKind,
  ProviderRegistry,
  providerRegistryPath,
  ReferralStatus,
} from '@durchstarten/contracts';
import { performance } from 'node:perf_hooks';
import { ConsentScope, ExitReason, Gender, ResidenceStatus } from '@durchstarten/kreis';
import { Office } from '@durchstarten/agentur';
import { MUNICIPALITIES } from '@durchstarten/kreis';
import { generateWorld, World, WorldCase, WorldCourse, WorldParticipant, WorldReferral } from './world';

// Independent restatement of the rules; the tests do not reuse the generator's helpers.
const FIRST_ENTRY = '2021-03-01';
const LAST_ENTRY = '2023-09-30';
const END = '2023-10-31';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValidDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function ageInFullYears(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function share(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

/** Collects rule violations so that one failing test reports the first few, not thousands of expects. */
class Violations {
  readonly list: string[] = [];
  check(ok: boolean, message: () => string): void {
    if (!ok && this.list.length < 50) this.list.push(message());
  }
}

function expectNone(v: Violations): void {
  expect(v.list).toEqual([]);
}

/** Indexes the world once per world under test. */
class Index {
  readonly participants = new Map<string, WorldParticipant>();
  readonly referrals = new Map<string, WorldReferral>();
  readonly referralsByParticipant = new Map<string, WorldReferral[]>();
  readonly cases = new Map<string, Map<string, WorldCase>>();
  readonly courses = new Map<string, Map<string, WorldCourse>>();
  readonly names = new Set<string>();
  /** Municipality to the providers serving its bank, in registry order. */
  readonly providersOfMunicipality = new Map<string, string[]>();

  constructor(
    readonly world: World,
    providers: { id: string; bank: string }[],
  ) {
    for (const p of world.participants) {
      this.participants.set(p.id, p);
      this.names.add(p.givenName);
      this.names.add(p.familyName);
    }
    for (const r of world.referrals) {
      this.referrals.set(r.id, r);
      const list = this.referralsByParticipant.get(r.participantId) ?? [];
      list.push(r);
      this.referralsByParticipant.set(r.participantId, list);
    }
    for (const [providerId, pw] of Object.entries(world.providers)) {
      this.cases.set(providerId, new Map(pw.cases.map((c) => [c.id, c])));
      this.courses.set(providerId, new Map(pw.courses.map((c) => [c.id, c])));
    }
    for (const m of MUNICIPALITIES) {
      this.providersOfMunicipality.set(
        m.id,
        providers.filter((x) => x.bank === m.bank).map((x) => x.id),
      );
    }
  }
}

const REGISTRY = [...ProviderRegistry.fromFile(providerRegistryPath()).providers];

// ---------------------------------------------------------------------------
// Rule checks, shared by every world under test
// ---------------------------------------------------------------------------

function checkParticipants(ix: Index, n: number): Violations {
  const v = new Violations();
  const w = ix.world;
  v.check(w.participants.length === n, () => `expected ${n} participants, got ${w.participants.length}`);
  const width = Math.max(4, String(n).length);
  const municipalityIds = new Set(MUNICIPALITIES.map((m) => m.id));
  const seen = new Set<string>();
  w.participants.forEach((p, k) => {
    v.check(p.id === `TN-${String(k + 1).padStart(width, '0')}`, () => `participant ${k} has id ${p.id}`);
    v.check(!seen.has(p.id), () => `duplicate participant ${p.id}`);
    seen.add(p.id);
    v.check(
      /^[A-Z][A-Za-z' -]+$/.test(p.givenName) && /^[A-Z][A-Za-z' -]+$/.test(p.familyName),
      () => `${p.id} name ${p.givenName} ${p.familyName}`,
    );
    v.check(Object.values(Gender).includes(p.gender), () => `${p.id} gender ${p.gender}`);
    v.check(Object.values(ResidenceStatus).includes(p.residenceStatus), () => `${p.id} residence ${p.residenceStatus}`);
    v.check(municipalityIds.has(p.municipalityId), () => `${p.id} municipality ${p.municipalityId}`);
    v.check(isValidDate(p.birthDate) && isValidDate(p.enteredOn), () => `${p.id} bad dates ${p.birthDate} ${p.enteredOn}`);
    v.check(p.enteredOn >= FIRST_ENTRY && p.enteredOn <= LAST_ENTRY, () => `${p.id} entered ${p.enteredOn}`);
    const age = ageInFullYears(p.birthDate, p.enteredOn);
    v.check(age >= 18 && age <= 27, () => `${p.id} is ${age} on entry (${p.birthDate} / ${p.enteredOn})`);
    v.check((p.exitedOn === null) === (p.exitReason === null), () => `${p.id} exit ${p.exitedOn} / ${p.exitReason}`);
    if (p.exitedOn !== null) {
      v.check(isValidDate(p.exitedOn), () => `${p.id} exit date ${p.exitedOn}`);
      v.check(p.exitedOn > p.enteredOn && p.exitedOn <= END, () => `${p.id} exited ${p.exitedOn} (entered ${p.enteredOn})`);
      v.check(Object.values(ExitReason).includes(p.exitReason!), () => `${p.id} exit reason ${p.exitReason}`);
    }
    if (p.exitReason === ExitReason.PROGRAMME_ENDED) v.check(p.exitedOn === END, () => `${p.id} PROGRAMME_ENDED on ${p.exitedOn}`);
  });
  return v;
}

function checkReferrals(ix: Index): Violations {
  const v = new Violations();
  const w = ix.world;
  const width = Math.max(5, String(w.referrals.length).length);
  const seen = new Set<string>();
  w.referrals.forEach((r, k) => {
    v.check(r.id === `REF-${String(k + 1).padStart(width, '0')}`, () => `referral ${k} has id ${r.id}`);
    v.check(!seen.has(r.id), () => `duplicate referral ${r.id}`);
    seen.add(r.id);
    const p = ix.participants.get(r.participantId);
    v.check(p !== undefined, () => `${r.id} participant ${r.participantId} missing`);
    if (!p) return;
    v.check(
      (ix.providersOfMunicipality.get(p.municipalityId) ?? []).includes(r.providerId),
      () => `${r.id} goes to ${r.providerId}, which does not serve the bank of ${p.municipalityId}`,
    );
    v.check(Object.values(Module).includes(r.module), () => `${r.id} module ${r.module}`);
    v.check(
      isValidDate(r.referredOn) && r.referredOn >= p.enteredOn && r.referredOn <= END,
      () => `${r.id} referred ${r.referredOn}, entered ${p.enteredOn}`,
    );
    const last = p.exitedOn ?? END;
    v.check(r.referredOn <= last, () => `${r.id} referred ${r.referredOn} after exit ${last}`);
    if (r.startedOn !== null) {
      v.check(isValidDate(r.startedOn) && r.startedOn >= r.referredOn && r.startedOn <= last, () => `${r.id} started ${r.startedOn}`);
    }
    if (r.endedOn !== null) {
      v.check(isValidDate(r.endedOn) && r.endedOn >= r.referredOn && r.endedOn <= last, () => `${r.id} ended ${r.endedOn}`);
      if (r.startedOn !== null) v.check(r.endedOn >= r.startedOn, () => `${r.id} ended ${r.endedOn} before start ${r.startedOn}`);
    }
    switch (r.status) {
      case ReferralStatus.REFERRED:
        v.check(r.startedOn === null && r.endedOn === null, () => `${r.id} REFERRED with dates ${r.startedOn} ${r.endedOn}`);
        break;
      case ReferralStatus.ACTIVE:
        v.check(r.startedOn !== null && r.endedOn === null, () => `${r.id} ACTIVE with dates ${r.startedOn} ${r.endedOn}`);
        break;
      case ReferralStatus.COMPLETED:
        v.check(r.startedOn !== null && r.endedOn !== null, () => `${r.id} COMPLETED with dates ${r.startedOn} ${r.endedOn}`);
        break;
      case ReferralStatus.CANCELLED:
        v.check(r.endedOn !== null, () => `${r.id} CANCELLED without end`);
        break;
      default:
        v.check(false, () => `${r.id} status ${r.status}`);
    }
    if (p.exitedOn !== null) {
      v.check(
        (r.status === ReferralStatus.COMPLETED || r.status === ReferralStatus.CANCELLED) && r.endedOn !== null && r.endedOn <= p.exitedOn,
        () => `${r.id} of exited ${p.id} is ${r.status} ending ${r.endedOn}`,
      );
    }
  });
  for (const p of w.participants) {
    const list = ix.referralsByParticipant.get(p.id) ?? [];
    const f1 = list.filter((r) => r.module === Module.F1_COACHING);
    v.check(f1.length === 1, () => `${p.id} has ${f1.length} F1 referrals`);
    v.check(f1.length === 0 || f1[0].startedOn !== null, () => `${p.id} coaching never started`);
    const modules = list.map((r) => r.module);
    v.check(new Set(modules).size === modules.length, () => `${p.id} referred twice to one module`);
    v.check(new Set(list.map((r) => r.providerId)).size <= 1, () => `${p.id} referred to several providers`);
  }
  return v;
}

function checkCases(ix: Index): Violations {
  const v = new Violations();
  const w = ix.world;
  for (const [providerId, pw] of Object.entries(w.providers)) {
    const ids = new Set<string>();
    for (const c of pw.cases) {
      v.check(!ids.has(c.id), () => `${providerId} duplicate case ${c.id}`);
      ids.add(c.id);
      const r = ix.referrals.get(c.id);
      v.check(r !== undefined, () => `${providerId} case ${c.id} has no referral`);
      if (!r) continue;
      v.check(r.providerId === providerId, () => `${providerId} case ${c.id} belongs to a referral to ${r.providerId}`);
      v.check(
        r.startedOn !== null && r.status !== ReferralStatus.REFERRED,
        () => `${providerId} case ${c.id} for a referral that never started`,
      );
      v.check(c.participantId === r.participantId && c.module === r.module, () => `${providerId} case ${c.id} differs from its referral`);
      v.check(
        c.openedOn === r.startedOn && c.closedOn === r.endedOn,
        () => `${providerId} case ${c.id} dates ${c.openedOn}-${c.closedOn} vs ${r.startedOn}-${r.endedOn}`,
      );
    }
  }
  for (const r of w.referrals) {
    const has = ix.cases.get(r.providerId)?.has(r.id) ?? false;
    v.check(has === (r.startedOn !== null), () => `referral ${r.id} (${r.status}, started ${r.startedOn}) case present: ${has}`);
  }
  return v;
}

const KIND_MODULE: Record<string, Module> = {
  [CourseKind.LANGUAGE]: Module.F2_QUALIFICATION_LANGUAGE,
  [CourseKind.QUALIFICATION]: Module.F2_QUALIFICATION_LANGUAGE,
  [CourseKind.SCHOOL_CERTIFICATE]: Module.F3_SCHOOL_CERTIFICATE,
  [CourseKind.PREPARATORY]: Module.F4_PREPARATORY_COURSES,
  [CourseKind.INTEGRATION]: Module.F4_PREPARATORY_COURSES,
};

function checkCoursesAndEnrolments(ix: Index): Violations {
  const v = new Violations();
  for (const [providerId, pw] of Object.entries(ix.world.providers)) {
    v.check(pw.courses.length >= 8 && pw.courses.length <= 14, () => `${providerId} has ${pw.courses.length} courses`);
    const ids = new Set<string>();
    for (const c of pw.courses) {
      v.check(c.id.startsWith(`${providerId.toUpperCase()}-C`), () => `${providerId} course id ${c.id}`);
      v.check(!ids.has(c.id), () => `${providerId} duplicate course ${c.id}`);
      ids.add(c.id);
      v.check(c.title.trim().length > 5, () => `${c.id} title '${c.title}'`);
      v.check(KIND_MODULE[c.kind] === c.module, () => `${c.id} kind ${c.kind} in module ${c.module}`);
      v.check(isValidDate(c.startsOn) && isValidDate(c.endsOn) && c.startsOn <= c.endsOn, () => `${c.id} dates ${c.startsOn}-${c.endsOn}`);
    }
    for (const m of [Module.F2_QUALIFICATION_LANGUAGE, Module.F3_SCHOOL_CERTIFICATE, Module.F4_PREPARATORY_COURSES]) {
      v.check(
        pw.courses.some((c) => c.module === m),
        () => `${providerId} has no course for ${m}`,
      );
    }
    const cases = ix.cases.get(providerId)!;
    const courses = ix.courses.get(providerId)!;
    for (const e of pw.enrolments) {
      const c = cases.get(e.caseId);
      const course = courses.get(e.courseId);
      v.check(c !== undefined, () => `${e.id} case ${e.caseId} not at ${providerId}`);
      v.check(course !== undefined, () => `${e.id} course ${e.courseId} not in ${providerId}'s catalogue`);
      if (!c || !course) continue;
      v.check(
        course.module === c.module && c.module !== Module.F1_COACHING,
        () => `${e.id} course module ${course.module} vs case ${c.module}`,
      );
      const caseEnd = c.closedOn ?? END;
      v.check(
        isValidDate(e.enrolledOn) && e.enrolledOn >= c.openedOn && e.enrolledOn <= caseEnd,
        () => `${e.id} enrolled ${e.enrolledOn} outside case ${c.openedOn}-${caseEnd}`,
      );
      v.check(
        e.enrolledOn >= course.startsOn && e.enrolledOn <= course.endsOn,
        () => `${e.id} enrolled ${e.enrolledOn} outside course ${course.startsOn}-${course.endsOn}`,
      );
      if (e.status === EnrolmentStatus.COMPLETED) {
        v.check(e.completedOn !== null && isValidDate(e.completedOn), () => `${e.id} completed without date`);
        if (e.completedOn !== null) {
          v.check(
            e.completedOn >= e.enrolledOn && e.completedOn <= caseEnd && e.completedOn <= course.endsOn,
            () => `${e.id} completed ${e.completedOn}`,
          );
        }
      } else {
        v.check(e.completedOn === null, () => `${e.id} ${e.status} with completion ${e.completedOn}`);
      }
      if (e.status === EnrolmentStatus.ENROLLED) v.check(c.closedOn === null, () => `${e.id} still enrolled in closed case ${c.id}`);
      v.check(Object.values(EnrolmentStatus).includes(e.status), () => `${e.id} status ${e.status}`);
    }
  }
  return v;
}

function checkSessions(ix: Index): Violations {
  const v = new Violations();
  for (const [providerId, pw] of Object.entries(ix.world.providers)) {
    const cases = ix.cases.get(providerId)!;
    const perCase = new Map<string, number>();
    for (const s of pw.coachingSessions) {
      const c = cases.get(s.caseId);
      v.check(c !== undefined, () => `${s.id} case ${s.caseId} not at ${providerId}`);
      if (!c) continue;
      v.check(c.module === Module.F1_COACHING, () => `${s.id} in ${c.module} case`);
      v.check(
        isValidDate(s.heldOn) && s.heldOn >= c.openedOn && s.heldOn <= (c.closedOn ?? END),
        () => `${s.id} held ${s.heldOn} outside case`,
      );
      v.check(
        Number.isInteger(s.durationMinutes) && s.durationMinutes >= 15 && s.durationMinutes <= 180,
        () => `${s.id} lasts ${s.durationMinutes}`,
      );
      v.check(s.notes.trim().length > 0 && s.notes.length <= 80, () => `${s.id} notes '${s.notes}'`);
      const leaked = s.notes.split(/[\s,.;:()]+/).find((word) => ix.names.has(word));
      v.check(leaked === undefined, () => `${s.id} notes mention the name ${leaked}`);
      perCase.set(s.caseId, (perCase.get(s.caseId) ?? 0) + 1);
    }
    for (const c of pw.cases) {
      if (c.module !== Module.F1_COACHING) continue;
      const count = perCase.get(c.id) ?? 0;
      v.check(count >= 4 && count <= 15, () => `F1 case ${c.id} has ${count} sessions`);
    }
  }
  return v;
}

function checkCertificatesAndInternships(ix: Index): Violations {
  const v = new Violations();
  for (const [providerId, pw] of Object.entries(ix.world.providers)) {
    const cases = ix.cases.get(providerId)!;
    for (const cert of pw.certificates) {
      const c = cases.get(cert.caseId);
      v.check(c !== undefined, () => `${cert.id} case ${cert.caseId} not at ${providerId}`);
      if (!c) continue;
      v.check(Object.values(CertificateKind).includes(cert.kind), () => `${cert.id} kind ${cert.kind}`);
      v.check(cert.title.trim().length > 0, () => `${cert.id} without title`);
      v.check(
        isValidDate(cert.issuedOn) && cert.issuedOn >= c.openedOn && cert.issuedOn <= (c.closedOn ?? END),
        () => `${cert.id} issued ${cert.issuedOn} outside case ${c.openedOn}-${c.closedOn}`,
      );
      const isExam = cert.kind === CertificateKind.LANGUAGE_EXAM;
      v.check((cert.level !== null) === isExam, () => `${cert.id} ${cert.kind} level ${cert.level}`);
      v.check(
        (cert.result !== null) === (isExam || cert.kind === CertificateKind.SCHOOL_CERTIFICATE),
        () => `${cert.id} ${cert.kind} result ${cert.result}`,
      );
      if (isExam) {
        v.check(
          [LanguageLevel.A1, LanguageLevel.A2, LanguageLevel.B1, LanguageLevel.B2].includes(cert.level!),
          () => `${cert.id} level ${cert.level}`,
        );
      }
      if (cert.kind === CertificateKind.SCHOOL_CERTIFICATE)
        v.check(c.module === Module.F3_SCHOOL_CERTIFICATE, () => `${cert.id} school certificate in ${c.module} case`);
    }
    for (const it of pw.internships) {
      const c = cases.get(it.caseId);
      v.check(c !== undefined, () => `${it.id} case ${it.caseId} not at ${providerId}`);
      if (!c) continue;
      v.check(it.employer.trim().length > 0 && it.occupation.trim().length > 0, () => `${it.id} without employer/occupation`);
      v.check(isValidDate(it.startsOn) && isValidDate(it.endsOn) && it.startsOn <= it.endsOn, () => `${it.id} ${it.startsOn}-${it.endsOn}`);
      v.check(
        it.startsOn >= c.openedOn && it.endsOn <= (c.closedOn ?? END),
        () => `${it.id} ${it.startsOn}-${it.endsOn} outside case ${c.openedOn}-${c.closedOn}`,
      );
    }
  }
  return v;
}

function checkPlacements(ix: Index): Violations {
  const v = new Violations();
  const w = ix.world;
  const width = Math.max(5, String(w.placements.length).length);
  const byParticipant = new Map<string, typeof w.placements>();
  w.placements.forEach((pl, k) => {
    v.check(pl.id === `PL-${String(k + 1).padStart(width, '0')}`, () => `placement ${k} has id ${pl.id}`);
    const p = ix.participants.get(pl.participantId);
    v.check(p !== undefined, () => `${pl.id} participant ${pl.participantId} missing`);
    if (!p) return;
    v.check(
      Object.values(PlacementKind).includes(pl.kind) && Object.values(Office).includes(pl.office),
      () => `${pl.id} ${pl.kind} ${pl.office}`,
    );
    v.check(/^\d{5}$/.test(pl.kldbCode), () => `${pl.id} KldB ${pl.kldbCode}`);
    v.check(pl.employerName.trim().length > 0 && pl.occupationTitle.trim().length > 0, () => `${pl.id} without employer/occupation`);
    v.check(
      isValidDate(pl.startsOn) && pl.startsOn >= p.enteredOn && pl.startsOn <= END,
      () => `${pl.id} starts ${pl.startsOn}, entered ${p.enteredOn}`,
    );
    v.check(pl.endsOn === null || (isValidDate(pl.endsOn) && pl.endsOn >= pl.startsOn), () => `${pl.id} ends ${pl.endsOn}`);
    if (p.residenceStatus === ResidenceStatus.AUFENTHALTSERLAUBNIS)
      v.check(pl.office === Office.JOBCENTER, () => `${pl.id} ${p.residenceStatus} at ${pl.office}`);
    if (p.residenceStatus === ResidenceStatus.DULDUNG || p.residenceStatus === ResidenceStatus.GESTATTUNG) {
      v.check(pl.office === Office.AGENTUR_FUER_ARBEIT, () => `${pl.id} ${p.residenceStatus} at ${pl.office}`);
    }
    const list = byParticipant.get(p.id) ?? [];
    list.push(pl);
    byParticipant.set(p.id, list);
  });
  const training = new Set<string>([PlacementKind.AUSBILDUNG, PlacementKind.EINSTIEGSQUALIFIZIERUNG]);
  for (const p of w.participants) {
    const list = byParticipant.get(p.id) ?? [];
    const startsAtExit = (kinds: Set<string>) =>
      p.exitedOn !== null &&
      list.some((pl) => kinds.has(pl.kind) && (pl.startsOn === p.exitedOn || pl.startsOn === addDays(p.exitedOn!, 1)));
    if (p.exitReason === ExitReason.TRAINING_STARTED)
      v.check(startsAtExit(training), () => `${p.id} TRAINING_STARTED without matching placement`);
    if (p.exitReason === ExitReason.EMPLOYMENT_STARTED) {
      v.check(startsAtExit(new Set([PlacementKind.BESCHAEFTIGUNG])), () => `${p.id} EMPLOYMENT_STARTED without matching placement`);
    }
    for (const pl of list) {
      if (training.has(pl.kind))
        v.check(p.exitReason === ExitReason.TRAINING_STARTED, () => `${pl.id} ${pl.kind} but ${p.id} exit ${p.exitReason}`);
      if (pl.kind === PlacementKind.BESCHAEFTIGUNG)
        v.check(p.exitReason === ExitReason.EMPLOYMENT_STARTED, () => `${pl.id} ${pl.kind} but ${p.id} exit ${p.exitReason}`);
    }
  }
  return v;
}

function checkConsents(ix: Index): Violations {
  const v = new Violations();
  const w = ix.world;
  const width = Math.max(5, String(w.consents.length).length);
  const scopes = new Map<string, Set<string>>();
  w.consents.forEach((c, k) => {
    v.check(c.id === `CON-${String(k + 1).padStart(width, '0')}`, () => `consent ${k} has id ${c.id}`);
    const p = ix.participants.get(c.participantId);
    v.check(p !== undefined, () => `${c.id} participant ${c.participantId} missing`);
    if (!p) return;
    v.check(Object.values(ConsentScope).includes(c.scope), () => `${c.id} scope ${c.scope}`);
    const set = scopes.get(p.id) ?? new Set<string>();
    v.check(!set.has(c.scope), () => `${p.id} granted ${c.scope} twice`);
    set.add(c.scope);
    scopes.set(p.id, set);
    v.check(c.grantedOn === p.enteredOn, () => `${c.id} granted ${c.grantedOn}, entered ${p.enteredOn}`);
    if (c.withdrawnOn !== null) {
      v.check(
        isValidDate(c.withdrawnOn) && c.withdrawnOn > c.grantedOn && c.withdrawnOn <= END,
        () => `${c.id} withdrawn ${c.withdrawnOn}`,
      );
    }
  });
  return v;
}

function checkIds(ix: Index): Violations {
  const v = new Violations();
  const all = new Set<string>();
  for (const [providerId, pw] of Object.entries(ix.world.providers)) {
    for (const rows of [pw.coachingSessions, pw.enrolments, pw.certificates, pw.internships] as { id: string }[][]) {
      for (const r of rows) {
        v.check(
          typeof r.id === 'string' && r.id.length > 0 && r.id.length <= 40,
          () => `${providerId} row id '${r.id}' length ${r.id.length}`,
        );
        v.check(!all.has(r.id), () => `row id ${r.id} is not unique`);
        all.add(r.id);
      }
    }
  }
  return v;
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('generateWorld determinism', () => {
  it('returns a deep-equal world for the same options', () => {
    const a = generateWorld();
    const b = generateWorld();
    expect(b).toEqual(a);
    expect(generateWorld({ participants: 500, seed: 7 })).toEqual(generateWorld({ participants: 500, seed: 7 }));
  });

  it('returns a different world for a different seed', () => {
    const a = generateWorld({ seed: 1 });
    const b = generateWorld({ seed: 2 });
    expect(a.seed).toBe(1);
    expect(b.seed).toBe(2);
    expect(b).not.toEqual(a);
    const namesA = a.participants.map((p) => `${p.givenName} ${p.familyName} ${p.birthDate}`);
    const namesB = b.participants.map((p) => `${p.givenName} ${p.familyName} ${p.birthDate}`);
    expect(namesB).not.toEqual(namesA);
  });

  it('uses the documented defaults', () => {
    const w = generateWorld();
    expect(w.seed).toBe(20211101);
    expect(w.participants).toHaveLength(380);
    expect(Object.keys(w.providers).sort()).toEqual(REGISTRY.map((p) => p.id).sort());
  });

  it('uses neither Math.random nor the clock, and prints nothing', () => {
    const spies = [
      jest.spyOn(Math, 'random').mockImplementation(() => {
        throw new Error('Math.random used');
      }),
      jest.spyOn(Date, 'now').mockImplementation(() => {
        throw new Error('Date.now used');
      }),
      jest.spyOn(performance, 'now').mockImplementation(() => {
        throw new Error('performance.now used');
      }),
    ];
    const out = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => undefined));
    try {
      const w = generateWorld({ participants: 200, seed: 3 });
      expect(w.participants).toHaveLength(200);
      for (const s of out) expect(s).not.toHaveBeenCalled();
    } finally {
      for (const s of [...spies, ...out]) s.mockRestore();
    }
  });
});

const WORLDS: [string, number, () => World][] = [
  ['default world (380)', 380, () => generateWorld()],
  ['world of 2000', 2000, () => generateWorld({ participants: 2000 })],
];

describe.each(WORLDS)('%s', (_label, n, make) => {
  let world: World;
  let ix: Index;

  beforeAll(() => {
    world = make();
    ix = new Index(world, REGISTRY);
  });

  describe('rules', () => {
    it('participants are eligible, with valid entry and exit', () => expectNone(checkParticipants(ix, n)));
    it('referrals: one F1 each, a provider of the bank, consistent dates and statuses', () => expectNone(checkReferrals(ix)));
    it('every started referral has exactly its case at its provider, and nothing else does', () => expectNone(checkCases(ix)));
    it('catalogues cover F2-F4; enrolments match module, catalogue and dates', () => expectNone(checkCoursesAndEnrolments(ix)));
    it('F1 cases have 4-15 coaching sessions inside the case, notes without names', () => expectNone(checkSessions(ix)));
    it('certificates and internships belong to a case and are dated inside it', () => expectNone(checkCertificatesAndInternships(ix)));
    it('placements reference participants, carry KldB codes and agree with exit reasons', () => expectNone(checkPlacements(ix)));
    it('consents are unique per scope, granted on entry, withdrawn later', () => expectNone(checkConsents(ix)));
    it('provider row ids are unique across the world and at most 40 characters', () => expectNone(checkIds(ix)));
    it('has one provider entry per registered provider, each with cases', () => {
      expect(Object.keys(world.providers).sort()).toEqual(REGISTRY.map((p) => p.id).sort());
      for (const p of REGISTRY) expect(world.providers[p.id].cases.length).toBeGreaterThan(0);
    });
  });

  describe('proportions', () => {
    const count = <T>(items: T[], f: (x: T) => boolean) => items.reduce((s, x) => s + (f(x) ? 1 : 0), 0);

    it('gender, residence status and municipality', () => {
      const ps = world.participants;
      expect(
        share(
          count(ps, (p) => p.gender === Gender.FEMALE),
          n,
        ),
      ).toBeGreaterThanOrEqual(0.25);
      expect(
        share(
          count(ps, (p) => p.gender === Gender.FEMALE),
          n,
        ),
      ).toBeLessThanOrEqual(0.37);
      expect(
        share(
          count(ps, (p) => p.gender === Gender.MALE),
          n,
        ),
      ).toBeGreaterThanOrEqual(0.6);
      expect(
        share(
          count(ps, (p) => p.gender === Gender.MALE),
          n,
        ),
      ).toBeLessThanOrEqual(0.75);
      const diverse = count(ps, (p) => p.gender === Gender.DIVERSE);
      expect(diverse).toBeGreaterThanOrEqual(1);
      expect(share(diverse, n)).toBeLessThanOrEqual(0.02);
      const res = (s: ResidenceStatus) =>
        share(
          count(ps, (p) => p.residenceStatus === s),
          n,
        );
      expect(res(ResidenceStatus.DULDUNG)).toBeGreaterThan(0.38);
      expect(res(ResidenceStatus.DULDUNG)).toBeLessThan(0.52);
      expect(res(ResidenceStatus.GESTATTUNG)).toBeGreaterThan(0.28);
      expect(res(ResidenceStatus.GESTATTUNG)).toBeLessThan(0.42);
      expect(res(ResidenceStatus.AUFENTHALTSERLAUBNIS)).toBeGreaterThan(0.1);
      expect(res(ResidenceStatus.AUFENTHALTSERLAUBNIS)).toBeLessThan(0.2);
      expect(res(ResidenceStatus.OTHER)).toBeGreaterThan(0.02);
      expect(res(ResidenceStatus.OTHER)).toBeLessThan(0.08);
      // Weighted by population: Moers (largest) well ahead of Sonsbeck (smallest); banks roughly by population.
      const total = MUNICIPALITIES.reduce((s, m) => s + m.population, 0);
      const left = MUNICIPALITIES.filter((m) => m.bank === 'LEFT').reduce((s, m) => s + m.population, 0) / total;
      const leftIds = new Set(MUNICIPALITIES.filter((m) => m.bank === 'LEFT').map((m) => m.id));
      expect(
        Math.abs(
          share(
            count(ps, (p) => leftIds.has(p.municipalityId)),
            n,
          ) - left,
        ),
      ).toBeLessThan(0.06);
      const moers = share(
        count(ps, (p) => p.municipalityId === 'moers'),
        n,
      );
      expect(moers).toBeGreaterThan(0.15);
      expect(moers).toBeLessThan(0.3);
      expect(count(ps, (p) => p.municipalityId === 'moers')).toBeGreaterThan(3 * count(ps, (p) => p.municipalityId === 'sonsbeck'));
    });

    it('synthetic names from ~40 given names per gender and ~50 family names', () => {
      if (n < 2000) return;
      const given = (g: Gender) => new Set(world.participants.filter((p) => p.gender === g).map((p) => p.givenName)).size;
      expect(given(Gender.FEMALE)).toBeGreaterThanOrEqual(30);
      expect(given(Gender.MALE)).toBeGreaterThanOrEqual(30);
      expect(new Set(world.participants.map((p) => p.familyName)).size).toBeGreaterThanOrEqual(40);
    });

    it('modules per participant and exits', () => {
      const withModule = (m: Module) => share(new Set(world.referrals.filter((r) => r.module === m).map((r) => r.participantId)).size, n);
      expect(withModule(Module.F1_COACHING)).toBe(1);
      expect(withModule(Module.F2_QUALIFICATION_LANGUAGE)).toBeGreaterThan(0.04);
      expect(withModule(Module.F2_QUALIFICATION_LANGUAGE)).toBeLessThan(0.11);
      expect(withModule(Module.F3_SCHOOL_CERTIFICATE)).toBeGreaterThan(0.035);
      expect(withModule(Module.F3_SCHOOL_CERTIFICATE)).toBeLessThan(0.1);
      expect(withModule(Module.F4_PREPARATORY_COURSES)).toBeGreaterThan(0.4);
      expect(withModule(Module.F4_PREPARATORY_COURSES)).toBeLessThan(0.65);
      const stillActive = share(
        count(world.participants, (p) => p.exitedOn === null),
        n,
      );
      expect(stillActive).toBeGreaterThanOrEqual(0.08);
      expect(stillActive).toBeLessThanOrEqual(0.17);
    });

    it('outcomes: internships, placements, studies', () => {
      const internships = Object.values(world.providers).reduce((s, p) => s + p.internships.length, 0);
      expect(share(internships, n)).toBeGreaterThanOrEqual(0.15);
      expect(share(internships, n)).toBeLessThanOrEqual(0.4);
      const kind = (k: PlacementKind) =>
        share(
          count(world.placements, (p) => p.kind === k),
          n,
        );
      expect(kind(PlacementKind.AUSBILDUNG)).toBeGreaterThan(0.06);
      expect(kind(PlacementKind.AUSBILDUNG)).toBeLessThan(0.15);
      expect(kind(PlacementKind.BESCHAEFTIGUNG)).toBeGreaterThan(0.12);
      expect(kind(PlacementKind.BESCHAEFTIGUNG)).toBeLessThan(0.23);
      expect(kind(PlacementKind.MINIJOB)).toBeGreaterThan(0.015);
      expect(kind(PlacementKind.MINIJOB)).toBeLessThan(0.06);
      expect(kind(PlacementKind.EINSTIEGSQUALIFIZIERUNG)).toBeGreaterThan(0.003);
      expect(kind(PlacementKind.EINSTIEGSQUALIFIZIERUNG)).toBeLessThan(0.03);
      const studies = count(world.participants, (p) => p.exitReason === ExitReason.STUDIES_STARTED);
      expect(studies).toBeGreaterThanOrEqual(1);
      expect(share(studies, n)).toBeLessThan(0.02);
      expect(
        share(
          count(world.placements, (p) => p.office === Office.AGENTUR_FUER_ARBEIT),
          world.placements.length,
        ),
      ).toBeGreaterThan(0.6);
    });

    it('certificates: language exams, course certificates, Hauptschulabschluss, licences', () => {
      const certs = Object.values(world.providers).flatMap((p) => p.certificates);
      const exams = certs.filter((c) => c.kind === CertificateKind.LANGUAGE_EXAM);
      expect(share(exams.length, n)).toBeGreaterThan(0.06);
      expect(share(exams.length, n)).toBeLessThan(0.14);
      const passed = share(
        count(exams, (c) => c.result === 'PASSED'),
        exams.length,
      );
      expect(passed).toBeGreaterThan(0.65);
      expect(passed).toBeLessThan(0.92);
      for (const level of [LanguageLevel.A1, LanguageLevel.A2, LanguageLevel.B1])
        expect(count(exams, (c) => c.level === level)).toBeGreaterThan(0);
      expect(
        share(
          count(exams, (c) => c.level === LanguageLevel.B2),
          exams.length,
        ),
      ).toBeLessThan(0.2);
      const courseCerts = count(certs, (c) => c.kind === CertificateKind.COURSE_CERTIFICATE);
      expect(share(courseCerts, n)).toBeGreaterThan(0.05);
      expect(share(courseCerts, n)).toBeLessThan(0.11);
      const f3Cases = Object.values(world.providers).reduce(
        (s, p) => s + count(p.cases, (c) => c.module === Module.F3_SCHOOL_CERTIFICATE),
        0,
      );
      const hsa = count(certs, (c) => c.kind === CertificateKind.SCHOOL_CERTIFICATE && c.result === 'PASSED');
      expect(share(hsa, f3Cases)).toBeGreaterThan(0.4);
      expect(share(hsa, f3Cases)).toBeLessThan(0.8);
      const licences = certs.filter((c) => c.kind === CertificateKind.LICENCE);
      expect(licences.length).toBeGreaterThanOrEqual(1);
      expect(share(licences.length, n)).toBeLessThan(0.04);
      expect(licences.some((c) => /stapler/i.test(c.title))).toBe(true);
    });

    it('consents', () => {
      const scope = (s: ConsentScope) =>
        share(
          count(world.consents, (c) => c.scope === s),
          n,
        );
      expect(scope(ConsentScope.PROVIDER_EXCHANGE)).toBeGreaterThan(0.9);
      expect(scope(ConsentScope.PROVIDER_EXCHANGE)).toBeLessThan(0.99);
      expect(scope(ConsentScope.AGENTUR_EXCHANGE)).toBeGreaterThan(0.9);
      expect(scope(ConsentScope.AGENTUR_EXCHANGE)).toBeLessThan(0.99);
      expect(scope(ConsentScope.REPORTING)).toBeGreaterThan(0.85);
      expect(scope(ConsentScope.REPORTING)).toBeLessThan(0.95);
      const withdrawn = share(
        count(world.consents, (c) => c.withdrawnOn !== null),
        world.consents.length,
      );
      expect(withdrawn).toBeGreaterThan(0.01);
      expect(withdrawn).toBeLessThan(0.06);
    });
  });
});

describe('options', () => {
  it('routes participants by bank to custom providers, sharing a bank among its providers in turn', () => {
    const providers = [
      { id: 'links', bank: 'LEFT' as const },
      { id: 'rechts', bank: 'RIGHT' as const },
      { id: 'reserve', bank: 'LEFT' as const },
    ];
    const w = generateWorld({ participants: 300, seed: 11, providers });
    const ix = new Index(w, providers);
    expect(Object.keys(w.providers).sort()).toEqual(['links', 'rechts', 'reserve']);
    const leftReferrals = w.referrals.filter((r) => r.providerId === 'links' || r.providerId === 'reserve');
    const toReserve = leftReferrals.filter((r) => r.providerId === 'reserve').length;
    expect(Math.abs(2 * toReserve - leftReferrals.length)).toBeLessThanOrEqual(leftReferrals.length / 10);
    expect(w.providers.reserve.cases.length).toBeGreaterThan(0);
    expectNone(checkReferrals(ix));
    expectNone(checkCases(ix));
    expectNone(checkCoursesAndEnrolments(ix));
    expect(w.providers.links.courses[0].id).toMatch(/^LINKS-C\d+$/);
  });

  it('keeps row ids within 40 characters for long provider ids', () => {
    const providers = [
      { id: 'a-very-long-provider-identifier-on-the-left-bank', bank: 'LEFT' as const },
      { id: 'a-very-long-provider-identifier-on-the-right-bank', bank: 'RIGHT' as const },
    ];
    const w = generateWorld({ participants: 200, seed: 5, providers });
    expectNone(checkIds(new Index(w, providers)));
  });

  it('rejects a provider list that leaves a bank without provider', () => {
    expect(() => generateWorld({ participants: 10, providers: [{ id: 'only-left', bank: 'LEFT' }] })).toThrow(/RIGHT/);
  });

  it('rejects a negative or fractional participant count', () => {
    expect(() => generateWorld({ participants: -1 })).toThrow();
    expect(() => generateWorld({ participants: 2.5 })).toThrow();
  });

  it('satisfies the rules for small worlds too', () => {
    for (const size of [0, 1, 17]) {
      const w = generateWorld({ participants: size, seed: 99 });
      const ix = new Index(w, REGISTRY);
      for (const v of [
        checkParticipants(ix, size),
        checkReferrals(ix),
        checkCases(ix),
        checkCoursesAndEnrolments(ix),
        checkSessions(ix),
        checkCertificatesAndInternships(ix),
        checkPlacements(ix),
        checkConsents(ix),
        checkIds(ix),
      ]) {
        expectNone(v);
      }
    }
  });
});

describe('scale', () => {
  // How fast generation is belongs to the benchmark (seeding figures in BENCHMARKS.md), not to a test on a shared machine.
  it('generates 10000 participants with padded ids and intact rules', () => {
    const w = generateWorld({ participants: 10000, seed: 4 });
    expect(w.participants).toHaveLength(10000);
    expect(w.participants[0].id).toBe('TN-00001');
    expect(w.participants[9999].id).toBe('TN-10000');
    const ix = new Index(w, REGISTRY);
    for (const v of [checkParticipants(ix, 10000), checkReferrals(ix), checkCases(ix), checkPlacements(ix), checkIds(ix)]) expectNone(v);
  });
});
