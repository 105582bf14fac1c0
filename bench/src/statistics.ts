import { sampleResources } from './load';

/** The statistics scenario: two dimensions, every measure, so every organisation counts (four subgraph fetches). */
export const STATISTICS_DOCUMENT = `query Statistics {
  statistics(by: [MUNICIPALITY, GENDER]) {
    group { dimension value }
    participants { value suppressed }
    withInternship { value suppressed }
    withLanguageExamPassed { value suppressed }
    withPlacement { value suppressed }
  }
}`;

/** The whole programme's quarterly tables. */
export const MONITORING_DOCUMENT = `query Monitoring {
  monitoring(from: "2021-01-01", to: "2023-10-31") {
    quarter entries { value } exits { value } stock { value } modules { module stock { value } }
  }
}`;

export interface StatisticsRun {
  queries: number;
  cells: number;
  /** Median and slowest time of one statistics query, one after the other. */
  medianMs: number;
  maxMs: number;
  /** Median milliseconds per 1,000 participants: flat when the query grows linearly with the world. */
  msPer1000: number;
  /** Median time of the whole programme's monitoring tables (12 quarters), asked as often. */
  monitoringMedianMs: number;
  /** Highest resident memory of the gateway while the queries ran: flat when only counts cross it. */
  peakRssMb?: number;
}

/** One analyst asks the same two-dimensional statistics `queries` times in a row through the gateway. */
export async function statisticsRuns(options: {
  url: string;
  token: string;
  pid?: number;
  participants: number;
  queries?: number;
}): Promise<StatisticsRun> {
  const queries = options.queries ?? 10;
  const resources = sampleResources(options.pid, 100);
  const ask = async (query: string): Promise<{ ms: number; data: Record<string, unknown[]> }> => {
    const started = process.hrtime.bigint();
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown[]>; errors?: Array<{ message: string }> };
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!response.ok || body.errors || !body.data) {
      await resources.stop();
      throw new Error(`statistics query failed (HTTP ${response.status}): ${body.errors?.map((e) => e.message).join('; ')}`);
    }
    return { ms, data: body.data };
  };
  const times: number[] = [];
  const monitoringTimes: number[] = [];
  let cells = 0;
  for (let i = 0; i < queries; i++) {
    const answer = await ask(STATISTICS_DOCUMENT);
    times.push(answer.ms);
    cells = answer.data.statistics.length;
    monitoringTimes.push((await ask(MONITORING_DOCUMENT)).ms);
  }
  const usage = await resources.stop();
  const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const sorted = [...times].sort((a, b) => a - b);
  const median = medianOf(times);
  return {
    queries,
    cells,
    medianMs: Number(median.toFixed(1)),
    maxMs: Number(sorted[sorted.length - 1].toFixed(1)),
    msPer1000: Number(((median * 1000) / Math.max(1, options.participants)).toFixed(2)),
    monitoringMedianMs: Number(medianOf(monitoringTimes).toFixed(1)),
    peakRssMb: usage.peakRssMb,
  };
}
