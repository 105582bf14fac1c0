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

export interface StatisticsRun {
  queries: number;
  cells: number;
  /** Median and slowest time of one statistics query, one after the other. */
  medianMs: number;
  maxMs: number;
  /** Median milliseconds per 1,000 participants: flat when the query grows linearly with the world. */
  msPer1000: number;
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
  const times: number[] = [];
  let cells = 0;
  for (let i = 0; i < queries; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ query: STATISTICS_DOCUMENT }),
    });
    const body = (await response.json()) as { data?: { statistics: unknown[] }; errors?: Array<{ message: string }> };
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!response.ok || body.errors || !body.data) {
      await resources.stop();
      throw new Error(`statistics query failed (HTTP ${response.status}): ${body.errors?.map((e) => e.message).join('; ')}`);
    }
    cells = body.data.statistics.length;
  }
  const usage = await resources.stop();
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    queries,
    cells,
    medianMs: Number(median.toFixed(1)),
    maxMs: Number(sorted[sorted.length - 1].toFixed(1)),
    msPer1000: Number(((median * 1000) / Math.max(1, options.participants)).toFixed(2)),
    peakRssMb: usage.peakRssMb,
  };
}
