import { Counter, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '@durchstarten/kit';

/** How one subgraph fetch ended: the HTTP status it answered with, or why there was none. */
export type FetchOutcome = number | 'timeout' | 'unavailable';

/** Per subgraph: how long its answers take and how its calls fail. */
export interface SubgraphFetchMetrics {
  /** `started` from process.hrtime.bigint() before the call. */
  observe(subgraph: string, started: bigint, outcome: FetchOutcome): void;
}

export function subgraphFetchMetrics(registry: Registry): SubgraphFetchMetrics {
  const duration = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Time from sending a subgraph request to the end of its answer, by subgraph and result (ok, http_<status>, timeout, unavailable)',
    labelNames: ['subgraph', 'result'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gateway_subgraph_fetch_errors_total',
    help: 'Subgraph requests without a 2xx answer, by subgraph and reason (timeout, unavailable, http_<status>)',
    labelNames: ['subgraph', 'reason'],
    registers: [registry],
  });
  return {
    observe(subgraph, started, outcome) {
      const result = typeof outcome === 'number' ? (outcome >= 200 && outcome < 300 ? 'ok' : `http_${outcome}`) : outcome;
      duration.observe({ subgraph, result }, Number(process.hrtime.bigint() - started) / 1e9);
      if (result !== 'ok') errors.inc({ subgraph, reason: result });
    },
  };
}
