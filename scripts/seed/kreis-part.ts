/**
 * The Kreis's part of the world: participants, their referrals (each started
 * referral opens a case at the provider) and their consents.
 */
import { ConsentScope, ExitReason, Gender } from '@durchstarten/kreis';
import { Module, ReferralStatus } from '@durchstarten/contracts';
import { MUNICIPALITIES } from '@durchstarten/kreis';
import { drawMainOutcome, drawMinijob, type MainJob, officeFor, type PendingPlacement } from './agentur-part';
import { dayOf, fmt, ymdOf } from './calendar';
import { padNum, padWidth } from './ids';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE } from './names';
import { D_END, D_LAST_ENTRY, D_START } from './period';
import { type CaseInfo, openCase, type ProviderState } from './provider-part';
import type { Quotas } from './quotas';
import { between, chance, countFlags, int, pick, quotaFlags, type Rng } from './random';
import { AGE_PICK, GENDERS, MODULE_DAYS, NEGATIVE_EXITS, RESIDENCE } from './shares';
import type { WorldConsent, WorldParticipant, WorldReferral } from './world';

export interface Participants {
  participants: WorldParticipant[];
  referrals: WorldReferral[];
  /** Per participant: the provider cases of their started referrals, F1 coaching first. */
  cases: CaseInfo[][];
  mainJobs: (MainJob | null)[];
  enteredDays: Int32Array;
  pendingPlacements: PendingPlacement[];
}

/** What a participant's referrals depend on. */
interface Stay {
  participantId: string;
  provider: ProviderState;
  providerIndex: number;
  entered: number;
  /** -1 while in the programme. */
  exited: number;
  exitReason: ExitReason | null;
  /** The exit day, or the programme's end. */
  last: number;
}

export function generateParticipants(rng: Rng, q: Quotas, providers: ProviderState[], providerByBank: Map<string, number[]>): Participants {
  const n = q.gender.length;
  const referralCount = n + countFlags(q.f2) + countFlags(q.f3) + countFlags(q.f4);
  const referralWidth = padWidth(referralCount, 5);
  const participantWidth = padWidth(n, 4);
  let referralSeq = 0;
  const nextReferralId = () => `REF-${padNum(++referralSeq, referralWidth)}`;
  const out: Participants = {
    participants: new Array(n),
    referrals: [],
    cases: new Array(n),
    mainJobs: new Array(n).fill(null),
    enteredDays: new Int32Array(n),
    pendingPlacements: [],
  };

  const referredPerBank: Record<string, number> = { LEFT: 0, RIGHT: 0 };
  for (let i = 0; i < n; i++) {
    const id = `TN-${padNum(i + 1, participantWidth)}`;
    const gender = GENDERS[q.gender[i]];
    const residenceStatus = RESIDENCE[q.residence[i]];
    const municipality = MUNICIPALITIES[q.municipality[i]];
    const serving = providerByBank.get(municipality.bank)!;
    const providerIndex = serving[referredPerBank[municipality.bank]++ % serving.length];
    const { givenName, familyName } = drawName(rng, gender);
    const { entered, birth } = drawEntryAndBirth(rng);

    const office = officeFor(rng, residenceStatus);
    const outcome = drawMainOutcome(rng, id, entered, office, q.outcome[i], q.active[i] === 1);
    const { exited, exitReason } = outcome;
    out.mainJobs[i] = outcome.mainJob;
    if (outcome.placement) out.pendingPlacements.push(outcome.placement);
    const last = exited >= 0 ? exited : D_END;
    if (q.minijob[i]) out.pendingPlacements.push(drawMinijob(rng, id, entered, last, office));

    out.participants[i] = {
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
    out.enteredDays[i] = entered;

    const secondary: Module[] = [];
    if (q.f2[i]) secondary.push(Module.F2_QUALIFICATION_LANGUAGE);
    if (q.f3[i]) secondary.push(Module.F3_SCHOOL_CERTIFICATE);
    if (q.f4[i]) secondary.push(Module.F4_PREPARATORY_COURSES);
    const stay: Stay = { participantId: id, provider: providers[providerIndex], providerIndex, entered, exited, exitReason, last };
    out.cases[i] = addReferrals(rng, stay, secondary, nextReferralId, out.referrals);
  }
  return out;
}

function drawName(rng: Rng, gender: Gender): { givenName: string; familyName: string } {
  const givenPool =
    gender === Gender.FEMALE ? GIVEN_FEMALE : gender === Gender.MALE ? GIVEN_MALE : chance(rng, 0.5) ? GIVEN_FEMALE : GIVEN_MALE;
  const givenName = pick(rng, givenPool);
  const familyName = pick(rng, FAMILY);
  return { givenName, familyName };
}

/** Entry and birth date: age in full years on entry is 18..27. */
function drawEntryAndBirth(rng: Rng): { entered: number; birth: number } {
  const entered = between(rng, D_START, D_LAST_ENTRY);
  const age = AGE_PICK(rng);
  const [ey, em, ed] = ymdOf(entered);
  if (chance(rng, 0.08)) {
    // Registered with the placeholder date 1 January (unknown exact birth date).
    return { entered, birth: dayOf(ey - age, 1, 1) };
  }
  const hi = dayOf(ey - age, em, ed);
  const lo = dayOf(ey - age - 1, em, ed) + 1;
  return { entered, birth: between(rng, lo, hi) };
}

/** F1 coaching and the secondary modules' referrals, with a case for each started one. */
function addReferrals(rng: Rng, stay: Stay, secondary: Module[], nextReferralId: () => string, referrals: WorldReferral[]): CaseInfo[] {
  const { participantId, provider, providerIndex, entered, exited, last } = stay;
  const cases: CaseInfo[] = [];
  const negativeExit = stay.exitReason !== null && NEGATIVE_EXITS.has(stay.exitReason);
  {
    // F1 coaching: always, starts within two weeks of entry.
    const refId = nextReferralId();
    const started = Math.min(entered + int(rng, 15), last);
    const status = exited < 0 ? ReferralStatus.ACTIVE : negativeExit ? ReferralStatus.CANCELLED : ReferralStatus.COMPLETED;
    const ended = exited >= 0 ? exited : -1;
    referrals.push({
      id: refId,
      participantId,
      providerId: provider.ref.id,
      module: Module.F1_COACHING,
      referredOn: fmt(entered),
      startedOn: fmt(started),
      endedOn: ended >= 0 ? fmt(ended) : null,
      status,
    });
    cases.push(openCase(provider, providerIndex, refId, participantId, Module.F1_COACHING, started, ended, status));
  }
  for (const module of secondary) {
    const refId = nextReferralId();
    const { referred, started, ended, status } = secondaryReferral(rng, stay, module, negativeExit);
    referrals.push({
      id: refId,
      participantId,
      providerId: provider.ref.id,
      module,
      referredOn: fmt(referred),
      startedOn: started >= 0 ? fmt(started) : null,
      endedOn: ended >= 0 ? fmt(ended) : null,
      status,
    });
    if (started >= 0) cases.push(openCase(provider, providerIndex, refId, participantId, module, started, ended, status));
  }
  return cases;
}

/** When a secondary module was referred, started and ended (-1: not), and how it stands. */
function secondaryReferral(
  rng: Rng,
  stay: Stay,
  module: Module,
  negativeExit: boolean,
): { referred: number; started: number; ended: number; status: ReferralStatus } {
  const { entered, exited, exitReason, last } = stay;
  const span = last - entered;
  const referred = entered + int(rng, Math.min(Math.floor(span * 0.6), 180) + 1);
  const plannedStart = referred + between(rng, 3, 35);
  const [minDays, maxDays] = MODULE_DAYS[module];
  const duration = between(rng, minDays, maxDays);
  const unstarted = (status: ReferralStatus, ended: number) => ({ referred, started: -1, ended, status });
  const ran = (ended: number, status: ReferralStatus) => ({ referred, started: plannedStart, ended, status });
  if (exited >= 0) {
    if (plannedStart > exited || chance(rng, 0.05)) return unstarted(ReferralStatus.CANCELLED, Math.min(plannedStart, exited));
    const plannedEnd = plannedStart + duration;
    if (plannedEnd <= exited) return ranToPlan(rng, plannedStart, duration, ran);
    // Cut short by the exit: it ran until the programme ended, or most of it was done
    // before a regular exit; after a drop-out or a move it counts as cancelled.
    const regular = !negativeExit && (exitReason === ExitReason.PROGRAMME_ENDED || exited - plannedStart >= duration / 2);
    return ran(exited, regular ? ReferralStatus.COMPLETED : ReferralStatus.CANCELLED);
  }
  if (plannedStart > D_END || chance(rng, 0.2)) return unstarted(ReferralStatus.REFERRED, -1);
  if (plannedStart + duration <= D_END) return ranToPlan(rng, plannedStart, duration, ran);
  return ran(-1, ReferralStatus.ACTIVE);
}

/** A module with time to run its course: one in ten is cancelled part-way. */
function ranToPlan<T>(rng: Rng, started: number, duration: number, ran: (ended: number, status: ReferralStatus) => T): T {
  if (chance(rng, 0.1)) return ran(started + int(rng, duration + 1), ReferralStatus.CANCELLED);
  return ran(started + duration, ReferralStatus.COMPLETED);
}

const CONSENT_SCOPES: readonly [ConsentScope, number][] = [
  [ConsentScope.PROVIDER_EXCHANGE, 0.95],
  [ConsentScope.AGENTUR_EXCHANGE, 0.95],
  [ConsentScope.REPORTING, 0.9],
];

/** Consents per scope as exact quotas, granted on entry; a few are withdrawn later. */
export function generateConsents(rng: Rng, participants: WorldParticipant[], enteredDays: Int32Array): WorldConsent[] {
  const n = participants.length;
  const scopeFlags = CONSENT_SCOPES.map(([, p]) => quotaFlags(rng, n, p));
  let consentCount = 0;
  for (const f of scopeFlags) consentCount += countFlags(f);
  const withdrawnQ = quotaFlags(rng, consentCount, 0.03);
  const consentWidth = padWidth(consentCount, 5);
  const consents: WorldConsent[] = [];
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < CONSENT_SCOPES.length; s++) {
      if (!scopeFlags[s][i]) continue;
      const k = consents.length;
      const granted = enteredDays[i];
      consents.push({
        id: `CON-${padNum(k + 1, consentWidth)}`,
        participantId: participants[i].id,
        scope: CONSENT_SCOPES[s][0],
        grantedOn: fmt(granted),
        withdrawnOn: withdrawnQ[k] ? fmt(between(rng, granted + 1, Math.min(granted + 400, D_END))) : null,
      });
    }
  }
  return consents;
}
