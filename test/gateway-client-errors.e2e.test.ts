import { testDialects } from '@durchstarten/kit/testing';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import { KREIS_CASEWORKER, startGraph, TEST_TOKEN_KEYS, type RunningGraph } from './support/graph';
import { ELIGIBLE_REGISTRATION } from './support/readme-queries';

/** A document whose operation the gateway cannot pick, or will not run, is the client's mistake: 400 with a code. */
describe('choosing the operation of a request', () => {
  let graph: RunningGraph;
  let token: string;

  beforeAll(async () => {
    graph = await startGraph(testDialects()[0], { participants: 5 });
    token = await signDevelopmentToken(KREIS_CASEWORKER, TEST_TOKEN_KEYS.secret);
  });

  afterAll(async () => {
    await graph?.close();
  });

  async function post(body: Record<string, unknown>) {
    const response = await fetch(graph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    return { status: response.status, answer };
  }

  const TWO_OPERATIONS = 'query First { participants(first: 1) { totalCount } } query Second { participant(id: "TN-0001") { id } }';

  it('refuses an operationName the document does not define', async () => {
    const { status, answer } = await post({ query: 'query First { participants(first: 1) { totalCount } }', operationName: 'Missing' });
    expect(status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      { message: 'The document has no operation named "Missing".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
    ]);
  });

  it('refuses several operations without an operationName, naming them', async () => {
    const { status, answer } = await post({ query: TWO_OPERATIONS });
    expect(status).toBe(400);
    expect(answer.errors).toEqual([
      {
        message: 'The document has several operations (First, Second): send operationName to say which to run.',
        extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
      },
    ]);
  });

  it('runs the operation operationName picks out of several', async () => {
    const { status, answer } = await post({ query: TWO_OPERATIONS, operationName: 'Second' });
    expect(status).toBe(200);
    expect(answer).toEqual({ data: { participant: { id: 'TN-0001' } } });
  });

  it('refuses a subscription: the graph answers queries and mutations only', async () => {
    const { status, answer } = await post({ query: 'subscription { participants(first: 1) { totalCount } }' });
    expect(status).toBe(400);
    expect(answer.errors).toEqual([
      {
        message: 'Subscriptions are not supported: this graph answers queries and mutations over HTTP.',
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
  });

  it('refuses text that is not valid Unicode (a lone surrogate) instead of storing it altered, and stores nothing', async () => {
    const count = async () =>
      (await post({ query: '{ participants(first: 1) { totalCount } }' })).answer.data as { participants: { totalCount: number } };
    const before = await count();
    const { status, answer } = await post({
      query: 'mutation R($input: RegisterParticipantInput!) { registerParticipant(input: $input) { id } }',
      variables: {
        input: { ...ELIGIBLE_REGISTRATION, givenName: 'A\ud800' },
      },
    });
    expect(status).toBe(400);
    expect(answer.errors).toEqual([
      {
        message: 'variables.input.givenName is not valid Unicode: it holds half of a surrogate pair (\\ud800 without its partner).',
        extensions: { code: 'BAD_USER_INPUT', field: 'variables.input.givenName' },
      },
    ]);
    expect(await count()).toEqual(before);
  });

  it('accepts text in any script, with marks and whole surrogate pairs, and stores it as written', async () => {
    const givenName = '\u202eשלום 😀 Zá';
    const { answer } = await post({
      query: 'mutation R($input: RegisterParticipantInput!) { registerParticipant(input: $input) { givenName } }',
      variables: {
        input: { ...ELIGIBLE_REGISTRATION, givenName },
      },
    });
    expect(answer).toEqual({ data: { registerParticipant: { givenName } } });
  });
});
