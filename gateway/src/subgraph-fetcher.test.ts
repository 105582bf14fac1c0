import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createSubgraphFetchers } from './subgraph-fetcher';

/** A subgraph that takes requests and never answers, counting what reaches it. */
async function hungSubgraph(answerHeadersOnly = false) {
  const received: http.IncomingMessage[] = [];
  const arrived: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    received.push(req);
    arrived.splice(0).forEach((notify) => notify());
    if (answerHeadersOnly) res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    /** Resolves once `count` requests have arrived. */
    until: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => (received.length >= count ? resolve() : arrived.push(check));
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const codeOf = (error: unknown) => (error instanceof GraphQLError ? error.extensions.code : error);

describe('subgraph calls have one deadline', () => {
  it('covers the wait for a pooled connection: a call whose deadline passes in the queue gives up there, never sent', async () => {
    const subgraph = await hungSubgraph();
    const deadlines: AbortController[] = [];
    const { fetcherFor, close } = createSubgraphFetchers({
      timeoutMs: 1000,
      maxSocketsPerSubgraph: 1,
      deadline: () => {
        const controller = new AbortController();
        deadlines.push(controller);
        return controller.signal;
      },
    });
    const fetch = fetcherFor('agentur', 'a-secret-of-at-least-32-characters!!');
    try {
      const first = fetch(subgraph.url, { method: 'POST', body: '{"query":"{ a }"}' }).catch(codeOf);
      await subgraph.until(1);
      const queued = fetch(subgraph.url, { method: 'POST', body: '{"query":"{ b }"}' }).catch(codeOf);
      // The only socket is taken by the first call, which agentur holds: the second waits for it.
      deadlines[1].abort();
      expect(await queued).toBe('SUBGRAPH_TIMEOUT');
      expect(subgraph.received).toHaveLength(1);
      deadlines[0].abort();
      expect(await first).toBe('SUBGRAPH_TIMEOUT');
    } finally {
      await close();
      await subgraph.close();
    }
  });

  it('covers reading the answer: headers without a body end in SUBGRAPH_TIMEOUT once the deadline passes', async () => {
    const subgraph = await hungSubgraph(true);
    const { fetcherFor, close } = createSubgraphFetchers({ timeoutMs: 200, maxSocketsPerSubgraph: 4 });
    try {
      const answer = await fetcherFor('kreis', 'a-secret-of-at-least-32-characters!!')(subgraph.url, { method: 'POST', body: '{}' }).catch(
        (error: unknown) => error,
      );
      expect(answer).toBeInstanceOf(GraphQLError);
      expect(answer).toMatchObject({ message: 'The kreis subgraph gave no answer within 200 ms.', extensions: { code: 'SUBGRAPH_TIMEOUT' } });
    } finally {
      await close();
      await subgraph.close();
    }
  });
});
