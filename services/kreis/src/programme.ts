/** Kreis Wesel ran the initiative from 2021 until 31 October 2023; entries and referrals lie within it. */
export const PROGRAMME_START = '2021-01-01';
export const PROGRAMME_END = '2023-10-31';

/** Age limits of the guideline, inclusive, on the entry date. */
export const MIN_AGE = 18;
export const MAX_AGE = 27;
