import { ageGroupOf, type CoarseClass, K, quarterOf, type QuasiIdentifiers, QUASI_IDENTIFIERS, SuppressionPlan } from './quasi-identifiers';

/** A small deterministic PRNG, so that the populations are the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];

function population(seed: number, classes: number): CoarseClass[] {
  const next = random(seed);
  const byKey = new Map<string, CoarseClass>();
  for (let i = 0; i < classes; i++) {
    const exited = next() < 0.6;
    const values: QuasiIdentifiers = {
      ageGroup: pick(next, ['18-20', '21-23', '24-28']),
      gender: pick(next, ['FEMALE', 'MALE', 'MALE', 'DIVERSE']),
      residenceStatus: pick(next, ['DULDUNG', 'GESTATTUNG', 'AUFENTHALTSERLAUBNIS', 'OTHER']),
      bank: pick(next, ['LEFT', 'RIGHT'] as const),
      entryQuarter: `${pick(next, ['2021', '2022', '2023'])}-Q${pick(next, [1, 2, 3, 4])}`,
      exitQuarter: exited ? `${pick(next, ['2022', '2023'])}-Q${pick(next, [1, 2, 3, 4])}` : null,
      exitReason: exited ? pick(next, ['TRAINING_STARTED', 'DROPPED_OUT', 'OTHER']) : null,
    };
    const key = JSON.stringify(values);
    const existing = byKey.get(key);
    if (existing) existing.count += 1;
    else byKey.set(key, { values, count: 1 + (next() < 0.2 ? Math.floor(next() * 4) : 0) });
  }
  return [...byKey.values()];
}

/** How many people each released combination describes. */
function releasedSizes(plan: SuppressionPlan, classes: readonly CoarseClass[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const c of classes) {
    const key = JSON.stringify(plan.release(c.values));
    sizes.set(key, (sizes.get(key) ?? 0) + c.count);
  }
  return sizes;
}

describe('local suppression of the analysts’ quasi-identifiers', () => {
  it.each([
    [1, 20],
    [2, 300],
    [3, 3000],
    [4, 30000],
  ])('leaves no released combination below K (population %d, %d people)', (seed, people) => {
    const classes = population(seed, people);
    const plan = new SuppressionPlan(classes);
    const sizes = releasedSizes(plan, classes);
    expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(K);
    // Released values are the class's own or withheld, never another's.
    for (const c of classes) {
      const released = plan.release(c.values);
      for (const name of QUASI_IDENTIFIERS) expect([c.values[name], null]).toContain(released[name]);
    }
  });

  it('is deterministic: the order of the classes changes nothing', () => {
    const classes = population(5, 400);
    const shuffled = [...classes].reverse();
    const a = new SuppressionPlan(classes);
    const b = new SuppressionPlan(shuffled);
    for (const c of classes) expect(b.release(c.values)).toEqual(a.release(c.values));
  });

  it('releases a class of K people unchanged and withholds only what a smaller one needs', () => {
    const base: QuasiIdentifiers = {
      ageGroup: '21-23',
      gender: 'MALE',
      residenceStatus: 'DULDUNG',
      bank: 'LEFT',
      entryQuarter: '2022-Q1',
      exitQuarter: '2023-Q2',
      exitReason: 'TRAINING_STARTED',
    };
    const dropped = { ...base, exitReason: 'DROPPED_OUT' };
    const other = { ...base, exitReason: 'OTHER' };
    const plan = new SuppressionPlan([
      { values: base, count: K },
      { values: dropped, count: 2 },
      { values: other, count: 1 },
    ]);
    expect(plan.release(base)).toEqual(base);
    // Two and one people: together, with the exit reason withheld, they are K.
    expect(plan.release(dropped)).toEqual({ ...base, exitReason: null });
    expect(plan.release(other)).toEqual({ ...base, exitReason: null });
  });

  it('fills what is left of a bank with its smallest released combination, whole', () => {
    const base: QuasiIdentifiers = {
      ageGroup: '21-23',
      gender: 'MALE',
      residenceStatus: 'DULDUNG',
      bank: 'LEFT',
      entryQuarter: '2022-Q1',
      exitQuarter: '2023-Q2',
      exitReason: 'TRAINING_STARTED',
    };
    const lonely = { ...base, ageGroup: '18-20', gender: 'FEMALE', residenceStatus: 'OTHER', entryQuarter: '2021-Q1' };
    const classes = [
      { values: base, count: K + 1 },
      { values: lonely, count: 1 },
    ];
    const plan = new SuppressionPlan(classes);
    const bankOnly = Object.fromEntries(QUASI_IDENTIFIERS.map((name) => [name, name === 'bank' ? 'LEFT' : null]));
    expect(plan.release(base)).toEqual(bankOnly);
    expect(plan.release(lonely)).toEqual(bankOnly);
  });

  it('withholds everything for a bank with fewer than K people in all', () => {
    const lonely: QuasiIdentifiers = {
      ageGroup: '18-20',
      gender: 'FEMALE',
      residenceStatus: 'OTHER',
      bank: 'RIGHT',
      entryQuarter: '2021-Q3',
      exitQuarter: null,
      exitReason: null,
    };
    const plan = new SuppressionPlan([{ values: lonely, count: 2 }]);
    expect(Object.values(plan.release(lonely))).toEqual(QUASI_IDENTIFIERS.map(() => null));
  });

  it('coarsens dates to quarters and ages to groups by the age reached in the year of entry', () => {
    expect(quarterOf('2022-01-01')).toBe('2022-Q1');
    expect(quarterOf('2022-03-31')).toBe('2022-Q1');
    expect(quarterOf('2022-04-01')).toBe('2022-Q2');
    expect(quarterOf('2023-12-31')).toBe('2023-Q4');
    expect(quarterOf(null)).toBeNull();
    expect(ageGroupOf(2004, '2022-05-01')).toBe('18-20');
    expect(ageGroupOf(2001, '2022-05-01')).toBe('21-23');
    expect(ageGroupOf(1998, '2022-05-01')).toBe('24-28');
    expect(ageGroupOf(1994, '2022-05-01')).toBe('24-28');
  });
});
