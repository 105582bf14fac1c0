import { encodeViewer, SIGNATURE_HEADERS, signRequest } from '@durchstarten/kit';
import { createTokenVerifier, type TokenKeys } from '../auth';

/** The parts of Hive Gateway's hook arguments the plugin uses: Hive itself is installed in bench/ only. */
export interface HiveRequestHook {
  request: Request;
  url: URL;
  endResponse(response: Response): void;
}
export interface HiveExecutionRequest {
  subgraphName?: string;
  context?: { request?: Request };
  extensions?: { headers?: Record<string, string> } & Record<string, unknown>;
}
export interface HiveFetchHook {
  url: string;
  options: { method?: string; headers?: Record<string, string>; body?: unknown };
  setOptions(options: unknown): void;
  executionRequest?: HiveExecutionRequest;
}

/** The token check's own error (UNAUTHENTICATED 401, or AUTHENTICATION_UNAVAILABLE 503 when the key set cannot be fetched). */
const refusal = (error: unknown) => {
  const extensions = (error as { extensions?: { code?: string; http?: { status?: number } } }).extensions;
  const code = extensions?.code ?? 'UNAUTHENTICATED';
  return new Response(JSON.stringify({ errors: [{ message: (error as Error).message, extensions: { code } }] }), {
    status: extensions?.http?.status ?? 401,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};

/**
 * What our subgraphs demand of any gateway, as a Hive Gateway plugin: the bearer
 * token verified exactly as our gateway verifies it, and each subgraph request
 * signed for the verified viewer (gateway/hive/gateway.config.mjs adds the query limits).
 */
export function useDurchstartenTrust(trust: { tokenKeys: TokenKeys; subgraphSecrets: Record<string, string> }) {
  const verify = createTokenVerifier(trust.tokenKeys, Object.keys(trust.subgraphSecrets));
  const viewers = new WeakMap<Request, string>();
  return {
    async onRequest({ request, url, endResponse }: HiveRequestHook) {
      if (url.pathname !== '/graphql') return;
      try {
        viewers.set(request, encodeViewer(await verify(request.headers.get('authorization') ?? undefined)));
      } catch (error) {
        endResponse(refusal(error));
      }
    },
    // The viewer must be a header before Hive's fetch: its in-flight de-duplication keys on
    // URL, body and those headers, and would otherwise hand one viewer another viewer's answer.
    onSubgraphExecute({ executionRequest }: { executionRequest: HiveExecutionRequest }) {
      const viewer = (executionRequest.context?.request && viewers.get(executionRequest.context.request)) ?? '';
      executionRequest.extensions = {
        ...executionRequest.extensions,
        headers: { ...executionRequest.extensions?.headers, [SIGNATURE_HEADERS.viewer]: viewer },
      };
    },
    onFetch({ url, options, setOptions, executionRequest }: HiveFetchHook) {
      const subgraph = executionRequest?.subgraphName ?? '';
      const secret = Object.hasOwn(trust.subgraphSecrets, subgraph) ? trust.subgraphSecrets[subgraph] : undefined;
      if (!secret) throw new Error(`No secret to sign requests to subgraph "${subgraph}"`);
      if (typeof options.body !== 'string') throw new Error(`Cannot sign a ${typeof options.body} body for ${subgraph}`);
      const viewer = options.headers?.[SIGNATURE_HEADERS.viewer] ?? '';
      setOptions({
        ...options,
        headers: { ...options.headers, ...signRequest({ caller: 'gateway', secret, url, viewer, body: options.body }) },
      });
    },
  };
}
