import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { Agent, fetch } from 'undici';
import { SIGNATURE_HEADERS, signRequest } from '../../services/kit/src/signing';

export interface SubgraphFetcherOptions {
  timeoutMs: number;
  maxSocketsPerSubgraph: number;
}

/**
 * Subgraph calls over a bounded pool of keep-alive connections with a timeout:
 * @apollo/gateway sets neither by default, so one slow subgraph would hold requests forever.
 * Failures name the subgraph, never its address.
 */
export function createSubgraphFetchers(options: SubgraphFetcherOptions): {
  fetcherFor: (subgraph: string, secret: string) => Fetcher;
  close: () => Promise<void>;
} {
  const agent = new Agent({
    connections: options.maxSocketsPerSubgraph,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    pipelining: 1,
  });
  const fetcherFor = (subgraph: string, secret: string) =>
    (async (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => {
      const body = init?.body ?? '';
      const viewer = init?.headers?.[SIGNATURE_HEADERS.viewer] ?? '';
      try {
        return await fetch(url, {
          method: init?.method ?? 'POST',
          headers: { ...init?.headers, ...signRequest({ caller: 'gateway', secret, url, viewer, body }) },
          body,
          dispatcher: agent,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        throw new GraphQLError(
          timedOut
            ? `The ${subgraph} subgraph gave no answer within ${options.timeoutMs} ms.`
            : `The ${subgraph} subgraph cannot be reached right now.`,
          { extensions: { code: timedOut ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE', subgraph } },
        );
      }
    }) as unknown as Fetcher;
  return { fetcherFor, close: () => agent.close() };
}
