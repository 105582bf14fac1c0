import { REFERRAL_LOOKUP_QUERY } from '@durchstarten/contracts';
import { signRequest } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_SECRETS, TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { startGraph, type RunningGraph } from './support/graph';

const QUERY = JSON.stringify({ query: '{ participants { totalCount } }' });

async function post(url: string, body: string, headers: Record<string, string> = {}, method = 'POST') {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: method === 'GET' ? undefined : body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> },
  };
}

describe('only the gateway talks to subgraphs', () => {
  let graph: RunningGraph;
  let kreis: string;
  const asGateway = (body: string, extra: { now?: number; url?: string; secret?: string; caller?: string } = {}) =>
    signRequest({
      caller: extra.caller ?? 'gateway',
      secret: extra.secret ?? TEST_SECRETS.gatewayTo('kreis'),
      url: extra.url ?? kreis,
      viewer: TEST_VIEWERS.caseworker,
      body,
      now: extra.now,
    });

  beforeAll(async () => {
    graph = await startGraph(testDialects()[0], { participants: 10 });
    kreis = graph.subgraphUrls.kreis;
  });

  afterAll(async () => {
    await graph?.close();
  });

  const expectRejected = (answer: Awaited<ReturnType<typeof post>>, message: RegExp, status = 401) => {
    expect(answer.status).toBe(status);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(message) });
  };

  it('rejects a direct, unsigned call to every subgraph', async () => {
    for (const [name, url] of Object.entries(graph.subgraphUrls)) {
      const answer = await post(url, name === 'agentur' ? JSON.stringify({ query: '{ placements { totalCount } }' }) : QUERY);
      expectRejected(answer, /not signed/);
      expect(answer.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('accepts a correctly signed call once, and rejects the same request replayed', async () => {
    const headers = asGateway(QUERY);
    const first = await post(kreis, QUERY, headers);
    expect(first.body).toEqual({ data: { participants: { totalCount: 10 } } });
    expectRejected(await post(kreis, QUERY, headers), /already used/);
  });

  it('serves identical requests signed in the same millisecond, each once', async () => {
    const now = Date.now();
    const answers = await Promise.all([0, 1, 2, 3].map(() => post(kreis, QUERY, asGateway(QUERY, { now }))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  });

  it('rejects a forged signature, a changed body, an unknown caller, and another path', async () => {
    expectRejected(await post(kreis, QUERY, asGateway(QUERY, { secret: 'a-guessed-secret-that-is-long-enough-000' })), /does not match/);
    const changed = JSON.stringify({ query: '{ participants(first: 500) { edges { node { givenName familyName birthDate } } } }' });
    expectRejected(await post(kreis, changed, asGateway(QUERY)), /does not match/);
    expectRejected(await post(kreis, QUERY, asGateway(QUERY, { caller: 'bamf' })), /does not match/);
    const elsewhere = `${kreis}?query=%7B+participants+%7B+totalCount+%7D+%7D`;
    expectRejected(await post(elsewhere, QUERY, asGateway(QUERY)), /does not match/);
  });

  it('rejects a signed request sent as GET', async () => {
    const url = `${kreis}?query=${encodeURIComponent('{ participants(first: 3) { edges { node { givenName } } } }')}`;
    expectRejected(await post(url, QUERY, asGateway(QUERY, { url }), 'GET'), /Only signed POST/);
  });

  it('rejects a request signed longer ago than the window, from the future, or for another subgraph', async () => {
    expectRejected(await post(kreis, QUERY, asGateway(QUERY, { now: Date.now() - 60_000 })), /too old/);
    expectRejected(await post(kreis, QUERY, asGateway(QUERY, { now: Date.now() + 60_000 })), /too old/);
    expectRejected(await post(kreis, QUERY, asGateway(QUERY, { secret: TEST_SECRETS.gatewayTo('klausenhof') })), /does not match/);
  });

  it('lets a provider ask kreis whether a referral is its own, and nothing else', async () => {
    const asProvider = (body: string, url = kreis) =>
      signRequest({ caller: 'klausenhof', secret: TEST_SECRETS.providerToKreis('klausenhof'), url, viewer: null, body });
    const lookup = JSON.stringify({ query: REFERRAL_LOOKUP_QUERY, variables: { id: 'REF-00001' } });
    expect((await post(kreis, lookup, asProvider(lookup))).body.data).toEqual({ referral: expect.objectContaining({ id: 'REF-00001' }) });

    const names = JSON.stringify({ query: '{ participants { edges { node { givenName familyName birthDate } } } }' });
    const refused = await post(kreis, names, asProvider(names));
    expectRejected(refused, /klausenhof may not run this operation/, 403);
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const agentur = graph.subgraphUrls.agentur;
    expectRejected(await post(agentur, QUERY, asProvider(QUERY, agentur)), /does not match/);
  });
});
