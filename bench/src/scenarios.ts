import type { Request as CannonRequest } from 'autocannon';
import { type SignedViewer, signRequest } from '@durchstarten/kit';
import { Module } from '@durchstarten/contracts';
import type { World } from '../../scripts/seed/world';

/** The four scenarios (contract keys of results/latest.json). */
export const SCENARIOS = ['a', 'b', 'c', 'd'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The targets (contract keys): three gateways on the same supergraph and subgraphs, one subgraph directly, the SQL floor. */
export const TARGETS = ['gateway', 'apolloStock', 'hive', 'direct', 'sql'] as const;
export type Target = (typeof TARGETS)[number];

export const SCENARIO_TITLES: Record<Scenario, string> = {
  a: 'page of 50 participants with their whole journey (caseworker)',
  b: 'one participant by id with the whole journey (caseworker)',
  c: 'analyst export of the pseudonymised journey, pages of 500 to the end',
  d: 'write: a coach records a coaching session (klausenhof)',
};

export const PAGE_SIZE_A = 50;
export const EXPORT_PAGE_SIZE = 500;

const ROLE_OF: Record<Scenario, Pick<SignedViewer, 'org' | 'roles'> & { kind: string }> = {
  a: { kind: 'caseworker', org: 'kreis', roles: ['caseworker'] },
  b: { kind: 'caseworker', org: 'kreis', roles: ['caseworker'] },
  c: { kind: 'analyst', org: 'kreis', roles: ['analyst'] },
  d: { kind: 'coach', org: 'klausenhof', roles: ['coach'] },
};

/**
 * The person behind connection `index`: every connection is someone else, as at a
 * real endpoint. With one shared identity a gateway that merges identical in-flight
 * subgraph requests per viewer would answer 16 requests with one subgraph call.
 */
export function viewerFor(scenario: Scenario, index: number): SignedViewer {
  const { kind, org, roles } = ROLE_OF[scenario];
  return { sub: `bench-${kind}-${index}`, org, roles };
}

const CASE_RECORDS = `
  coachingSessions { id heldOn durationMinutes topic }
  enrolments { id status course { id title module } }
  certificates { id kind title level result issuedOn }`;

/** Kreis's own part of a participant: what the kreis subgraph answers alone (target `direct`). */
const KREIS_PART = `
  id givenName familyName birthYear residenceStatus enteredOn exitedOn
  municipality { id provider { id } }
  referrals { id module status referredOn provider { id } }`;

const JOURNEY = `
  fragment Journey on Participant {
    id givenName familyName birthYear residenceStatus enteredOn exitedOn
    municipality { id provider { id } }
    referrals {
      id module status referredOn provider { id }
      case { __typename id ${CASE_RECORDS}
        internships { id employer occupation startsOn endsOn } }
    }
    placements { id kind office employerName occupation { kldbCode title } startsOn endsOn }
  }`;

/** What an analyst may read: no names, no employers, no notes, no dates; quasi-identifiers coarse (README). */
const ANALYST_CASE_RECORDS = `
  coachingSessions { id durationMinutes topic }
  enrolments { id status course { id title module } }
  certificates { id kind title level result }
  internships { id occupation }`;

const PSEUDONYMOUS_JOURNEY = `
  fragment Pseudonymous on Participant {
    id ageGroup gender residenceStatus bank entryQuarter exitQuarter exitReason
    referrals {
      id module status provider { id }
      case { __typename id ${ANALYST_CASE_RECORDS} }
    }
    placements { id kind office occupation { kldbCode title } }
  }`;

const KREIS_PSEUDONYMOUS = `
  id ageGroup gender residenceStatus bank entryQuarter exitQuarter exitReason
  referrals { id module status provider { id } }`;

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

export const DOCUMENTS = {
  a: `${JOURNEY} query JourneyPage($first: Int!) { participants(first: $first) { ${PAGE_INFO} edges { node { ...Journey } } } }`,
  b: `${JOURNEY} query OneParticipant($id: ID!) { participant(id: $id) { ...Journey } }`,
  c: `${PSEUDONYMOUS_JOURNEY} query Export($first: Int!, $after: String) { participants(first: $first, after: $after) { ${PAGE_INFO} edges { node { ...Pseudonymous } } } }`,
  d: `mutation RecordSession($sessions: [CoachingSessionInput!]!) { klausenhof { recordCoachingSessions(sessions: $sessions) { id heldOn } } }`,
  directA: `query KreisPage($first: Int!) { participants(first: $first) { ${PAGE_INFO} edges { node { ${KREIS_PART} } } } }`,
  directB: `query KreisOne($id: ID!) { participant(id: $id) { ${KREIS_PART} } }`,
  directC: `query KreisExport($first: Int!, $after: String) { participants(first: $first, after: $after) { ${PAGE_INFO} edges { node { ${KREIS_PSEUDONYMOUS} } } } }`,
};

/** Where and how to send one target's requests. */
export type Endpoint =
  | { kind: 'graphql'; url: string; tokens: Record<Scenario, string[]>; acceptEncoding?: string }
  | { kind: 'direct'; urls: { kreis: string; klausenhof: string }; secrets: { kreis: string; klausenhof: string } }
  | { kind: 'sql'; url: string };

/** Counters the requests of one measurement fill in; GraphQL errors arrive with HTTP 200 and are counted here. */
export interface ResponseTally {
  graphqlErrors: number;
  exportsCompleted: number;
}

/** Autocannon starts each connection's context afresh after its list of requests: a long list keeps an export's cursor. */
const REQUESTS_PER_CONTEXT = 1000;

interface Plan {
  url: string;
  requests: CannonRequest[];
  initialContext?: Record<string, unknown>;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** Ids the requests choose from at random, so indexes, not caches, answer. */
export function worldSamples(world: World) {
  const participantIds = world.participants.map((p) => p.id);
  const openCoachingCases = world.providers.klausenhof.cases.filter((c) => c.closedOn === null && c.module === Module.F1_COACHING);
  if (openCoachingCases.length === 0) throw new Error('The world has no open klausenhof coaching case to record sessions on');
  return { participantIds, openCoachingCases };
}

const cursorFrom = (body: string): string | null => {
  if (!/"hasNextPage":true/.test(body)) return null;
  return /"endCursor":"([^"]+)"/.exec(body)?.[1] ?? null;
};

/** The autocannon requests of one scenario against one target. */
export function planFor(
  scenario: Scenario,
  endpoint: Endpoint,
  samples: ReturnType<typeof worldSamples>,
  tally: ResponseTally,
  people: number,
): Plan {
  let nextPerson = 0;
  /** Which person a connection is: fixed for as long as autocannon keeps its context. */
  const personOf = (context: Record<string, unknown>) => {
    if (typeof context.person !== 'number') context.person = nextPerson++ % people;
    return context.person as number;
  };
  const repeat = (request: CannonRequest): CannonRequest[] => Array.from({ length: REQUESTS_PER_CONTEXT }, () => request);
  const variables = (): Record<string, unknown> => {
    switch (scenario) {
      case 'a':
        return { first: PAGE_SIZE_A };
      case 'b':
        return { id: pick(samples.participantIds) };
      case 'c':
        return { first: EXPORT_PAGE_SIZE };
      case 'd': {
        const chosen = pick(samples.openCoachingCases);
        return { sessions: [{ caseId: chosen.id, heldOn: chosen.openedOn, durationMinutes: 45, topic: 'ORIENTATION' }] };
      }
    }
  };
  type Context = Record<string, unknown>;
  const onResponse = (status: number, body: string, context: Context) => {
    if (status === 200 && body.includes('"errors"')) tally.graphqlErrors += 1;
    if (scenario === 'c') {
      context.after = cursorFrom(body);
      if (context.after === null) tally.exportsCompleted += 1;
    }
  };
  /** This request's variables; an export continues after its connection's last page. */
  const variablesFor = (context: Context) => {
    const vars = variables();
    if (scenario === 'c' && context.after) vars.after = context.after;
    return vars;
  };
  /** Every target's plan: POST to `url` (and `path`), headers and body made per request by `setup`. */
  const planOf = (url: string, setup: (context: Context) => { headers: Record<string, string>; body: string }, path?: string): Plan => ({
    url,
    initialContext: {},
    requests: repeat({
      method: 'POST',
      ...(path ? { path } : {}),
      setupRequest: (req, context) => ({ ...req, ...setup(context as Context) }),
      onResponse: (status, body, context) => onResponse(status, body, context as Context),
    }),
  });
  const graphqlBody = (context: Context, document: string) => JSON.stringify({ query: document, variables: variablesFor(context) });

  if (endpoint.kind === 'graphql') {
    const headers = endpoint.tokens[scenario].map((token) => ({
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(endpoint.acceptEncoding ? { 'accept-encoding': endpoint.acceptEncoding } : {}),
    }));
    return planOf(endpoint.url, (context) => ({ headers: headers[personOf(context)], body: graphqlBody(context, DOCUMENTS[scenario]) }));
  }
  if (endpoint.kind === 'direct') {
    const subgraph = scenario === 'd' ? 'klausenhof' : 'kreis';
    // The desk mutation is namespaced in the provider's own subgraph exactly as in the supergraph.
    const document = { a: DOCUMENTS.directA, b: DOCUMENTS.directB, c: DOCUMENTS.directC, d: DOCUMENTS.d }[scenario];
    const url = endpoint.urls[subgraph];
    return planOf(url, (context) => {
      const body = graphqlBody(context, document);
      const viewer = viewerFor(scenario, personOf(context));
      const signed = signRequest({ caller: 'gateway', secret: endpoint.secrets[subgraph], url, viewer, body });
      return { headers: { 'content-type': 'application/json', ...signed }, body };
    });
  }
  return planOf(
    endpoint.url,
    (context) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...variablesFor(context), ...(scenario === 'd' ? { provider: 'klausenhof' } : {}) }),
    }),
    `/${scenario}`,
  );
}
