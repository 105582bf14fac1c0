import { randomInt } from 'node:crypto';

/**
 * The cell key method (Destatis, Zensus 2022) as this graph applies it.
 *
 * Every participant gets a record key once, at registration: a uniform random
 * integer in [0, RECORD_KEY_RANGE). The key of a cell (any set of participants a
 * figure counts) is the sum of its members' record keys modulo the range, read as
 * a number in [0, 1). The perturbation table maps the true count and the cell key
 * to a deviation. The same set of people therefore always gives the same figure,
 * whichever query reaches it, and two queries that differ by one person give two
 * independent deviations, so their difference does not reveal that person.
 */
export const RECORD_KEY_RANGE = 2 ** 31;

export function newRecordKey(): number {
  return randomInt(RECORD_KEY_RANGE);
}

/** Largest deviation any published figure may have from the true count. */
export const MAX_DEVIATION = 3;

/** Figures of 1 and 2 are never published: a true 1 or 2 becomes 0 or a value of 3 or more. */
export const SMALLEST_PUBLISHED_VALUE = 3;

/**
 * Measures about outcomes (internships, exams, placements) are suppressed in cells of
 * fewer people than this: with 3 or 4 people, "3 of 3 had a placement" tells every
 * member's outcome whatever the noise, which perturbation cannot prevent.
 */
export const MIN_PEOPLE_FOR_OUTCOME_MEASURES = 5;

/** One row of the perturbation table: the deviations for a true count, with their probabilities (summing to 1). */
export interface PerturbationRow {
  deviations: ReadonlyArray<{ deviation: number; probability: number }>;
}

/**
 * The fixed perturbation table. Rows 1 to 5 keep published values out of {1, 2}
 * and non-negative; from 6 on the deviation is symmetric with mean 0 and variance 0.98.
 * Row 0 is the identity: zero stays zero.
 */
export const PERTURBATION_TABLE: Readonly<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6+', PerturbationRow>> = {
  '0': { deviations: [{ deviation: 0, probability: 1 }] },
  // A single person: 0 or 3, mean 0.9.
  '1': {
    deviations: [
      { deviation: -1, probability: 0.7 },
      { deviation: 2, probability: 0.3 },
    ],
  },
  // Two people: 0, 3 or 4, mean 1.9.
  '2': {
    deviations: [
      { deviation: -2, probability: 0.4 },
      { deviation: 1, probability: 0.5 },
      { deviation: 2, probability: 0.1 },
    ],
  },
  '3': {
    deviations: [
      { deviation: 0, probability: 0.7 },
      { deviation: 1, probability: 0.2 },
      { deviation: 2, probability: 0.08 },
      { deviation: 3, probability: 0.02 },
    ],
  },
  '4': {
    deviations: [
      { deviation: -1, probability: 0.25 },
      { deviation: 0, probability: 0.5 },
      { deviation: 1, probability: 0.2 },
      { deviation: 2, probability: 0.04 },
      { deviation: 3, probability: 0.01 },
    ],
  },
  '5': {
    deviations: [
      { deviation: -2, probability: 0.06 },
      { deviation: -1, probability: 0.2 },
      { deviation: 0, probability: 0.48 },
      { deviation: 1, probability: 0.2 },
      { deviation: 2, probability: 0.05 },
      { deviation: 3, probability: 0.01 },
    ],
  },
  '6+': {
    deviations: [
      { deviation: -3, probability: 0.01 },
      { deviation: -2, probability: 0.05 },
      { deviation: -1, probability: 0.2 },
      { deviation: 0, probability: 0.48 },
      { deviation: 1, probability: 0.2 },
      { deviation: 2, probability: 0.05 },
      { deviation: 3, probability: 0.01 },
    ],
  },
};

/** The cell key in [0, 1) of a cell whose members' record keys add up to `recordKeySum`. */
export function cellKeyOf(recordKeySum: number | bigint): number {
  const range = BigInt(RECORD_KEY_RANGE);
  const sum = BigInt(recordKeySum);
  return Number(((sum % range) + range) % range) / RECORD_KEY_RANGE;
}

function rowFor(count: number): PerturbationRow {
  if (count >= 6) return PERTURBATION_TABLE['6+'];
  return PERTURBATION_TABLE[String(count) as '0' | '1' | '2' | '3' | '4' | '5'];
}

/** The published value of a true count: the table's deviation at the cell key's place in the row's cumulative distribution. */
export function perturb(count: number, recordKeySum: number | bigint): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`A count is a whole number of 0 or more, not ${count}`);
  const cellKey = cellKeyOf(recordKeySum);
  const { deviations } = rowFor(count);
  let cumulative = 0;
  for (const { deviation, probability } of deviations) {
    cumulative += probability;
    if (cellKey < cumulative) return count + deviation;
  }
  return count + deviations[deviations.length - 1].deviation;
}

/** A figure as clients get it. */
export interface Figure {
  value: number | null;
  suppressed: boolean;
}

/** A true count with what protection needs: the sum of its members' record keys. */
export interface Count {
  count: number;
  recordKeySum: number | bigint;
}

export type Protection = 'exact' | 'perturbed';

export const SUPPRESSED: Figure = { value: null, suppressed: true };

export function figureOf(count: Count, protection: Protection): Figure {
  return { value: protection === 'exact' ? count.count : perturb(count.count, count.recordKeySum), suppressed: false };
}
