import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { Agent, request } from 'undici';
import { SIGNATURE_HEADERS, signRequest } from '@durchstarten/kit';
import type { SubgraphFetchMetrics } from './metrics';

export interface SubgraphFetcherOptions {
  timeoutMs: number;
  maxSocketsPerSubgraph: number;
  /** When a call's deadline passes; tests pass their own to pass it at a moment of their choosing. */
  deadline?: (timeoutMs: number) => AbortSignal;
  metrics?: SubgraphFetchMetrics;
}

type UndiciResponse = Awaited<ReturnType<typeof request>>;

/**
 * What @apollo/gateway reads of a subgraph response (status, headers, the body as
 * JSON or text), over undici's plain request API: WHATWG fetch costs the gateway a
 * web stream and extra copies per subgraph call. The body is already read, within
 * the call's deadline.
 */
function asFetcherResponse(url: string, response: UndiciResponse, body: string) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return {
    ok: response.statusCode >= 200 && response.statusCode < 300,
    status: response.statusCode,
    statusText: '',
    url,
    redirected: false,
    headers,
    bodyUsed: false,
    json: async () => JSON.parse(body) as unknown,
    text: async () => body,
    arrayBuffer: async () => new TextEncoder().encode(body).buffer,
  };
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
      // One deadline for the whole call: waiting for a pooled connection, connecting, sending and reading the answer.
      // undici's headersTimeout and bodyTimeout start only once the request is on a socket, and an aborted request
      // still waits in the pool's queue until it gets one (and is then dropped unsent): the race ends that wait.
      const deadline = (options.deadline ?? AbortSignal.timeout)(options.timeoutMs);
      const deadlinePassed = new Promise<never>((_, reject) =>
        deadline.addEventListener('abort', () => reject(deadline.reason as Error), { once: true }),
      );
      const started = process.hrtime.bigint();
      try {
        const response = await Promise.race([
          request(url, {
            method: (init?.method ?? 'POST') as 'POST',
            // traceparent is not signed: a forged one can only mislabel log lines, and the subgraph checks its format.
            headers: { ...init?.headers, ...signRequest({ caller: 'gateway', secret, url, viewer, body }) },
            body,
            dispatcher: agent,
            signal: deadline,
          }),
          deadlinePassed,
        ]);
        const fetched = asFetcherResponse(url, response, await response.body.text());
        options.metrics?.observe(subgraph, started, response.statusCode);
        return fetched;
      } catch {
        const timedOut = deadline.aborted;
        options.metrics?.observe(subgraph, started, timedOut ? 'timeout' : 'unavailable');
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
