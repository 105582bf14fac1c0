import type { DataSource } from 'typeorm';
import { testDialects } from '@durchstarten/kit/testing';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import { HOSTILE_KINDS, hostileRequests, type HostileRequest } from './support/hostile-requests';
import { KREIS_CASEWORKER, startGraph, TEST_TOKEN_KEYS, type RunningGraph } from './support/graph';
import { type Answer, postGraphQL, sendRaw } from './support/traffic';

const REQUESTS = 3000;
const SEED = 20261201;
const WORKERS = 8;
/** A bound for a busy machine, not a measure: thousands of requests, some of a megabyte. */
const TIMEOUT_MS = 300_000;

/** Words and shapes that tell a stranger how the graph is built: stack frames, SQL and drivers, files. */
const LEAKS: Array<[string, RegExp]> = [
  ['stack trace', /\n\s+at |\s{4}at [\w.<>]+ \(/],
  ['SQL', /\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET|WHERE)\b/],
  ['database', /sqlite|mysql|mariadb|typeorm|\bER_[A-Z_]+/i],
  ['file path', /(\/(work|home|usr|tmp|src|dist|node_modules)\/)|\.ts:\d+|\.js:\d+/],
];

describe.each(testDialects().map((d) => [d.name, d] as const))('hostile input to the gateway on %s', (_name, dialect) => {
  let graph: RunningGraph;
  let token: string;

  beforeAll(async () => {
    graph = await startGraph(dialect, { participants: 30 });
    token = await signDevelopmentToken(KREIS_CASEWORKER, TEST_TOKEN_KEYS.secret);
  });

  afterAll(async () => {
    await graph?.close();
  });

  const sources = (): Record<string, DataSource> => ({
    kreis: graph.kreis.database.dataSource,
    ...Object.fromEntries(Object.entries(graph.providers).map(([name, app]) => [name, app.database.dataSource])),
    agentur: graph.agentur.database.dataSource,
  });
  const TABLES: Record<string, string[]> = { kreis: ['participant', 'referral', 'consent'], agentur: ['placement'] };
  const PROVIDER_TABLES = ['provider_case', 'course', 'coaching_session', 'course_enrolment', 'certificate', 'internship'];

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [org, source] of Object.entries(sources())) {
      for (const table of TABLES[org] ?? PROVIDER_TABLES) {
        counts[`${org}.${table}`] = Number((await source.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
      }
    }
    return counts;
  }

  function send(request: HostileRequest): Promise<Answer> {
    return sendRaw(`${graph.url}${request.search ?? ''}`, { method: request.method, headers: request.headers, body: request.body });
  }

  it(
    `answers ${REQUESTS} malformed requests with coded 4xx errors that reveal nothing, and changes nothing they did not validly ask for`,
    async () => {
      const requests = hostileRequests(
        REQUESTS,
        SEED,
        token,
        graph.world.participants.map((p) => p.id),
      );
      const internalAddresses = Object.values(graph.subgraphUrls).map((url) => new URL(url).host);
      const before = await rowCounts();

      const statusesByKind: Record<string, Record<number, number>> = Object.fromEntries(HOSTILE_KINDS.map((kind) => [kind, {}]));
      const serverErrors: string[] = [];
      const leaks: string[] = [];
      const uncoded: string[] = [];
      const internal: string[] = [];
      const stored: Array<{ id: string; sent: { givenName: string; familyName: string }; read?: unknown }> = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          for (let index = next++; index < requests.length; index = next++) {
            const request = requests[index];
            const answer = await send(request);
            const label = `#${index} ${request.kind} ${request.method} HTTP ${answer.status}`;
            statusesByKind[request.kind][answer.status] = (statusesByKind[request.kind][answer.status] ?? 0) + 1;
            if (answer.status >= 500) serverErrors.push(`${label}: ${answer.text.slice(0, 300)}`);
            for (const [what, pattern] of LEAKS)
              if (pattern.test(answer.text)) leaks.push(`${label} ${what}: ${answer.text.slice(0, 300)}`);
            for (const address of internalAddresses) if (answer.text.includes(address)) leaks.push(`${label} address ${address}`);
            // Every error an answer carries names its code; so does every refusal, which must then be GraphQL-shaped JSON.
            const errors = answer.body?.errors;
            if (answer.status >= 400 && !Array.isArray(errors)) uncoded.push(`${label}: not a GraphQL error: ${answer.text.slice(0, 200)}`);
            for (const error of Array.isArray(errors) ? errors : []) {
              if (typeof error?.extensions?.code !== 'string') uncoded.push(`${label}: ${String(error?.message).slice(0, 200)}`);
              // A fault of the graph's own, even where HTTP says 200: hostile input must be refused before it causes one.
              if (error?.extensions?.code === 'INTERNAL_SERVER_ERROR')
                internal.push(`${label}: ${String(request.body ?? request.search).slice(0, 300)}`);
            }
            const id = answer.body?.data?.registerParticipant?.id;
            if (typeof id === 'string') {
              if (!request.validRegistration) leaks.push(`${label}: an invalid registration was stored as ${id}`);
              else stored.push({ id, sent: request.validRegistration });
            }
          }
        }),
      );

      const summary = Object.fromEntries(Object.entries(statusesByKind).filter(([, statuses]) => Object.keys(statuses).length));
      console.log(`hostile input on ${dialect.name}: ${JSON.stringify(summary)}; stored registrations: ${stored.length}`);
      expect(serverErrors).toEqual([]);
      expect(leaks).toEqual([]);
      expect(uncoded).toEqual([]);
      expect(internal).toEqual([]);
      expect(Object.values(summary).reduce((sum, statuses) => sum + Object.values(statuses).reduce((a, b) => a + b, 0), 0)).toBe(REQUESTS);

      // Valid registrations with unusual names are stored as written; nothing else changed anywhere.
      for (const registration of stored) {
        const read = await postGraphQL(graph.url, token, 'query P($id: ID!) { participant(id: $id) { givenName familyName } }', {
          id: registration.id,
        });
        // Stored as sent, but for surrounding blanks, which the registry trims from every text (README, Rules and errors).
        const { givenName, familyName } = registration.sent;
        expect({ id: registration.id, ...read.body?.data?.participant }).toEqual({
          id: registration.id,
          givenName: givenName.trim(),
          familyName: familyName.trim(),
        });
      }
      expect(await rowCounts()).toEqual({ ...before, 'kreis.participant': before['kreis.participant'] + stored.length });

      // Every process still answers, its health and a real query through the gateway.
      for (const url of [graph.url, ...Object.values(graph.subgraphUrls)]) expect((await fetch(new URL('/health', url))).status).toBe(200);
      const real = await postGraphQL(
        graph.url,
        token,
        '{ participants(first: 1) { totalCount edges { node { id referrals { provider { id } } } } } }',
      );
      expect(real.status).toBe(200);
      expect(real.body?.errors).toBeUndefined();
      expect(real.body?.data.participants.totalCount).toBe(graph.world.participants.length + stored.length);
    },
    TIMEOUT_MS,
  );
});
