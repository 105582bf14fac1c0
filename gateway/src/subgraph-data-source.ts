import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { encodeViewer, outgoingTraceHeaders, SIGNATURE_HEADERS } from '@durchstarten/kit';
import type { GatewayContext } from './app';

/**
 * Keeps a subgraph's own error when it rejects a whole request (HTTP 4xx with a
 * GraphQL body, e.g. a malformed LocalDate in the variables). The stock data
 * source would report "400: Bad Request" with code INTERNAL_SERVER_ERROR and
 * the subgraph's URL and response body attached.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The subgraph's name, which its errors carry: an operator and a client see which part of the graph failed. */
  readonly name: string;

  constructor(config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0] & { name: string }) {
    super(config);
    this.name = config.name;
  }

  /** Forwards who is asking; the fetcher signs this header together with the body. */
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { viewer, trace } = context as Partial<GatewayContext>;
    request.http?.headers.set(SIGNATURE_HEADERS.viewer, encodeViewer(viewer ?? null));
    for (const [name, value] of Object.entries(outgoingTraceHeaders(trace))) request.http?.headers.set(name, value);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch {
      body = undefined;
    }
    const errors = (body as { errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }> } | undefined)?.errors;
    const first = errors?.[0];
    if (first && typeof first.message === 'string' && typeof first.extensions?.code === 'string') {
      return new GraphQLError(errors!.map((e) => e.message).join(' '), { extensions: { code: first.extensions.code, subgraph: this.name } });
    }
    return new GraphQLError(`The ${this.name} subgraph could not answer (HTTP ${response.status}); nothing was changed there.`, {
      extensions: { code: 'SUBGRAPH_ERROR', subgraph: this.name },
    });
  }
}
