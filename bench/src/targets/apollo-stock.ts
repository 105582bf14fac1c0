import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Fetcher } from '@apollo/utils.fetcher';
import { encodeViewer, SIGNATURE_HEADERS, signRequest } from '@durchstarten/kit';
import { createTokenVerifier, DEV_AUDIENCE, DEV_ISSUER, type Viewer } from '@durchstarten/gateway/auth';
import { subgraphsOf } from '@durchstarten/gateway/app';

/**
 * Stock @apollo/gateway for comparison: Apollo's defaults everywhere (standalone
 * server, make-fetch-happen with unbounded sockets, default plan cache, no limits),
 * plus only what our subgraphs demand of any caller: the token is verified and each
 * subgraph request is signed, as our gateway does.
 */
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

class SigningDataSource extends RemoteGraphQLDataSource<{ viewer: Viewer }> {
  constructor(url: string, secret: string) {
    super({ url });
    const stockFetcher = this.fetcher;
    this.fetcher = ((target: string, init: { headers: Record<string, string>; body: string }) =>
      stockFetcher(target, {
        ...init,
        headers: {
          ...init.headers,
          ...signRequest({ caller: 'gateway', secret, url: target, viewer: init.headers[SIGNATURE_HEADERS.viewer] ?? '', body: init.body }),
        },
      } as never)) as unknown as Fetcher;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<{ viewer: Viewer }>): void {
    request.http?.headers.set(SIGNATURE_HEADERS.viewer, encodeViewer((context as { viewer?: Viewer }).viewer ?? null));
  }
}

async function main() {
  const supergraphSdl = readFileSync(env('SUPERGRAPH_PATH'), 'utf8');
  const names = Object.keys(subgraphsOf(supergraphSdl));
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new SigningDataSource(env(`${name.toUpperCase()}_URL`), env(`SUBGRAPH_SECRET_${name.toUpperCase()}`)),
  });
  const verify = createTokenVerifier({ kind: 'secret', secret: env('JWT_SECRET'), issuer: DEV_ISSUER, audience: DEV_AUDIENCE }, names);
  const server = new ApolloServer<{ viewer: Viewer }>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(env('PORT')), host: '127.0.0.1' },
    context: async ({ req }) => ({ viewer: await verify(req.headers.authorization) }),
  });
  process.stderr.write(`stock @apollo/gateway on ${url}\n`);
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((error: Error) => {
  process.stderr.write(`apollo-stock: ${error.message}\n`);
  process.exit(1);
});
