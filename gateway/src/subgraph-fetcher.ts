import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent, fetch } from 'undici';

export interface SubgraphFetcherOptions {
  timeoutMs: number;
  maxSocketsPerSubgraph: number;
}

/**
 * Subgraph calls over a bounded pool of keep-alive connections with a timeout:
 * @apollo/gateway sets neither by default, so one slow subgraph would hold requests forever.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): { fetcher: Fetcher; close: () => Promise<void> } {
  const agent = new Agent({
    connections: options.maxSocketsPerSubgraph,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    pipelining: 1,
  });
  const fetcher = (async (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => {
    try {
      return await fetch(url, {
        method: init?.method ?? 'POST',
        headers: init?.headers,
        body: init?.body,
        dispatcher: agent,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : 'unreachable';
      throw new Error(`Subgraph at ${new URL(url).host} is ${reason === 'unreachable' ? 'unreachable' : `slow: ${reason}`}`);
    }
  }) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
