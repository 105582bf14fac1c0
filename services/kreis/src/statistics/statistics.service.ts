import { type Contributor, fetchContribution } from './contribution.client';
import {
  type Figure,
  figureOf,
  MIN_PEOPLE_FOR_OUTCOME_MEASURES,
  type Protection,
  SUPPRESSED,
  type TraceContext,
  ValidationError,
} from '@durchstarten/kit';
import { Module, PLACEMENT_MEASURE_PREFIX, PlacementKind, PROVIDER_MEASURES } from '@durchstarten/contracts';
import type { ParticipantService } from '../participant/participant.service';
import type { ParticipantCriteria } from '../participant/participant.commands';
import { PROGRAMME_END, PROGRAMME_START } from '../programme';
import { StatisticsRepository, type Quarter, type RawCount } from './statistics.repository';
import { StatisticsDimension, type MonitoringQuarterType, type StatisticsCellType } from './statistics.type';

/** At most this many dimensions per query: beyond three, nearly every cell is a handful of people. */
export const MAX_DIMENSIONS = 3;

/** Which contributed measures a query asks for; kreis fetches contributions only when one is. */
export interface RequestedMeasures {
  internship: boolean;
  languageExam: boolean;
  placement: boolean;
}

const INTERNSHIP = 'INTERNSHIP';
const LANGUAGE_EXAM_PASSED = 'LANGUAGE_EXAM_PASSED';
const ANY_PLACEMENT = 'ANY';

/**
 * The G.I.B. monitoring and ad-hoc statistics: kreis counts in its own database,
 * joining the ids other organisations contribute, and protects each figure once,
 * here, before it leaves the graph.
 */
export class StatisticsService {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly participants: ParticipantService,
    /** The organisations that contribute measures: every provider and agentur. */
    private readonly contributors: readonly Contributor[],
  ) {}

  async monitoring(from: string, to: string, protection: Protection): Promise<MonitoringQuarterType[]> {
    if (from > to) throw new ValidationError(`"from" (${from}) is after "to" (${to}).`, 'from');
    for (const [name, date] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (date < PROGRAMME_START || date > PROGRAMME_END) {
        throw new ValidationError(`"${name}" (${date}) lies outside the programme, ${PROGRAMME_START} to ${PROGRAMME_END}.`, name);
      }
    }
    const quarters = quartersOverlapping(from, to);
    const raw = await this.repository.monitoring(quarters);
    return quarters.map(({ label }) => {
      const quarter = raw.get(label)!;
      return {
        quarter: label,
        entries: figureOf(quarter.entries, protection),
        exits: figureOf(quarter.exits, protection),
        stock: figureOf(quarter.stock, protection),
        modules: Object.values(Module).map((module) => ({ module, stock: figureOf(quarter.modules[module], protection) })),
      };
    });
  }

  async statistics(
    dimensions: readonly StatisticsDimension[],
    filter: ParticipantCriteria,
    requested: RequestedMeasures,
    protection: Protection,
    /** The request being served, which the calls to the contributors join. */
    trace?: TraceContext,
  ): Promise<StatisticsCellType[]> {
    this.checkDimensions(dimensions);
    this.participants.checkFilter(filter);
    const wantsMeasures = requested.internship || requested.languageExam || requested.placement;
    const measures = wantsMeasures ? await this.contributedMeasures(requested, trace) : [];
    const cells = await this.repository.cells(dimensions, filter, measures);
    const none: RawCount = { count: 0, recordKeySum: 0n };
    return cells.map((cell) => {
      // Too few people for outcome figures: "3 of 3 had a placement" tells each one's outcome, whatever the noise.
      const outcomesProtectable = protection === 'exact' || cell.participants.count >= MIN_PEOPLE_FOR_OUTCOME_MEASURES;
      const measure = (name: string): Figure =>
        !wantsMeasures ? SUPPRESSED : outcomesProtectable ? figureOf(cell.measures[name] ?? none, protection) : SUPPRESSED;
      return {
        group: dimensions.map((dimension, i) => ({ dimension, value: cell.values[i] })),
        participants: figureOf(cell.participants, protection),
        withInternship: measure(INTERNSHIP),
        withLanguageExamPassed: measure(LANGUAGE_EXAM_PASSED),
        placements: Object.fromEntries([ANY_PLACEMENT, ...Object.values(PlacementKind)].map((name) => [name, measure(name)])),
      };
    });
  }

  private checkDimensions(dimensions: readonly StatisticsDimension[]): void {
    if (dimensions.length > MAX_DIMENSIONS) {
      throw new ValidationError(`At most ${MAX_DIMENSIONS} dimensions per query; "by" names ${dimensions.length}.`, 'by');
    }
    const repeated = dimensions.find((dimension, i) => dimensions.indexOf(dimension) !== i);
    if (repeated) throw new ValidationError(`"by" names ${repeated} twice; name each dimension once.`, 'by');
  }

  /** The ids holding each measure, merged across organisations so that a person counts once. */
  private async contributedMeasures(requested: RequestedMeasures, trace?: TraceContext): Promise<Array<{ name: string; participantIds: string[] }>> {
    const wanted = this.contributors.filter((c) =>
      c.organisation === 'agentur' ? requested.placement : requested.internship || requested.languageExam,
    );
    const contributions = await Promise.all(wanted.map((contributor) => fetchContribution(contributor, trace)));
    const holders = new Map<string, Set<string>>();
    const add = (name: string, ids: string[] | undefined) => {
      const set = holders.get(name) ?? new Set<string>();
      for (const id of ids ?? []) set.add(id);
      holders.set(name, set);
    };
    for (const contribution of contributions) {
      for (const name of PROVIDER_MEASURES) add(name, contribution[name]);
      for (const kind of Object.values(PlacementKind)) {
        add(kind, contribution[PLACEMENT_MEASURE_PREFIX + kind]);
        add(ANY_PLACEMENT, contribution[PLACEMENT_MEASURE_PREFIX + kind]);
      }
    }
    return [...holders].map(([name, ids]) => ({ name, participantIds: [...ids] }));
  }
}

/** The calendar quarters overlapping [from, to], each with its first and last day. */
export function quartersOverlapping(from: string, to: string): Quarter[] {
  const quarters: Quarter[] = [];
  let year = Number(from.slice(0, 4));
  let q = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
  const lastYear = Number(to.slice(0, 4));
  const lastQ = Math.floor((Number(to.slice(5, 7)) - 1) / 3) + 1;
  while (year < lastYear || (year === lastYear && q <= lastQ)) {
    const startMonth = (q - 1) * 3 + 1;
    const endMonth = startMonth + 2;
    const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
    quarters.push({
      label: `${year}-Q${q}`,
      starts: `${year}-${String(startMonth).padStart(2, '0')}-01`,
      ends: `${year}-${String(endMonth).padStart(2, '0')}-${lastDay}`,
    });
    if (++q > 4) {
      q = 1;
      year++;
    }
  }
  return quarters;
}
