import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { Agent, request } from 'undici';
import { SIGNATURE_HEADERS, signRequest } from '@durchstarten/kit';

export interface SubgraphFetcherOptions {
  timeoutMs: number;
  maxSocketsPerSubgraph: number;
}

type UndiciResponse = Awaited<ReturnType<typeof request>>;

/**
 * What @apollo/gateway reads of a subgraph response (status, headers, the body as
 * JSON or text), over undici's plain request API: WHATWG fetch costs the gateway a
 * web stream and extra copies per subgraph call.
 */
function asFetcherResponse(url: string, response: UndiciResponse) {
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
    get bodyUsed() {
      return response.body.bodyUsed;
    },
    json: () => response.body.json(),
    text: () => response.body.text(),
    arrayBuffer: () => response.body.arrayBuffer(),
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
      try {
        const response = await request(url, {
          method: (init?.method ?? 'POST') as 'POST',
          headers: { ...init?.headers, ...signRequest({ caller: 'gateway', secret, url, viewer, body }) },
          body,
          dispatcher: agent,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
        return asFetcherResponse(url, response);
      } catch (error) {
        const timedOut = ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'].includes((error as { code?: string }).code ?? '');
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
