import { ValidationError } from './errors';

/** Whole years between `birthDate` and `onDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Rejects `later` when it lies before `earlier`; both are ISO dates, so text order is date order. */
export function requireNotBefore(later: string | null | undefined, earlier: string, laterField: string, earlierField: string): void {
  if (later != null && later < earlier) {
    throw new ValidationError(`${laterField} (${later}) must not be before ${earlierField} (${earlier}).`, laterField);
  }
}

const BERLIN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Kreis Wesel (not UTC: just after midnight there, UTC still says yesterday). */
export function todayIso(): string {
  return BERLIN_DATE.format(new Date());
}
