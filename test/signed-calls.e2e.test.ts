import { signRequest } from '../services/kit/src/signing';
import { TEST_SECRETS, testDialects } from '../services/kit/src/testing';
import { startGraph, type RunningGraph } from './support/graph';

const QUERY = JSON.stringify({ query: '{ participants { totalCount } }' });

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> },
  };
}

describe('only the gateway talks to subgraphs', () => {
  let graph: RunningGraph;

  beforeAll(async () => {
    graph = await startGraph(testDialects()[0], { participants: 10 });
  });

  afterAll(async () => {
    await graph?.close();
  });

  const expectRejected = (answer: Awaited<ReturnType<typeof post>>, message: RegExp) => {
    expect(answer.status).toBe(401);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(message) });
  };

  it('rejects a direct, unsigned call to every subgraph', async () => {
    for (const [name, url] of Object.entries(graph.subgraphUrls)) {
      const answer = await post(url, name === 'agentur' ? JSON.stringify({ query: '{ placements { totalCount } }' }) : QUERY);
      expectRejected(answer, /not signed/);
    }
  });

  it('accepts a correctly signed call once, and rejects the same request replayed', async () => {
    const headers = signRequest({ caller: 'gateway', secret: TEST_SECRETS.gatewayTo('kreis'), viewer: null, body: QUERY });
    const first = await post(graph.subgraphUrls.kreis, QUERY, headers);
    expect(first.body).toEqual({ data: { participants: { totalCount: 10 } } });
    expectRejected(await post(graph.subgraphUrls.kreis, QUERY, headers), /already used/);
  });

  it('rejects a forged signature, a changed body, and an unknown caller', async () => {
    const forged = signRequest({ caller: 'gateway', secret: 'a-guessed-secret-that-is-long-enough-000', viewer: null, body: QUERY });
    expectRejected(await post(graph.subgraphUrls.kreis, QUERY, forged), /does not match/);
    const signed = signRequest({ caller: 'gateway', secret: TEST_SECRETS.gatewayTo('kreis'), viewer: null, body: QUERY });
    const changed = JSON.stringify({ query: '{ participants(first: 500) { edges { node { givenName familyName birthDate } } } }' });
    expectRejected(await post(graph.subgraphUrls.kreis, changed, signed), /does not match/);
    const stranger = signRequest({ caller: 'bamf', secret: TEST_SECRETS.gatewayTo('kreis'), viewer: null, body: QUERY });
    expectRejected(await post(graph.subgraphUrls.kreis, QUERY, stranger), /unknown caller/);
  });

  it('rejects a request signed longer ago than the window, or for another subgraph', async () => {
    const old = signRequest({
      caller: 'gateway',
      secret: TEST_SECRETS.gatewayTo('kreis'),
      viewer: null,
      body: QUERY,
      now: Date.now() - 60_000,
    });
    expectRejected(await post(graph.subgraphUrls.kreis, QUERY, old), /too old/);
    const forKlausenhof = signRequest({ caller: 'gateway', secret: TEST_SECRETS.gatewayTo('klausenhof'), viewer: null, body: QUERY });
    expectRejected(await post(graph.subgraphUrls.kreis, QUERY, forKlausenhof), /does not match/);
  });

  it('lets a provider ask kreis about referrals with its own secret, and nowhere else', async () => {
    const lookup = JSON.stringify({ query: '{ referral(id: "REF-00001") { id provider { id } } }' });
    const asProvider = signRequest({
      caller: 'klausenhof',
      secret: TEST_SECRETS.providerToKreis('klausenhof'),
      viewer: null,
      body: lookup,
    });
    expect((await post(graph.subgraphUrls.kreis, lookup, asProvider)).body.data).toEqual({
      referral: { id: 'REF-00001', provider: expect.any(Object) },
    });
    const atAgentur = signRequest({ caller: 'klausenhof', secret: TEST_SECRETS.providerToKreis('klausenhof'), viewer: null, body: QUERY });
    expectRejected(await post(graph.subgraphUrls.agentur, QUERY, atAgentur), /unknown caller/);
  });
});
