import { createTokenVerifier, DEV_AUDIENCE, DEV_ISSUER } from '@durchstarten/gateway/auth';
import { encodeViewer, SIGNATURE_HEADERS, signRequest } from '@durchstarten/kit';

/**
 * What our subgraphs demand of any gateway, as a Hive Gateway plugin: the bearer
 * token verified exactly as our gateway verifies it, and each subgraph request
 * signed for the verified viewer. Everything else stays at Hive Gateway's defaults.
 */
interface HiveRequestHook {
  request: Request;
  url: URL;
  endResponse(response: Response): void;
}
interface HiveExecutionRequest {
  subgraphName?: string;
  context?: { request?: Request };
  extensions?: { headers?: Record<string, string> } & Record<string, unknown>;
}
interface HiveFetchHook {
  url: string;
  options: { method?: string; headers?: Record<string, string>; body?: unknown };
  setOptions(options: unknown): void;
  executionRequest?: HiveExecutionRequest;
}

const unauthenticated = (message: string) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

export function useDurchstartenTrust(trust: { jwtSecret: string; subgraphSecrets: Record<string, string> }) {
  const verify = createTokenVerifier(
    { kind: 'secret', secret: trust.jwtSecret, issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
    Object.keys(trust.subgraphSecrets),
  );
  const viewers = new WeakMap<Request, string>();
  return {
    async onRequest({ request, url, endResponse }: HiveRequestHook) {
      if (url.pathname !== '/graphql') return;
      try {
        viewers.set(request, encodeViewer(await verify(request.headers.get('authorization') ?? undefined)));
      } catch (error) {
        endResponse(unauthenticated((error as Error).message));
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
