import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot, SIGNATURE_HEADERS, signRequest, silentLogger } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_SECRETS } from '@durchstarten/contracts/testing';
import { KREIS_CASEWORKER, startGraph, TEST_TOKEN_KEYS, type RunningGraph } from './support/graph';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import { createGateway, type GatewayApp, type GatewayDeps } from '@durchstarten/gateway/app';

const supergraphSdl = readFileSync(join(repoRoot(), 'schema/supergraph.graphql'), 'utf8');
const sqlite = testDialects()[0];

let token = '';
const post = async (url: string, query: string) =>
  (await (
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    })
  ).json()) as {
    data?: any;
    errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } }>;
  };

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('gateway', () => {
  let graph: RunningGraph;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    graph = await startGraph(sqlite, { participants: 20 });
    token = await signDevelopmentToken(KREIS_CASEWORKER, TEST_TOKEN_KEYS.secret);
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await graph?.close();
  });

  async function gatewayWith(
    subgraphUrls: Record<string, string>,
    timeoutMs = 10_000,
    more: Partial<GatewayDeps> = {},
  ): Promise<{ gateway: GatewayApp; url: string }> {
    const gateway = await createGateway({
      supergraphSdl,
      subgraphUrls: { ...graph.subgraphUrls, ...subgraphUrls },
      timeoutMs,
      logger: silentLogger,
      tokenKeys: TEST_TOKEN_KEYS,
      subgraphSecrets: graph.subgraphSecrets,
      ...more,
    });
    cleanups.push(() => gateway.close());
    return { gateway, url: await gateway.listen(0) };
  }

  it('answers /health, and /ready once every subgraph is ready', async () => {
    const base = new URL(graph.url);
    expect(await (await fetch(new URL('/health', base))).json()).toEqual({ status: 'ok', service: 'gateway' });
    const ready = await fetch(new URL('/ready', base));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { subgraphs: unknown }).subgraphs).toEqual(
      Object.fromEntries(graph.manifest.subgraphs.map(({ name }) => [name, 'ready'])),
    );
  });

  it('checks a subgraph on a port the Fetch standard calls bad (6000) like any other', async () => {
    // A stand-in that answers /ready on 6000; fetch() would refuse the port before sending anything.
    const standIn = createServer((_req, res) => res.writeHead(200).end('{"status":"ready"}'));
    const listening = await new Promise<boolean>((resolve) => {
      standIn.once('error', () => resolve(false));
      standIn.listen(6000, '127.0.0.1', () => resolve(true));
    });
    if (!listening) {
      process.stdout.write('skipped the bad-port readiness check: port 6000 is in use on this machine\n');
      return;
    }
    cleanups.push(() => new Promise<void>((resolve) => standIn.close(() => resolve())));
    await expect(fetch('http://127.0.0.1:6000/ready')).rejects.toThrow();
    const { url } = await gatewayWith({ agentur: 'http://127.0.0.1:6000/graphql' });
    const ready = await fetch(new URL('/ready', url));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { subgraphs: Record<string, string> }).subgraphs.agentur).toBe('ready');
  });

  describe('CORS for browser pages on other origins', () => {
    const ALLOWED = 'http://app.example:5173';
    const OTHER = 'https://elsewhere.example';
    let corsUrl: string;

    beforeAll(async () => {
      corsUrl = (await gatewayWith({}, 10_000, { corsOrigins: [ALLOWED, 'https://partner.example'] })).url;
    });

    /** What a browser sends before a cross-origin POST with a bearer token and a JSON body. */
    const preflight = (url: string, origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

    it('answers an allowed origin’s preflight with that origin, POST and GET, Authorization and Content-Type', async () => {
      const response = await preflight(corsUrl, ALLOWED);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(['authorization', 'content-type']);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    });

    it('then serves that origin’s POST with a bearer token, and lets the page read the answer', async () => {
      const response = await fetch(corsUrl, {
        method: 'POST',
        headers: { origin: ALLOWED, 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ participants { totalCount } }' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(await response.json()).toEqual({ data: { participants: { totalCount: 20 } } });
    });

    it('gives an origin that is not listed no CORS header, so its browser keeps the answer from the page', async () => {
      const refused = await preflight(corsUrl, OTHER);
      expect(corsHeaders(refused)).toEqual([]);
      expect(refused.headers.get('vary')).toMatch(/\bOrigin\b/);
      const post = await fetch(corsUrl, {
        method: 'POST',
        headers: { origin: OTHER, 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ participants { totalCount } }' }),
      });
      expect(corsHeaders(post)).toEqual([]);
      // A listed origin's scheme or port must match too.
      expect(corsHeaders(await preflight(corsUrl, 'https://app.example:5173'))).toEqual([]);
    });

    it('applies to /graphql only', async () => {
      expect(corsHeaders(await preflight(new URL('/report', corsUrl).href, ALLOWED))).toEqual([]);
      expect(corsHeaders(await preflight(new URL('/dev/token', corsUrl).href, ALLOWED))).toEqual([]);
    });

    it('sends no CORS headers at all without CORS_ORIGINS', async () => {
      expect(corsHeaders(await preflight(graph.url, ALLOWED))).toEqual([]);
    });
  });

  it('gives up on a slow subgraph after the configured timeout and still returns the other subgraphs’ data', async () => {
    // It never answers: only the gateway's own timeout can end the request, so no clock is needed to prove it.
    const slow = http.createServer(() => {});
    const slowPort = await listen(slow);
    cleanups.push(
      () =>
        new Promise((resolve) => {
          slow.close(resolve);
          slow.closeAllConnections();
        }),
    );
    const { url } = await gatewayWith({ agentur: `http://127.0.0.1:${slowPort}/graphql` }, 300);

    const result = await post(url, '{ participants(first: 2) { totalCount } placement(id: "PL-00001") { id } }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'The agentur subgraph gave no answer within 300 ms.',
      extensions: { code: 'SUBGRAPH_TIMEOUT' },
    });
    expect(result.data).toEqual({ participants: { totalCount: 20 }, placement: null });
    const readiness = await fetch(new URL('/ready', url));
    expect(readiness.status).toBe(503);
  });

  it('forwards who is asking to the subgraph, signed with that subgraph’s secret', async () => {
    const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const recorder = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ data: { placement: null } }));
      });
    });
    const port = await listen(recorder);
    cleanups.push(() => new Promise((resolve) => recorder.close(resolve)));
    const { url } = await gatewayWith({ agentur: `http://127.0.0.1:${port}/graphql` });
    expect((await post(url, '{ placement(id: "PL-00001") { id } }')).data).toEqual({ placement: null });

    expect(seen).toHaveLength(1);
    const { headers, body } = seen[0];
    const viewer = headers[SIGNATURE_HEADERS.viewer] as string;
    expect(JSON.parse(Buffer.from(viewer, 'base64url').toString('utf8'))).toEqual(KREIS_CASEWORKER);
    const expected = signRequest({
      caller: 'gateway',
      secret: TEST_SECRETS.gatewayTo('agentur'),
      url: `http://127.0.0.1:${port}/graphql`,
      viewer: KREIS_CASEWORKER,
      body,
      now: Number(headers[SIGNATURE_HEADERS.timestamp]),
      nonce: headers[SIGNATURE_HEADERS.nonce] as string,
    });
    expect(headers[SIGNATURE_HEADERS.signature]).toBe(expected[SIGNATURE_HEADERS.signature]);
    expect(headers[SIGNATURE_HEADERS.caller]).toBe('gateway');
  });

  it('names an unreachable subgraph without revealing its address', async () => {
    const closed = net.createServer();
    const closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const { url } = await gatewayWith({ agentur: `http://127.0.0.1:${closedPort}/graphql` });
    const result = await post(url, '{ placement(id: "PL-00001") { id } }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'The agentur subgraph cannot be reached right now.',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    });
    expect(JSON.stringify(result)).not.toContain(String(closedPort));
  });

  it('answers a body that is not JSON with a JSON error, not the raw body or a stack trace', async () => {
    const body = '{"query": "{ participants { totalCount } }", "name": "Erika Muster';
    const signed = signRequest({
      caller: 'gateway',
      secret: TEST_SECRETS.gatewayTo('kreis'),
      url: graph.subgraphUrls.kreis,
      viewer: null,
      body,
    });
    for (const [target, headers] of [
      [graph.url, { authorization: `Bearer ${token}` }],
      [graph.subgraphUrls.kreis, signed],
    ] as const) {
      const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
      });
      expect(text).not.toContain('Muster');
    }
  });

  it('reuses keep-alive connections to a subgraph instead of opening one per request', async () => {
    let connections = 0;
    const kreisPort = Number(new URL(graph.subgraphUrls.kreis).port);
    const proxy = net.createServer((client) => {
      connections += 1;
      const upstream = net.connect(kreisPort, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    const proxyPort = await listen(proxy);
    cleanups.push(() => new Promise((resolve) => proxy.close(resolve)));
    const { gateway, url } = await gatewayWith({ kreis: `http://127.0.0.1:${proxyPort}/graphql` });

    for (let i = 0; i < 10; i += 1) {
      const result = await post(url, '{ participants(first: 3) { totalCount } }');
      expect(result.data.participants.totalCount).toBe(20);
    }
    expect(connections).toBe(1);
    await gateway.close();
  });

  it('keeps a subgraph’s own error code when it rejects a whole request', async () => {
    const result = await post(graph.url, '{ participants(filter: { enteredFrom: "2023-02-30" }) { totalCount } }');
    expect(result.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(result.errors?.[0].message).toMatch(/LocalDate/);
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1/);
  });
});
