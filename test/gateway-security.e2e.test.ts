import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createGateway } from '@durchstarten/gateway/app';
import { DEV_AUDIENCE, DEV_ISSUER } from '@durchstarten/gateway/auth';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import { repoRoot, silentLogger } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import { KREIS_CASEWORKER, startGraph, TEST_TOKEN_KEYS, type RunningGraph } from './support/graph';

const supergraphSdl = readFileSync(join(repoRoot(), 'schema/supergraph.graphql'), 'utf8');
const secret = new TextEncoder().encode(TEST_TOKEN_KEYS.secret);

interface Answer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function send(url: string, body: unknown, token?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const TOTAL = '{ participants { totalCount } }';

describe('gateway security', () => {
  let graph: RunningGraph;
  let token: string;

  beforeAll(async () => {
    graph = await startGraph(testDialects()[0], { participants: 30 });
    token = await signDevelopmentToken(KREIS_CASEWORKER, TEST_TOKEN_KEYS.secret);
  });

  afterAll(async () => {
    await graph?.close();
  });

  const expectUnauthenticated = (answer: Answer, message: RegExp) => {
    expect(answer.status).toBe(401);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(message) });
  };

  describe('identity', () => {
    it('serves a caller with a valid token', async () => {
      const answer = await send(graph.url, { query: TOTAL }, token);
      expect(answer.body).toEqual({ data: { participants: { totalCount: 30 } } });
    });

    it('rejects a request without a token', async () => {
      expectUnauthenticated(await send(graph.url, { query: TOTAL }), /bearer token/);
    });

    it('rejects an expired token', async () => {
      const expired = await new SignJWT({ org: 'kreis', roles: ['caseworker'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        // Fixed dates long past, so that no clock enters the test: issued and expired in 2023.
        .setIssuedAt(Math.floor(Date.parse('2023-10-31T08:00:00Z') / 1000))
        .setExpirationTime(Math.floor(Date.parse('2023-10-31T16:00:00Z') / 1000))
        .sign(secret);
      expectUnauthenticated(await send(graph.url, { query: TOTAL }, expired), /expired/);
    });

    it('rejects a forged token, a malformed one, and one for another audience', async () => {
      const forged = await signDevelopmentToken(KREIS_CASEWORKER, 'another-secret-that-is-long-enough-to-sign');
      expectUnauthenticated(await send(graph.url, { query: TOTAL }, forged), /not valid/);
      expectUnauthenticated(await send(graph.url, { query: TOTAL }, 'not.a.jwt'), /not valid/);
      const otherAudience = await new SignJWT({ org: 'kreis', roles: ['caseworker'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer(DEV_ISSUER)
        .setAudience('another-service')
        .setExpirationTime('1h')
        .sign(secret);
      expectUnauthenticated(await send(graph.url, { query: TOTAL }, otherAudience), /not valid/);
    });

    it('rejects a token that never expires', async () => {
      const eternal = await new SignJWT({ org: 'kreis', roles: ['caseworker'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .sign(secret);
      expectUnauthenticated(await send(graph.url, { query: TOTAL }, eternal), /not valid/);
    });

    it('says so, with its own code, when the key set of the identity provider cannot be fetched', async () => {
      const gateway = await createGateway({
        supergraphSdl,
        subgraphUrls: graph.subgraphUrls,
        logger: silentLogger,
        subgraphSecrets: graph.subgraphSecrets,
        tokenKeys: { kind: 'jwks', jwksUrl: 'http://127.0.0.1:9/certs', issuer: 'https://login.example', audience: 'durchstarten-graph' },
      });
      const url = await gateway.listen(0);
      try {
        const { privateKey } = await generateKeyPair('RS256');
        const signed = await new SignJWT({ org: 'kreis', roles: ['caseworker'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setSubject('someone')
          .setIssuer('https://login.example')
          .setAudience('durchstarten-graph')
          .setExpirationTime('5m')
          .sign(privateKey);
        const answer = await send(url, { query: TOTAL }, signed);
        expect(answer.status).toBe(503);
        expect(answer.body.errors?.[0].extensions?.code).toBe('AUTHENTICATION_UNAVAILABLE');
      } finally {
        await gateway.close();
      }
    });

    it('rejects tokens whose org or roles are not ours', async () => {
      const strangerOrg = await signDevelopmentToken({ sub: 'x', org: 'bamf', roles: ['caseworker'] }, TEST_TOKEN_KEYS.secret);
      expectUnauthenticated(await send(graph.url, { query: TOTAL }, strangerOrg), /org claim/);
      const strangerRole = await signDevelopmentToken({ sub: 'x', org: 'kreis', roles: ['superuser' as never] }, TEST_TOKEN_KEYS.secret);
      expectUnauthenticated(await send(graph.url, { query: TOTAL }, strangerRole), /roles claim/);
    });

    it('verifies tokens against a JWKS in production mode, with issuer and audience', async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
      const keyServer = http.createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(jwks)));
      await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
      const jwksUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/certs`;
      const gateway = await createGateway({
        supergraphSdl,
        subgraphUrls: graph.subgraphUrls,
        logger: silentLogger,
        production: true,
        subgraphSecrets: graph.subgraphSecrets,
        tokenKeys: {
          kind: 'jwks',
          jwksUrl,
          issuer: 'https://login.kreis-wesel.example/realms/durchstarten',
          audience: 'durchstarten-graph',
        },
      });
      const url = await gateway.listen(0);
      try {
        const sign = (issuer: string) =>
          new SignJWT({ org: 'kreis', roles: ['caseworker'] })
            .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
            .setSubject('keycloak-user')
            .setIssuer(issuer)
            .setAudience('durchstarten-graph')
            .setExpirationTime('5m')
            .sign(privateKey);
        const good = await send(url, { query: TOTAL }, await sign('https://login.kreis-wesel.example/realms/durchstarten'));
        expect(good.body).toEqual({ data: { participants: { totalCount: 30 } } });
        expectUnauthenticated(await send(url, { query: TOTAL }, await sign('https://elsewhere.example')), /not valid/);
        expectUnauthenticated(await send(url, { query: TOTAL }, token), /not valid/);

        const introspection = await send(
          url,
          { query: '{ __schema { types { name } } }' },
          await sign('https://login.kreis-wesel.example/realms/durchstarten'),
        );
        expect(introspection.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        const typo = await send(
          url,
          { query: '{ participant(id: "TN-0001") { givenNam } }' },
          await sign('https://login.kreis-wesel.example/realms/durchstarten'),
        );
        expect(typo.body.errors?.[0].message).not.toMatch(/Did you mean/);
      } finally {
        await gateway.close();
        keyServer.close();
      }
    });
  });

  describe('response compression', () => {
    /** The raw bytes on the wire, as a client that accepts `encoding` receives them. */
    const raw = (encoding: string) =>
      new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
        const body = JSON.stringify({ query: '{ participants(first: 30) { edges { node { id birthYear referrals { id module } } } } }' });
        const request = http.request(
          graph.url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': encoding },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ encoding: response.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
          },
        );
        request.on('error', reject);
        request.end(body);
      });

    it('gzips a large answer for a client that accepts it, and sends it plain to one that does not', async () => {
      const plain = await raw('identity');
      const zipped = await raw('gzip');
      expect(plain.encoding).toBeUndefined();
      expect(zipped.encoding).toBe('gzip');
      expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 3);
      expect(JSON.parse(gunzipSync(zipped.bytes).toString('utf8'))).toEqual(JSON.parse(plain.bytes.toString('utf8')));
    });
  });

  describe('hostile queries', () => {
    const JOURNEY = `query Journey($first: Int!) {
      participants(first: $first) { totalCount edges { node {
        id givenName familyName birthYear gender residenceStatus enteredOn exitedOn exitReason
        municipality { name bank provider { name } }
        consents { scope active grantedOn withdrawnOn }
        referrals { id module status referredOn startedOn endedOn provider { id name }
          case { __typename
            coachingSessions { heldOn durationMinutes topic }
            enrolments { status enrolledOn completedOn course { title kind } }
            certificates { kind title level result issuedOn }
            internships { employer occupation startsOn endsOn } } }
        placements { kind office employerName occupation { kldbCode title } startsOn endsOn }
      } } }
    }`;

    it('lets a page of 500 with the whole journey through, as the README promises', async () => {
      const answer = await send(graph.url, { query: JOURNEY, variables: { first: 500 } }, token);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.participants.edges).toHaveLength(30);
    });

    it('counts page sizes given in variables into the cost', async () => {
      const body = JOURNEY.slice(JOURNEY.indexOf('participants('), JOURNEY.lastIndexOf('}'));
      const triple = `query Triple($first: Int!) { a: ${body} b: ${body} c: ${body} }`;
      const answer = await send(graph.url, { query: triple, variables: { first: 500 } }, token);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]).toMatchObject({
        extensions: { code: 'QUERY_TOO_COSTLY' },
        message: expect.stringMatching(/more than the limit of 50000/),
      });
      const small = await send(graph.url, { query: triple, variables: { first: 100 } }, token);
      expect(small.body.errors).toBeUndefined();
    });

    it('applies the token limit to GET requests too', async () => {
      const huge = `{ participants { edges { node { ${Array.from({ length: 3100 }, () => 'id').join(' ')} } } } }`;
      const response = await fetch(`${graph.url}?query=${encodeURIComponent(huge)}`, {
        headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Answer['body']).errors?.[0].extensions?.code).toBe('QUERY_TOO_LARGE');
    });

    it('rejects a query nested deeper than the limit', async () => {
      const deep = `{ participants { edges { node { referrals { participant { referrals { participant { referrals { participant { referrals { participant { referrals { participant { id } } } } } } } } } } } } } }`;
      const answer = await send(graph.url, { query: deep }, token);
      expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP' } });
      expect(answer.body.data).toBeUndefined();
    });

    it('rejects too many aliases', async () => {
      const aliased = `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: participants { totalCount }`).join(' ')} }`;
      expect((await send(graph.url, { query: aliased }, token)).body.errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
    });

    it('rejects a query of too many tokens', async () => {
      const huge = `{ participants { ${Array.from({ length: 3100 }, () => 'totalCount').join(' ')} } }`;
      expect((await send(graph.url, { query: huge }, token)).body.errors?.[0].extensions?.code).toBe('QUERY_TOO_LARGE');
    });

    it('rejects a query whose cost is above the limit', async () => {
      const costly = `{ ${Array.from({ length: 18 }, (_, i) => `p${i}: participants(first: 500) { edges { node { referrals { case { coachingSessions { id heldOn topic notes } enrolments { course { title } } } } } } }`).join(' ')} }`;
      expect((await send(graph.url, { query: costly }, token)).body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    });

    it('rejects batched requests', async () => {
      const response = await fetch(graph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([{ query: TOTAL }, { query: TOTAL }]),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/batching/i);
    });

    it('rejects a body above the size limit', async () => {
      const answer = await send(graph.url, { query: TOTAL, variables: { padding: 'x'.repeat(1_100_000) } }, token);
      expect(answer.status).toBe(413);
      expect(answer.body.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });
});
