/**
 * A captured signed request is answered once: not again after the subgraph restarts,
 * not by a second replica, whichever replay store the replicas share (Redis, or the
 * subgraph's own database). A replay store that cannot be reached refuses requests.
 */
import { createServer, type AddressInfo } from 'node:net';
import { createApp as createAgentur } from '@durchstarten/agentur';
import { ProviderRegistry, providerRegistryPath } from '@durchstarten/contracts';
import { TEST_SECRETS, TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { signRequest, silentLogger, type SubgraphApp } from '@durchstarten/kit';
import { testDialects, type TestDatabase, type TestDialect } from '@durchstarten/kit/testing';
import { createApp as createKreis } from '@durchstarten/kreis';

const QUERY = JSON.stringify({ query: '{ participants { totalCount } }' });
const REDIS_URL = process.env.TEST_REDIS_URL;
const registry = ProviderRegistry.fromFile(providerRegistryPath());

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** A request to kreis as the gateway signs it, captured: the same headers and body can be sent again. */
const capturedKreisRequest = (url: string, nonce?: string) =>
  signRequest({ caller: 'gateway', secret: TEST_SECRETS.gatewayTo('kreis'), url, viewer: TEST_VIEWERS.caseworker, body: QUERY, nonce });

function expectAnswered(answer: Answer): void {
  expect(answer).toEqual({ status: 200, body: { data: { participants: { totalCount: 0 } } } });
}

function expectReplayRefused(answer: Answer): void {
  expect(answer.status).toBe(401);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors?.[0]).toMatchObject({
    message: expect.stringMatching(/already used/),
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

/** A port on loopback that nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(testDialects())('replay protection on $name', (dialect: TestDialect) => {
  let database: TestDatabase;
  const running: SubgraphApp[] = [];

  /** A kreis replica (or the same kreis after a restart) on this test's database, listening on a fresh port. */
  const startKreis = async (replayStoreUrl?: string) => {
    const app = await createKreis({
      databaseUrl: database.url,
      registry,
      contributors: [],
      logger: silentLogger,
      callerSecrets: { gateway: TEST_SECRETS.gatewayTo('kreis') },
      replayStoreUrl,
    });
    running.push(app);
    return { app, url: await app.listen(0) };
  };

  beforeEach(async () => {
    database = await dialect.createDatabase('replay');
  });

  afterEach(async () => {
    for (const app of running.splice(0)) await app.close();
    await database.drop();
  });

  it('refuses a captured request replayed after kreis restarts on the same database', async () => {
    const before = await startKreis();
    const headers = capturedKreisRequest(before.url);
    expectAnswered(await post(before.url, QUERY, headers));
    await before.app.close();

    const after = await startKreis();
    expectReplayRefused(await post(after.url, QUERY, headers));
    expectAnswered(await post(after.url, QUERY, capturedKreisRequest(after.url)));
  });

  it('refuses at replica B a request replica A answered, both on the database store', async () => {
    const a = await startKreis();
    const b = await startKreis();
    const headers = capturedKreisRequest(a.url);
    expectAnswered(await post(a.url, QUERY, headers));
    expectReplayRefused(await post(b.url, QUERY, headers));
    expectReplayRefused(await post(a.url, QUERY, headers));
  });

  it('answers one of two replicas racing for the same nonce, and refuses the other', async () => {
    const a = await startKreis();
    const b = await startKreis();
    const headers = capturedKreisRequest(a.url);
    const answers = await Promise.all([post(a.url, QUERY, headers), post(b.url, QUERY, headers)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
  });

  it('keeps nonce claims out of the statements a query is counted with', async () => {
    const { app, url } = await startKreis();
    app.database.statements.reset();
    app.database.replayStatements.reset();
    expectAnswered(await post(url, QUERY, capturedKreisRequest(url)));
    expect(app.database.replayStatements.total).toBe(1);
    const queryStatements = app.database.statements.total;
    expectAnswered(await post(url, QUERY, capturedKreisRequest(url)));
    expect(app.database.statements.total).toBe(2 * queryStatements);
    expect(app.database.replayStatements.total).toBe(2);
  });

  (REDIS_URL ? describe : describe.skip)(`with REPLAY_STORE_URL=${REDIS_URL ?? '(TEST_REDIS_URL unset: skipped)'}`, () => {
    it('refuses at replica B a request replica A answered, and after both restart', async () => {
      const a = await startKreis(REDIS_URL);
      const b = await startKreis(REDIS_URL);
      const headers = capturedKreisRequest(a.url);
      expectAnswered(await post(a.url, QUERY, headers));
      expectReplayRefused(await post(b.url, QUERY, headers));
      expect((await fetch(b.url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
      await a.app.close();
      await b.app.close();
      const restarted = await startKreis(REDIS_URL);
      expectReplayRefused(await post(restarted.url, QUERY, headers));
    });

    it('keeps the nonces of different subgraphs apart: agentur answers a nonce kreis has seen', async () => {
      const kreis = await startKreis(REDIS_URL);
      const nonce = `shared-nonce-${dialect.name}-${process.pid}-${Date.now()}`;
      expectAnswered(await post(kreis.url, QUERY, capturedKreisRequest(kreis.url, nonce)));

      const agenturDatabase = await dialect.createDatabase('replay_agentur');
      const agentur = await createAgentur({
        databaseUrl: agenturDatabase.url,
        logger: silentLogger,
        callerSecrets: { gateway: TEST_SECRETS.gatewayTo('agentur') },
        replayStoreUrl: REDIS_URL,
      });
      try {
        const url = await agentur.listen(0);
        const body = JSON.stringify({ query: '{ placements { totalCount } }' });
        const sign = () =>
          signRequest({ caller: 'gateway', secret: TEST_SECRETS.gatewayTo('agentur'), url, viewer: TEST_VIEWERS.agent, body, nonce });
        const headers = sign();
        expect(await post(url, body, headers)).toEqual({ status: 200, body: { data: { placements: { totalCount: 0 } } } });
        expectReplayRefused(await post(url, body, headers));
      } finally {
        await agentur.close();
        await agenturDatabase.drop();
      }
    });
  });

  it('refuses with 503 REPLAY_STORE_UNAVAILABLE, and never answers, when Redis cannot be reached', async () => {
    const { url } = await startKreis(`redis://127.0.0.1:${await closedPort()}`);
    const ready = await fetch(url.replace(/\/graphql$/, '/ready'));
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 503,
      body: { status: 'replay store unreachable', service: 'kreis' },
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await post(url, QUERY, capturedKreisRequest(url));
      expect(answer.status).toBe(503);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors?.[0].extensions?.code).toBe('REPLAY_STORE_UNAVAILABLE');
    }
  });
});
