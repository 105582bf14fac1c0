import { MUNICIPALITIES, type RhineBank } from '../municipality/municipality.data';

/**
 * What analysts read about a participant that an outsider could also know about
 * that person (quasi-identifiers), in the coarse form analysts get. Every other
 * date of the graph is refused to analysts (README, *Who may see what*).
 */
export interface QuasiIdentifiers {
  ageGroup: string | null;
  gender: string | null;
  residenceStatus: string | null;
  bank: RhineBank | null;
  entryQuarter: string | null;
  exitQuarter: string | null;
  exitReason: string | null;
}

export const QUASI_IDENTIFIERS = ['ageGroup', 'gender', 'residenceStatus', 'bank', 'entryQuarter', 'exitQuarter', 'exitReason'] as const;
export type QuasiIdentifier = (typeof QUASI_IDENTIFIERS)[number];

/** The smallest number of people any combination of released values may describe. */
export const K = 3;

/**
 * Age groups by the age reached in the year of entry (entry year minus birth year):
 * birthYear survives erasure, the birth date does not. Eligibility is 18 to 27 on
 * the entry date, so the age reached in that year is 18 to 28.
 */
export const AGE_GROUPS: ReadonlyArray<{ label: string; from: number; to: number }> = [
  { label: '18-20', from: 0, to: 20 },
  { label: '21-23', from: 21, to: 23 },
  { label: '24-28', from: 24, to: 999 },
];

/** `ageGroupOf` in SQL that SQLite and MySQL read alike, over the participant alias `p`: statistics and analysts' rows share it. */
export const AGE_GROUP_SQL = `CASE ${AGE_GROUPS.slice(0, -1)
  .map((group) => `WHEN substr(p.entered_on, 1, 4) - p.birth_year <= ${group.to} THEN '${group.label}'`)
  .join(' ')} ELSE '${AGE_GROUPS[AGE_GROUPS.length - 1].label}' END`;

/** The bank of the Rhine of `p.municipality_id`, from the municipalities held in code. */
export const BANK_SQL = `CASE WHEN p.municipality_id IN (${MUNICIPALITIES.filter((m) => m.bank === 'LEFT')
  .map((m) => `'${m.id}'`)
  .join(', ')}) THEN 'LEFT' ELSE 'RIGHT' END`;

export function ageGroupOf(birthYear: number, enteredOn: string): string {
  const age = Number(enteredOn.slice(0, 4)) - birthYear;
  return AGE_GROUPS.find((group) => age >= group.from && age <= group.to)!.label;
}

/** "2022-Q1" for any day of January to March 2022. */
export function quarterOf(date: string | null): string | null {
  if (date === null) return null;
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The registry facts the coarse values come from. */
export interface RegistryFacts {
  birthYear: number;
  gender: string;
  residenceStatus: string;
  bank: RhineBank;
  enteredOn: string;
  exitedOn: string | null;
  exitReason: string | null;
}

export function coarsen(facts: RegistryFacts): QuasiIdentifiers {
  return {
    ageGroup: ageGroupOf(facts.birthYear, facts.enteredOn),
    gender: facts.gender,
    residenceStatus: facts.residenceStatus,
    bank: facts.bank,
    entryQuarter: quarterOf(facts.enteredOn),
    exitQuarter: quarterOf(facts.exitedOn),
    exitReason: facts.exitReason,
  };
}

/** How many analyst-visible people share one combination of coarse values. */
export interface CoarseClass {
  values: QuasiIdentifiers;
  count: number;
}

/**
 * Which values are withheld, tried in this order until a combination describes
 * at least K people: the finest and least needed first (exit quarter before exit
 * reason, the outcome analysts study; then entry quarter), the bank of the Rhine
 * never, because `Referral.provider` tells it anyway.
 */
export const SUPPRESSION_STEPS: ReadonlyArray<readonly QuasiIdentifier[]> = [
  [],
  ['exitQuarter'],
  ['exitReason'],
  ['residenceStatus'],
  ['ageGroup'],
  ['exitQuarter', 'exitReason'],
  ['entryQuarter'],
  ['entryQuarter', 'exitQuarter'],
  ['entryQuarter', 'exitReason'],
  ['entryQuarter', 'exitQuarter', 'exitReason'],
  ['residenceStatus', 'exitQuarter', 'exitReason'],
  ['ageGroup', 'exitQuarter', 'exitReason'],
  ['residenceStatus', 'entryQuarter', 'exitQuarter', 'exitReason'],
  ['ageGroup', 'entryQuarter', 'exitQuarter', 'exitReason'],
  ['ageGroup', 'residenceStatus', 'entryQuarter', 'exitQuarter', 'exitReason'],
  ['ageGroup', 'gender', 'residenceStatus', 'entryQuarter', 'exitQuarter', 'exitReason'],
];
const EVERYTHING: readonly QuasiIdentifier[] = QUASI_IDENTIFIERS;
const BOTTOM_STEP = SUPPRESSION_STEPS.length - 1;

const keyOf = (values: QuasiIdentifiers): string => QUASI_IDENTIFIERS.map((name) => values[name] ?? '*').join('|');

/** Which positions of QUASI_IDENTIFIERS each step withholds. */
const STEP_MASKS = SUPPRESSION_STEPS.map((names) => QUASI_IDENTIFIERS.map((name) => names.includes(name)));

/** `keyOf(withheld(values, step))` from the values' parts, without building objects: the plan does this for every class and step. */
function maskedKey(parts: readonly string[], mask: readonly boolean[]): string {
  let key = mask[0] ? '*' : parts[0];
  for (let i = 1; i < parts.length; i++) key += mask[i] ? '|*' : `|${parts[i]}`;
  return key;
}

function withheld(values: QuasiIdentifiers, names: readonly QuasiIdentifier[]): QuasiIdentifiers {
  const released = { ...values };
  for (const name of names) released[name] = null;
  return released;
}

/**
 * Local suppression over the analyst-visible population, deterministic: the same
 * classes give the same releases, whatever the query and the order rows come in.
 *
 * Every person of one coarse class is released alike. Step by step, the classes not
 * yet released are withheld the step's values; a combination is released once it
 * describes at least K people together with those released into it before. Released
 * combinations only grow, so none ends below K. What is left after the last step
 * (only the bank shown) and still below K takes in a whole released combination of
 * its bank, the smallest, so that no combination is split. A bank with fewer than K
 * people in all is withheld too, and then everything.
 */
export class SuppressionPlan {
  private readonly released = new Map<string, QuasiIdentifiers>();

  constructor(classes: readonly CoarseClass[]) {
    const pending = classes
      .map((unit) => {
        const parts = QUASI_IDENTIFIERS.map((name) => unit.values[name] ?? '*');
        return { ...unit, parts, key: parts.join('|') };
      })
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    /** Released combination (key) → its size and the classes released into it. */
    const combinations = new Map<string, { values: QuasiIdentifiers; count: number; members: string[] }>();
    const release = (members: typeof pending, values: QuasiIdentifiers, key = keyOf(values)) => {
      const combination = combinations.get(key) ?? { values, count: 0, members: [] };
      for (const member of members) {
        combination.count += member.count;
        combination.members.push(member.key);
      }
      combinations.set(key, combination);
    };
    let left = pending;
    for (const [step, names] of SUPPRESSION_STEPS.entries()) {
      const groups = new Map<string, { members: typeof pending; count: number }>();
      for (const unit of left) {
        const key = maskedKey(unit.parts, STEP_MASKS[step]);
        const group = groups.get(key);
        if (group) {
          group.members.push(unit);
          group.count += unit.count;
        } else groups.set(key, { members: [unit], count: unit.count });
      }
      left = [];
      for (const [key, group] of groups) {
        const before = combinations.get(key)?.count ?? 0;
        if (before + group.count >= K) {
          release(group.members, withheld(group.members[0].values, names), key);
        } else if (step === BOTTOM_STEP) {
          const bottom = { values: withheld(group.members[0].values, names), count: group.count };
          if (this.fillBottom(combinations, bottom, before)) release(group.members, bottom.values, key);
          else left.push(...group.members);
        } else {
          left.push(...group.members);
        }
      }
    }
    // Only a bank with fewer than K people in all is left: withhold everything for it.
    if (left.length > 0) release(left, withheld(left[0].values, EVERYTHING));
    for (const combination of combinations.values()) {
      for (const member of combination.members) this.released.set(member, combination.values);
    }
  }

  /**
   * The bottom of one bank is below K: move the bank's smallest released combination
   * into it (whole, so no combination shrinks). False when the bank has no other.
   */
  private fillBottom(
    combinations: Map<string, { values: QuasiIdentifiers; count: number; members: string[] }>,
    bottom: { values: QuasiIdentifiers; count: number },
    before: number,
  ): boolean {
    const bottomKey = keyOf(bottom.values);
    const candidates = [...combinations.entries()]
      .filter(
        ([key, combination]) => key !== bottomKey && combination.values.bank === bottom.values.bank && combination.values.bank !== null,
      )
      .sort(([keyA, a], [keyB, b]) => a.count - b.count || (keyA < keyB ? -1 : 1));
    if (candidates.length === 0) return false;
    const [movedKey, moved] = candidates[0];
    combinations.delete(movedKey);
    const target = combinations.get(bottomKey) ?? { values: bottom.values, count: 0, members: [] };
    target.count += moved.count;
    target.members.push(...moved.members);
    combinations.set(bottomKey, target);
    return before + moved.count + bottom.count >= K;
  }

  /** The values released for a person of this coarse class; everything withheld for a class the plan never saw. */
  release(values: QuasiIdentifiers): QuasiIdentifiers {
    return this.released.get(keyOf(values)) ?? withheld(values, EVERYTHING);
  }
}
