/** Dates as day numbers (days since 1970-01-01, UTC), and their ISO strings. */

const MS_PER_DAY = 86_400_000;

export function dayOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function parseDay(iso: string): number {
  return dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

const TABLE_FIRST = dayOf(1985, 1, 1);
const TABLE_LAST = dayOf(2035, 12, 31);
let dateTable: string[] | null = null;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatSlow(day: number): string {
  const dt = new Date(day * MS_PER_DAY);
  return `${dt.getUTCFullYear()}-${pad2(dt.getUTCMonth() + 1)}-${pad2(dt.getUTCDate())}`;
}

/** ISO date string of a day number; table look-up so that equal dates share one string. */
export function fmt(day: number): string {
  if (day < TABLE_FIRST || day > TABLE_LAST) return formatSlow(day);
  if (dateTable === null) {
    const table: string[] = new Array(TABLE_LAST - TABLE_FIRST + 1);
    for (let d = TABLE_FIRST; d <= TABLE_LAST; d++) table[d - TABLE_FIRST] = formatSlow(d);
    dateTable = table;
  }
  return dateTable[day - TABLE_FIRST];
}

export function ymdOf(day: number): [number, number, number] {
  const dt = new Date(day * MS_PER_DAY);
  return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
}

/** The same calendar day `months` later (Date.UTC overflow rules for short months). */
export function addMonths(day: number, months: number): number {
  const [y, m, d] = ymdOf(day);
  return dayOf(y, m + months, d);
}

export function firstOfNextMonth(day: number): number {
  const [y, m] = ymdOf(day);
  return dayOf(y, m + 1, 1);
}
