/**
 * The headline proportions as exact quotas per participant index, drawn up front
 * so that every world has the same shape while who gets what differs per seed.
 */
import { MUNICIPALITIES } from '@durchstarten/kreis';
import { quota, quotaFlags, type Rng, sample } from './random';
import {
  GENDER_WEIGHTS,
  INTERNSHIP_WEIGHTS,
  Outcome,
  OUTCOME_WEIGHTS,
  RESIDENCE_WEIGHTS,
  SHARE_ACTIVE_AT_END,
  SHARE_F2,
  SHARE_F3,
  SHARE_F4,
  SHARE_LANGUAGE_EXAM,
  SHARE_LANGUAGE_EXAM_IN_F2,
  SHARE_LICENCE,
  SHARE_MINIJOB,
} from './shares';

/** One entry per participant: an index into the weights, or 0/1 for a flag. */
export interface Quotas {
  gender: Uint8Array;
  residence: Uint8Array;
  municipality: Uint8Array;
  f2: Uint8Array;
  f3: Uint8Array;
  f4: Uint8Array;
  outcome: Uint8Array;
  minijob: Uint8Array;
  internships: Uint8Array;
  licence: Uint8Array;
  /** Stays without exit at the programme's end. */
  active: Uint8Array;
  languageExam: Uint8Array;
}

export function drawQuotas(rng: Rng, n: number): Quotas {
  const gender = quota(rng, n, GENDER_WEIGHTS);
  const residence = quota(rng, n, RESIDENCE_WEIGHTS);
  const municipality = quota(
    rng,
    n,
    MUNICIPALITIES.map((m) => m.population),
  );
  const f2 = quotaFlags(rng, n, SHARE_F2);
  const f3 = quotaFlags(rng, n, SHARE_F3);
  const f4 = quotaFlags(rng, n, SHARE_F4);
  const outcome = quota(rng, n, OUTCOME_WEIGHTS);
  const minijob = quotaFlags(rng, n, SHARE_MINIJOB);
  const internships = quota(rng, n, INTERNSHIP_WEIGHTS);
  const licence = quotaFlags(rng, n, SHARE_LICENCE);
  const active = drawActive(rng, outcome);
  const languageExam = drawLanguageExams(rng, f2);
  return { gender, residence, municipality, f2, f3, f4, outcome, minijob, internships, licence, active, languageExam };
}

/** Participants who stay without exit: chosen among those without a main outcome. */
function drawActive(rng: Rng, outcome: Uint8Array): Uint8Array {
  const n = outcome.length;
  const active = new Uint8Array(n);
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (outcome[i] === Outcome.NONE) candidates.push(i);
  for (const i of sample(rng, candidates, Math.round(n * SHARE_ACTIVE_AT_END))) active[i] = 1;
  return active;
}

/** Language exams: most F2 participants take one, the rest come from everyone else. */
function drawLanguageExams(rng: Rng, f2: Uint8Array): Uint8Array {
  const n = f2.length;
  const exam = new Uint8Array(n);
  const target = Math.round(n * SHARE_LANGUAGE_EXAM);
  const inF2: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < n; i++) (f2[i] ? inF2 : others).push(i);
  const fromF2 = Math.min(target, Math.round(inF2.length * SHARE_LANGUAGE_EXAM_IN_F2));
  for (const i of sample(rng, inF2, fromF2)) exam[i] = 1;
  for (const i of sample(rng, others, target - fromF2)) exam[i] = 1;
  return exam;
}
