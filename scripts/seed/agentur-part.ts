/**
 * The agency's part of the world: the placement behind each participant's main
 * outcome (and the exit it causes), Minijobs on the side, and the placement ids.
 */
import { ExitReason, ResidenceStatus } from '@durchstarten/kreis';
import { Office } from '@durchstarten/agentur';
import { PlacementKind } from '@durchstarten/contracts';
import { addMonths, dayOf, firstOfNextMonth, fmt } from './calendar';
import { padNum, padWidth } from './ids';
import { employerName, HELPER_PICK, type Occupation, SKILLED_PICK } from './occupations';
import { D_END } from './period';
import { between, chance, int, type Rng } from './random';
import { OTHER_EXIT_PICK, Outcome } from './shares';
import type { WorldPlacement } from './world';

/** The placement occupation/employer of the main outcome, to align an earlier internship. */
export interface MainJob {
  occ: Occupation;
  employer: string;
}

/** Placement ids need the final count for padding; rows are built first and numbered afterwards. */
export type PendingPlacement = Omit<WorldPlacement, 'id'>;

export interface MainOutcome {
  /** -1 while the participant stays in the programme. */
  exited: number;
  exitReason: ExitReason | null;
  mainJob: MainJob | null;
  placement: PendingPlacement | null;
}

export function officeFor(rng: Rng, residenceStatus: ResidenceStatus): Office {
  if (residenceStatus === ResidenceStatus.AUFENTHALTSERLAUBNIS) return Office.JOBCENTER;
  if (residenceStatus === ResidenceStatus.OTHER && chance(rng, 0.4)) return Office.JOBCENTER;
  return Office.AGENTUR_FUER_ARBEIT;
}

/** Exit and main outcome; `active` participants without an outcome stay until the end. */
export function drawMainOutcome(
  rng: Rng,
  participantId: string,
  entered: number,
  office: Office,
  outcome: number,
  active: boolean,
): MainOutcome {
  if (outcome === Outcome.AUSBILDUNG || outcome === Outcome.EQ) return trainingOutcome(rng, participantId, entered, office, outcome);
  if (outcome === Outcome.BESCHAEFTIGUNG) return employmentOutcome(rng, participantId, entered, office);
  if (outcome === Outcome.STUDIUM) {
    // Semester starts 1 April / 1 October; exit the day before.
    const start = semesterStart(rng, entered);
    return { exited: Math.max(start - 1, entered + 1), exitReason: ExitReason.STUDIES_STARTED, mainJob: null, placement: null };
  }
  if (active) return { exited: -1, exitReason: null, mainJob: null, placement: null };
  const candidate = entered + between(rng, 60, 720);
  if (candidate >= D_END) return { exited: D_END, exitReason: ExitReason.PROGRAMME_ENDED, mainJob: null, placement: null };
  return { exited: candidate, exitReason: OTHER_EXIT_PICK(rng), mainJob: null, placement: null };
}

function trainingOutcome(rng: Rng, participantId: string, entered: number, office: Office, outcome: number): MainOutcome {
  const start = trainingStart(rng, entered);
  const occ = SKILLED_PICK(rng);
  const employer = employerName(rng, occ);
  const months = outcome === Outcome.AUSBILDUNG ? (occ.months ?? 36) : between(rng, 6, 12);
  return {
    exited: Math.max(start - 1, entered + 1),
    exitReason: ExitReason.TRAINING_STARTED,
    mainJob: { occ, employer },
    placement: {
      participantId,
      kind: outcome === Outcome.AUSBILDUNG ? PlacementKind.AUSBILDUNG : PlacementKind.EINSTIEGSQUALIFIZIERUNG,
      office,
      employerName: employer,
      kldbCode: occ.kldb,
      occupationTitle: occ.title,
      startsOn: fmt(start),
      endsOn: fmt(addMonths(start, months) - 1),
    },
  };
}

function employmentOutcome(rng: Rng, participantId: string, entered: number, office: Office): MainOutcome {
  let start = entered + between(rng, 45, 640);
  const snapped = firstOfNextMonth(start);
  start = snapped <= D_END ? snapped : start;
  if (start > D_END) start = between(rng, entered + 1, D_END);
  const occ = chance(rng, 0.25) ? SKILLED_PICK(rng) : HELPER_PICK(rng);
  const employer = employerName(rng, occ);
  return {
    exited: Math.max(start - 1, entered + 1),
    exitReason: ExitReason.EMPLOYMENT_STARTED,
    mainJob: { occ, employer },
    placement: {
      participantId,
      kind: PlacementKind.BESCHAEFTIGUNG,
      office,
      employerName: employer,
      kldbCode: occ.kldb,
      occupationTitle: occ.title,
      startsOn: fmt(start),
      endsOn: chance(rng, 0.4) ? fmt(addMonths(start, 12) - 1) : null,
    },
  };
}

/** A Minijob starting between two weeks after entry and `last`, the participant's last day. */
export function drawMinijob(rng: Rng, participantId: string, entered: number, last: number, office: Office): PendingPlacement {
  const start = between(rng, Math.min(entered + 14, last), last);
  const occ = HELPER_PICK(rng);
  return {
    participantId,
    kind: PlacementKind.MINIJOB,
    office,
    employerName: employerName(rng, occ),
    kldbCode: occ.kldb,
    occupationTitle: occ.title,
    startsOn: fmt(start),
    endsOn: chance(rng, 0.5) ? fmt(start + between(rng, 60, 365)) : null,
  };
}

export function numberPlacements(pending: PendingPlacement[]): WorldPlacement[] {
  const placementWidth = padWidth(pending.length, 5);
  return pending.map((p, k) => ({ id: `PL-${padNum(k + 1, placementWidth)}`, ...p }));
}

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
