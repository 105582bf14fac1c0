/**
 * The same supergraph on Hive Gateway, with gateway/hive/gateway.config.mjs: its CLI started
 * as README "Hive Gateway" says, in front of the in-process test graph. Queries come through
 * signed (the subgraphs accept them), a request without a valid token or over a limit never
 * reaches a subgraph. Hive Gateway is the benchmark's dependency: installed by
 * `npm ci --prefix bench` (CI does); without it this file skips, saying so.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot, type SignedViewer } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import type { Viewer } from '@durchstarten/gateway/auth';
import { KREIS_CASEWORKER, startGraph, TEST_TOKEN_KEYS, type RunningGraph } from './support/graph';

const ROOT = repoRoot();
const HIVE_CLI = join(ROOT, 'bench', 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
const CONFIG = join(ROOT, 'gateway', 'hive', 'gateway.config.mjs');
const installed = existsSync(HIVE_CLI);
if (!installed) process.stdout.write(`hive-gateway.e2e: skipped, Hive Gateway is not installed (${HIVE_CLI}): run npm ci --prefix bench\n`);

interface Answer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

(installed ? describe : describe.skip)('Hive Gateway on gateway/hive/gateway.config.mjs', () => {
  let graph: RunningGraph;
  let hive: ChildProcess;
  let url: string;
  let output = '';

  const ask = async (query: string, viewer: SignedViewer | null = KREIS_CASEWORKER, variables?: object): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (viewer) headers.authorization = `Bearer ${await signDevelopmentToken(viewer as Viewer, TEST_TOKEN_KEYS.secret)}`;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const subgraphRequests = () =>
    Object.fromEntries(
      [['kreis', graph.kreis], ...Object.entries(graph.providers), ['agentur', graph.agentur]].map(([name, app]) => [
        name,
        { ...(app as RunningGraph['kreis']).requests.byCaller },
      ]),
    );

  beforeAll(async () => {
    // The configuration loads the compiled gateway (as the README's command does after npm run build).
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(ROOT, 'gateway', 'tsconfig.json')], {
      stdio: 'inherit',
    });
    graph = await startGraph(testDialects()[0], { participants: 10 });
    const port = await freePort();
    url = `http://127.0.0.1:${port}/graphql`;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      JWT_SECRET: TEST_TOKEN_KEYS.secret,
      ...Object.fromEntries(
        Object.entries(graph.subgraphSecrets).map(([name, secret]) => [`SUBGRAPH_SECRET_${name.toUpperCase()}`, secret]),
      ),
      ...Object.fromEntries(Object.entries(graph.subgraphUrls).map(([name, subgraphUrl]) => [`${name.toUpperCase()}_URL`, subgraphUrl])),
    };
    hive = spawn(process.execPath, [HIVE_CLI, 'supergraph', '--config-path', CONFIG, '--port', String(port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hive.stdout?.on('data', (chunk) => (output += chunk));
    hive.stderr?.on('data', (chunk) => (output += chunk));
    // Ready when it answers /readiness; bounded by attempts, not by a clock.
    for (let attempt = 0; ; attempt += 1) {
      if (hive.exitCode !== null) throw new Error(`Hive Gateway exited (${hive.exitCode}):\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readiness`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (attempt > 600) throw new Error(`Hive Gateway did not get ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 300_000);

  afterAll(async () => {
    if (hive && hive.exitCode === null) {
      const exited = new Promise((resolve) => hive.once('exit', resolve));
      hive.kill('SIGTERM');
      await exited;
    }
    await graph?.close();
  });

  /** What our gateway answers the same viewer: data and error codes. */
  const oursFor = async (query: string, viewer: SignedViewer) =>
    (await graph.clientAs(viewer)).rawRequest<Record<string, unknown>>(query).then(
      (result) => ({ data: result.data, errors: undefined as unknown }),
      (error: { response?: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } }) => ({
        data: error.response?.data ?? null,
        errors: error.response?.errors?.map((e) => e.extensions?.code),
      }),
    );
  const hiveFor = async (query: string, viewer: SignedViewer) => {
    const answer = await ask(query, viewer);
    return { data: answer.body.data ?? null, errors: answer.body.errors?.map((e) => e.extensions?.code) };
  };

  it('answers a query with what our gateway answers, each subgraph request signed and accepted', async () => {
    const query = '{ participants(first: 3) { totalCount edges { node { id givenName municipality { name } } } } }';
    graph.kreis.requests.reset();
    const answer = await ask(query);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.participants.totalCount).toBe(10);
    expect(answer.body.data.participants.edges).toHaveLength(3);
    // requests.byCaller counts only requests whose signature the subgraph verified.
    expect(graph.kreis.requests.byCaller).toEqual({ gateway: 1 });
    expect({ data: answer.body.data, errors: undefined }).toEqual(await oursFor(query, KREIS_CASEWORKER));
  });

  it('forwards the viewer to every subgraph: agentur, a coach, as through our gateway', async () => {
    graph.agentur.requests.reset();
    const agent: SignedViewer = { sub: 'agent-test', org: 'agentur', roles: ['agent'] };
    const placements = '{ placements(first: 2) { totalCount } }';
    const answer = await hiveFor(placements, agent);
    expect(answer.errors).toBeUndefined();
    expect(graph.agentur.requests.byCaller).toEqual({ gateway: 1 });
    expect(answer).toEqual(await oursFor(placements, agent));

    const coach: SignedViewer = { sub: 'coach-test', org: 'klausenhof', roles: ['coach'] };
    const cases = '{ participants { totalCount } }';
    expect(await hiveFor(cases, coach)).toEqual(await oursFor(cases, coach));
  });

  it('refuses a request without a token, or with a forged one, before any subgraph is asked', async () => {
    const before = subgraphRequests();
    const unsigned = await ask('{ participants { totalCount } }', null);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.data).toBeUndefined();
    expect(unsigned.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await signDevelopmentToken(KREIS_CASEWORKER, 'a-guessed-secret-of-at-least-32-characters')}`,
      },
      body: JSON.stringify({ query: '{ participants { totalCount } }' }),
    });
    expect(forged.status).toBe(401);
    expect(subgraphRequests()).toEqual(before);
  });

  it('sends no CORS headers to a browser page of another origin (CORS_ORIGINS is empty)', async () => {
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('applies the query limits with our codes, before any subgraph is asked', async () => {
    const before = subgraphRequests();
    const aliases = `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: participants { totalCount }`).join(' ')} }`;
    const tooMany = await ask(aliases);
    expect(tooMany.body.data ?? undefined).toBeUndefined();
    expect(tooMany.body.errors?.map((e) => e.extensions?.code)).toContain('TOO_MANY_ALIASES');

    const nested = (levels: number): string => (levels === 0 ? 'id' : `referrals { participant { ${nested(levels - 1)} } }`);
    const deep = `{ participants { edges { node { ${nested(6)} } } } }`;
    const tooDeep = await ask(deep);
    expect(tooDeep.body.data ?? undefined).toBeUndefined();
    expect(tooDeep.body.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_DEEP');
    expect(subgraphRequests()).toEqual(before);
  });
});
