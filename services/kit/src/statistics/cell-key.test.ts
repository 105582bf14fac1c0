import { cellKeyOf, MAX_DEVIATION, PERTURBATION_TABLE, perturb, RECORD_KEY_RANGE } from './cell-key';

describe('the cell key method', () => {
  it('has a perturbation table whose rows are distributions with deviations of at most 3', () => {
    for (const [row, { deviations }] of Object.entries(PERTURBATION_TABLE)) {
      const total = deviations.reduce((sum, d) => sum + d.probability, 0);
      expect({ row, total: Math.round(total * 1e9) / 1e9 }).toEqual({ row, total: 1 });
      for (const { deviation, probability } of deviations) {
        expect(Math.abs(deviation)).toBeLessThanOrEqual(MAX_DEVIATION);
        expect(probability).toBeGreaterThan(0);
      }
    }
    const symmetric = PERTURBATION_TABLE['6+'].deviations;
    expect(symmetric.reduce((sum, d) => sum + d.deviation * d.probability, 0)).toBeCloseTo(0, 12);
  });

  it('publishes no 1 or 2, nothing negative, keeps zero, and stays within 3, for every count and cell key', () => {
    for (let count = 0; count <= 60; count++) {
      for (let step = 0; step < 1000; step++) {
        const keySum = Math.floor((step / 1000) * RECORD_KEY_RANGE) + count * RECORD_KEY_RANGE;
        const value = perturb(count, keySum);
        if (count === 0) expect(value).toBe(0);
        expect(value).toBeGreaterThanOrEqual(0);
        expect([1, 2]).not.toContain(value);
        expect(Math.abs(value - count)).toBeLessThanOrEqual(MAX_DEVIATION);
      }
    }
  });

  it('gives the same figure for the same people and reads the key modulo the range', () => {
    expect(cellKeyOf(RECORD_KEY_RANGE + 5)).toBe(cellKeyOf(5));
    expect(cellKeyOf(BigInt(RECORD_KEY_RANGE) * 7n + 11n)).toBe(cellKeyOf(11));
    expect(perturb(17, 123_456_789)).toBe(perturb(17, 123_456_789 + 3 * RECORD_KEY_RANGE));
    expect(cellKeyOf(RECORD_KEY_RANGE / 2)).toBe(0.5);
  });

  it('uses each deviation of a row about as often as the table says over uniform cell keys', () => {
    const seen = new Map<number, number>();
    const steps = 100_000;
    for (let step = 0; step < steps; step++) {
      const deviation = perturb(40, Math.floor((step / steps) * RECORD_KEY_RANGE)) - 40;
      seen.set(deviation, (seen.get(deviation) ?? 0) + 1);
    }
    for (const { deviation, probability } of PERTURBATION_TABLE['6+'].deviations) {
      expect((seen.get(deviation) ?? 0) / steps).toBeCloseTo(probability, 3);
    }
  });

  it('refuses a count that is not a whole number of 0 or more', () => {
    expect(() => perturb(-1, 0)).toThrow(RangeError);
    expect(() => perturb(2.5, 0)).toThrow(RangeError);
  });
});
