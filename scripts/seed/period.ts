/** The programme's time span in the synthetic world, as ISO dates and as day numbers. */
import { PROGRAMME_END } from '@durchstarten/kreis';
import { parseDay } from './calendar';

/** First entry date in the synthetic world (Kreis Wesel's first entries came in spring 2021). */
export const FIRST_ENTRY = '2021-03-01';
/** Last entry date. */
export const LAST_ENTRY = '2023-09-30';

export const D_START = parseDay(FIRST_ENTRY);
export const D_LAST_ENTRY = parseDay(LAST_ENTRY);
export const D_END = parseDay(PROGRAMME_END);
