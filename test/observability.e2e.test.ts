import net, { type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, repoRoot, silentLogger, type SignedViewer } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { createGateway } from '@durchstarten/gateway/app';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import { startFaultProxy } from './support/fault-proxy';
import { startGraph, TEST_TOKEN_KEYS, type RunningGraph } from './support/graph';
import { COHORT_SELECTION, JOURNEY_SELECTION } from './support/readme-queries';

// The README's two example queries, as a user would send them (the journey of a participant whose case has started).
const journeyOf = (participantId: string) => `query Journey {
  participant(id: "${participantId}") {
    ${JOURNEY_SELECTION}
  }
}`;
const COHORT = `query Cohort($after: String) {
  participants(first: 50, after: $after,
               filter: { module: F2_QUALIFICATION_LANGUAGE, status: EXITED, enteredFrom: "2022-01-01" }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      ${COHORT_SELECTION}
    } }
  }
}`;
const REGISTER = `mutation Register($input: RegisterParticipantInput!) { registerParticipant(input: $input) { id givenName } }`;
const STATISTICS = `query Statistics { statistics(by: [BANK]) { group { value } participants { value } withInternship { value } withPlacement { value } } }`;
const BROKEN = `query Broken { participant(id: "TN-0001") { id shoeSize } }`;

// What the mutations write: names no log line may hold, neither from the accepted write nor from the refused one.
const WRITTEN = { givenName: 'Ottilie', familyName: 'Spurlosowa', birthDate: '2001-04-12' };
const REFUSED = { givenName: 'Waltraut', familyName: 'Ungueltigkeit', birthDate: 'kein-Datum' };
const registerInput = (person: typeof WRITTEN) => ({
  ...person,
  gender: 'FEMALE',
  residenceStatus: 'GESTATTUNG',
  municipalityId: 'wesel',
  enteredOn: '2022-09-01',
});

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const VALID_TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const INVALID_TRACEPARENT = `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`;

interface Sent {
  requestId: string;
  status: number;
  body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
}

interface LogLine {
  service: string;
  message: string;
  level: string;
  requestId?: string;
  operation?: string;
  durationMs?: number;
  status?: number;
  errorCodes?: string[];
}

/** The value of every series of `name` whose labels include all of `labels`, summed; 0 when there is none. */
function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const series = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => series[key] === value)) sum += Number(match[3]);
  }
  return sum;
}

async function scrape(url: string | undefined): Promise<string> {
  if (!url) throw new Error('no metrics URL: the service was started without a metrics port');
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

/** Whole words only: a short name must not match inside a JSON key or an English word. */
const containsWord = (line: string, word: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, 'u').test(line);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(testDialects().map((d) => [d.name, d] as const))('metrics and logs on %s', (_name, dialect) => {
  let graph: RunningGraph;
  /** Every line each service logged, from its start: migrations and seeding included. */
  const lines: Array<{ service: string; text: string }> = [];
  let firstRequestLine = 0;
  const sent: Record<string, Sent> = {};
  let JOURNEY = '';
  let journeyProvider = '';

  const post = async (viewer: SignedViewer, query: string, variables?: unknown, headers: Record<string, string> = {}): Promise<Sent> => {
    const response = await fetch(graph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await signDevelopmentToken(viewer as never, TEST_TOKEN_KEYS.secret)}`,
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return {
      requestId: response.headers.get('x-request-id') ?? '',
      status: response.status,
      body: (await response.json()) as Sent['body'],
    };
  };

  const logged = (service?: string): LogLine[] =>
    lines
      .slice(firstRequestLine)
      .filter((line) => service === undefined || line.service === service)
      .map((line) => JSON.parse(line.text) as LogLine);
  const requestLines = (service: string) => logged(service).filter((line) => line.message === 'request');

  beforeAll(async () => {
    graph = await startGraph(dialect, {
      participants: 60,
      loggerOf: (service) => createLogger(service, 'debug', { write: (text) => void lines.push({ service, text }) }),
    });
    firstRequestLine = lines.length;
    // Its case comes from the provider only with the participant's consent to the exchange.
    const consenting = new Set(
      graph.world.consents.filter((c) => c.scope === 'PROVIDER_EXCHANGE' && !c.withdrawnOn).map((c) => c.participantId),
    );
    const started = graph.world.referrals.find((referral) => referral.startedOn !== null && consenting.has(referral.participantId));
    if (!started) throw new Error('the world has no started referral');
    JOURNEY = journeyOf(started.participantId);
    journeyProvider = started.providerId;
    const gatewayMetrics = await scrape(graph.gateway.metricsUrl);
    sent.before = { requestId: '', status: 0, body: { data: gatewayMetrics } };

    sent.journey = await post(TEST_VIEWERS.caseworker, JOURNEY, undefined, { traceparent: VALID_TRACEPARENT });
    sent.cohort = await post(TEST_VIEWERS.caseworker, COHORT, { after: null }, { traceparent: INVALID_TRACEPARENT });
    sent.register = await post(TEST_VIEWERS.caseworker, REGISTER, { input: registerInput(WRITTEN) });
    sent.refused = await post(TEST_VIEWERS.caseworker, REGISTER, { input: registerInput(REFUSED) });
    sent.broken = await post(TEST_VIEWERS.caseworker, BROKEN);
    sent.statistics = await post(TEST_VIEWERS.analyst, STATISTICS);
    const anonymous = await fetch(graph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: STATISTICS }),
    });
    sent.unauthenticated = {
      requestId: anonymous.headers.get('x-request-id') ?? '',
      status: anonymous.status,
      body: (await anonymous.json()) as Sent['body'],
    };
  });

  afterAll(async () => {
    await graph?.close();
  });

  it('answers the requests as the e2e suite expects, each with a request id', () => {
    expect(sent.journey.body.errors).toBeUndefined();
    expect((sent.journey.body.data as { participant: { id: string } }).participant.id).toMatch(/^TN-/);
    expect(sent.cohort.body.errors).toBeUndefined();
    expect(sent.register.body.errors).toBeUndefined();
    expect((sent.register.body.data as { registerParticipant: { givenName: string } }).registerParticipant.givenName).toBe(
      WRITTEN.givenName,
    );
    expect(sent.refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(sent.broken.status).toBe(400);
    expect(sent.broken.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(sent.statistics.body.errors).toBeUndefined();
    expect(sent.unauthenticated.status).toBe(401);
    // A valid traceparent names the request; an invalid one (all-zero trace id) starts a trace of its own.
    expect(sent.journey.requestId).toBe(TRACE_ID);
    expect(sent.cohort.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(sent.cohort.requestId).not.toBe('0'.repeat(32));
  });

  it('logs exactly one line per request in the gateway, with its id, operation, duration, status and error codes', () => {
    const requests = ['journey', 'cohort', 'register', 'refused', 'broken', 'statistics', 'unauthenticated'];
    const gatewayLines = requestLines('gateway');
    expect(gatewayLines).toHaveLength(requests.length);
    expect(new Set(gatewayLines.map((line) => line.requestId))).toEqual(new Set(requests.map((name) => sent[name].requestId)));
    const lineOf = (name: string) => gatewayLines.find((line) => line.requestId === sent[name].requestId)!;
    expect(lineOf('journey')).toMatchObject({ operation: 'Journey', status: 200, errorCodes: [] });
    expect(lineOf('cohort')).toMatchObject({ operation: 'Cohort', status: 200, errorCodes: [] });
    expect(lineOf('refused').errorCodes).toEqual(['BAD_USER_INPUT']);
    expect(lineOf('broken')).toMatchObject({ operation: 'Broken', status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(lineOf('unauthenticated')).toMatchObject({ status: 401, errorCodes: ['UNAUTHENTICATED'] });
    for (const line of gatewayLines) expect(typeof line.durationMs).toBe('number');
  });

  it('passes the trace on: every subgraph logs its requests under the gateway request id, contributors under the analyst’s', () => {
    const gatewayIds = new Set(requestLines('gateway').map((line) => line.requestId));
    const subgraphs = graph.manifest.subgraphs.map((s) => s.name);
    const subgraphLines = subgraphs.flatMap((name) => requestLines(name));
    expect(subgraphLines.length).toBeGreaterThan(0);
    for (const line of subgraphLines) expect(gatewayIds.has(line.requestId)).toBe(true);

    // The journey reaches kreis, the participant's provider and agentur, all under the trace id the client gave.
    const journeyServices = new Set(subgraphLines.filter((line) => line.requestId === TRACE_ID).map((line) => line.service));
    expect(journeyServices.has('kreis')).toBe(true);
    expect(journeyServices.has('agentur')).toBe(true);
    expect([...journeyServices].some((service) => graph.providers[service] !== undefined)).toBe(true);
    for (const line of subgraphLines.filter((l) => l.requestId === TRACE_ID && l.service === 'kreis'))
      expect(line.operation).toBe('Journey');

    // Statistics: kreis asks every contributor itself (postSignedDocument), and they log the same request id.
    const statisticsServices = new Set(subgraphLines.filter((line) => line.requestId === sent.statistics.requestId).map((l) => l.service));
    for (const contributor of graph.manifest.contributors) expect(statisticsServices.has(contributor.name)).toBe(true);
  });

  it('counts requests by operation and outcome, their latency, and subgraph fetches per subgraph; /metrics is not on the public port', async () => {
    const before = sent.before.body.data as string;
    const gateway = await scrape(graph.gateway.metricsUrl);
    const ok = { service: 'gateway', outcome: 'ok' };
    expect(sampleOf(gateway, 'graphql_requests_total', { ...ok, operation: 'Journey' })).toBe(1);
    expect(sampleOf(gateway, 'graphql_requests_total', { ...ok, operation: 'Statistics' })).toBe(1);
    expect(sampleOf(gateway, 'graphql_requests_total', { operation: 'Broken', outcome: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(sampleOf(gateway, 'graphql_requests_total', { operation: 'Register', outcome: 'BAD_USER_INPUT' })).toBe(1);
    expect(sampleOf(gateway, 'graphql_requests_total', { outcome: 'UNAUTHENTICATED' })).toBe(1);
    expect(sampleOf(gateway, 'graphql_request_duration_seconds_count')).toBe(
      sampleOf(before, 'graphql_request_duration_seconds_count') + 7,
    );
    expect(sampleOf(gateway, 'graphql_request_duration_seconds_count', { operation: 'Cohort' })).toBe(1);
    // Every subgraph answered the journey or the cohort; kreis refused the malformed date with HTTP 400.
    for (const { name } of graph.manifest.subgraphs) {
      const fetched = sampleOf(gateway, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: name, result: 'ok' });
      expect(fetched).toBeGreaterThan(sampleOf(before, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: name, result: 'ok' }));
    }
    expect(sampleOf(gateway, 'gateway_subgraph_fetch_errors_total', { subgraph: 'kreis', reason: 'http_400' })).toBe(1);
    expect(sampleOf(gateway, 'process_cpu_user_seconds_total', { service: 'gateway' })).toBeGreaterThan(0);

    const kreis = await scrape(graph.kreis.metricsUrl);
    expect(sampleOf(kreis, 'graphql_requests_total', { service: 'kreis', operation: 'Journey', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sampleOf(kreis, 'graphql_request_duration_seconds_count', { operation: 'Register' })).toBeGreaterThanOrEqual(1);
    expect(sampleOf(kreis, 'process_cpu_user_seconds_total', { service: 'kreis' })).toBeGreaterThan(0);
    if (dialect.name === 'sqlite') {
      expect(kreis).toMatch(/^db_sqlite_transactions_queued\{service="kreis"\} 0$/m);
    } else {
      expect(sampleOf(kreis, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(kreis).toMatch(/^db_pool_connections\{state="free",service="kreis"\} \d+$/m);
      expect(kreis).toMatch(/^db_pool_connections\{state="queued",service="kreis"\} 0$/m);
    }

    for (const url of [graph.url, graph.subgraphUrls.kreis]) {
      expect((await fetch(new URL('/metrics', url))).status).toBe(404);
    }
    expect((await fetch(new URL('/graphql', graph.gateway.metricsUrl))).status).toBe(404);

    // A subgraph counts what it refuses before GraphQL runs, by HTTP status.
    const unsigned = await fetch(graph.subgraphUrls.kreis, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(unsigned.status).toBe(401);
    expect(sampleOf(await scrape(graph.kreis.metricsUrl), 'graphql_requests_total', { outcome: 'HTTP_401' })).toBe(1);
  });

  it('counts a subgraph that cannot be reached and one that does not answer in time, each under its name', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const hung = await startFaultProxy(graph.subgraphUrls[journeyProvider]);
    hung.mode = 'hang';
    const second = await createGateway({
      supergraphSdl: readFileSync(join(repoRoot(), 'schema/supergraph.graphql'), 'utf8'),
      subgraphUrls: { ...graph.subgraphUrls, agentur: `http://127.0.0.1:${closedPort}/graphql`, [journeyProvider]: hung.url },
      timeoutMs: 2000,
      logger: silentLogger,
      tokenKeys: TEST_TOKEN_KEYS,
      subgraphSecrets: graph.subgraphSecrets,
      metricsPort: 0,
    });
    try {
      const url = await second.listen(0);
      const token = await signDevelopmentToken(TEST_VIEWERS.caseworker as never, TEST_TOKEN_KEYS.secret);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: JOURNEY }),
      });
      const body = (await response.json()) as Sent['body'];
      const codes = body.errors?.map((e) => e.extensions?.code);
      expect(codes).toContain('SUBGRAPH_UNAVAILABLE');
      expect(codes).toContain('SUBGRAPH_TIMEOUT');
      const metrics = await scrape(second.metricsUrl);
      expect(sampleOf(metrics, 'gateway_subgraph_fetch_errors_total', { subgraph: 'agentur', reason: 'unavailable' })).toBe(1);
      expect(sampleOf(metrics, 'gateway_subgraph_fetch_errors_total', { subgraph: journeyProvider, reason: 'timeout' })).toBe(1);
      expect(sampleOf(metrics, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: journeyProvider, result: 'timeout' })).toBe(1);
      expect(sampleOf(metrics, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'kreis', result: 'ok' })).toBe(1);
      expect(sampleOf(metrics, 'graphql_requests_total', { operation: 'Journey' })).toBe(1);
    } finally {
      await second.close();
      await hung.close();
    }
  });

  it('counts an audit entry that cannot be written, and withholds the read', async () => {
    const counted = async () => sampleOf(await scrape(graph.kreis.metricsUrl), 'audit_write_failures_total', { service: 'kreis' });
    const dataSource = graph.kreis.database.dataSource;
    expect(await counted()).toBe(0);
    // The table goes away for real, so the INSERT fails in the database; the same statement on SQLite and MariaDB.
    await dataSource.query('ALTER TABLE audit_entry RENAME TO audit_entry_away');
    let withheld: Sent;
    try {
      withheld = await post(TEST_VIEWERS.caseworker, JOURNEY);
    } finally {
      await dataSource.query('ALTER TABLE audit_entry_away RENAME TO audit_entry');
    }
    expect(withheld.body.data).toEqual({ participant: null });
    expect(withheld.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await counted()).toBe(1);
    const failures = logged('kreis').filter((line) => line.message === 'audit entry could not be written; response withheld');
    expect(failures).toHaveLength(1);
    expect(failures[0].level).toBe('error');
    const recorded = await post(TEST_VIEWERS.caseworker, JOURNEY);
    expect(recorded.body.errors).toBeUndefined();
    expect(await counted()).toBe(1);
  });

  it('never logs a name or birth date of the seeded world or of the writes, in any line of any service, after everything above', () => {
    const words = [
      ...graph.world.participants.flatMap((p) => [p.givenName, p.familyName, p.birthDate]),
      ...Object.values(WRITTEN),
      ...Object.values(REFUSED),
    ];
    expect(words.length).toBeGreaterThan(180);
    // The scan finds a name where one is written: a logged variable would fail this test.
    expect(containsWord(JSON.stringify({ message: 'request', variables: registerInput(WRITTEN) }), WRITTEN.familyName)).toBe(true);
    expect(lines.length).toBeGreaterThan(firstRequestLine);
    const leaks = lines.flatMap((line) => words.filter((word) => containsWord(line.text, word)).map((word) => `${line.service}: ${word}`));
    expect(leaks).toEqual([]);
  });
});
