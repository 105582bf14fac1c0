import { ageOn, requireNotBefore } from './dates';
import { decodeCursor, encodeCursor, pageSize } from './paging';

describe('ageOn', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    expect(ageOn('2000-05-10', '2018-05-09')).toBe(17);
    expect(ageOn('2000-05-10', '2018-05-10')).toBe(18);
    expect(ageOn('1995-01-01', '2022-12-31')).toBe(27);
    expect(ageOn('1995-01-01', '2023-01-01')).toBe(28);
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
  });
});

describe('requireNotBefore', () => {
  it('accepts the same day and later, rejects earlier with both fields named', () => {
    expect(() => requireNotBefore('2023-01-01', '2023-01-01', 'endsOn', 'startsOn')).not.toThrow();
    expect(() => requireNotBefore(null, '2023-01-01', 'endsOn', 'startsOn')).not.toThrow();
    expect(() => requireNotBefore('2022-12-31', '2023-01-01', 'endsOn', 'startsOn')).toThrow(
      'endsOn (2022-12-31) must not be before startsOn (2023-01-01).',
    );
  });
});

describe('paging', () => {
  it('round-trips cursors and rejects foreign ones', () => {
    expect(decodeCursor(encodeCursor('42'))).toBe('42');
    expect(() => decodeCursor('bm9wZQ')).toThrow(/not one this service issued/);
  });

  it('bounds the page size', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(1000)).toBe(1000);
    expect(() => pageSize(1001)).toThrow(/between 0 and 1000/);
    expect(() => pageSize(-1)).toThrow(/between 0 and 1000/);
  });
});
