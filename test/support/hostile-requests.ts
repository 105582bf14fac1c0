import { between, int, mulberry32, pick, type Rng } from '../../scripts/seed/random';
import { ELIGIBLE_REGISTRATION } from './readme-queries';

/** One request to send to the gateway's /graphql, and what the generator meant it as. */
export interface HostileRequest {
  kind: HostileKind;
  method: 'GET' | 'POST';
  /** Appended to the /graphql URL (GET queries). */
  search?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** A registration meant to be valid (names in unusual scripts): it may be stored, and must then read back as sent. */
  validRegistration?: { familyName: string; givenName: string };
}

export const HOSTILE_KINDS = [
  'bad-json',
  'content-type',
  'variable-types',
  'unknown-operations',
  'unicode',
  'deep-wide',
  'huge-values',
  'batch',
  'get',
  'bad-mutation',
  'bad-token',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** Bodies around the gateway's BODY_LIMIT (1mb by default): just under it, and over it. */
const BODY_LIMIT = 1024 * 1024;

const ELIGIBLE = ELIGIBLE_REGISTRATION;
const REGISTER = 'mutation Register($input: RegisterParticipantInput!) { registerParticipant(input: $input) { id givenName familyName } }';
const UNICODE_TEXTS = [
  '\u202eesreveR',
  'שלום עולם',
  'مرحبا',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ud83d',
  '😀👩‍👩‍👧',
  'Z̴̡̛a̶l̷g̸o',
  '\ufeff',
  '\u2028\u2029',
  '\uffff',
  'İıŞş',
];

/**
 * `count` malformed or hostile requests, the same ones for the same seed: bad JSON, wrong
 * content types and variable types, unknown operations and fields, odd Unicode, deep and wide
 * documents, values near and over the body limit, batches, GET requests, invalid mutations and
 * garbage tokens. Requests with a good token carry `token`.
 */
export function hostileRequests(count: number, seed: number, token: string, participantIds: readonly string[]): HostileRequest[] {
  const rng = mulberry32(seed);
  const requests: HostileRequest[] = [];
  for (let i = 0; i < count; i += 1) requests.push(generate(HOSTILE_KINDS[i % HOSTILE_KINDS.length], rng, token, participantIds));
  return requests;
}

function json(kind: HostileKind, token: string, payload: unknown, extra: Partial<HostileRequest> = {}): HostileRequest {
  return {
    kind,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
    ...extra,
  };
}

function generate(kind: HostileKind, rng: Rng, token: string, ids: readonly string[]): HostileRequest {
  const auth = { authorization: `Bearer ${token}` };
  const someId = pick(rng, ids);
  switch (kind) {
    case 'bad-json': {
      const valid = JSON.stringify({ query: `{ participant(id: "${someId}") { id } }` });
      const body = pick(rng, [
        valid.slice(0, between(rng, 1, valid.length - 1)),
        '{',
        '}',
        '[',
        'null',
        'true',
        '42',
        '"just a string"',
        '{"query": 5}',
        '{"query": null}',
        '{"query": ["{ __typename }"]}',
        '{"query": {"a": 1}}',
        '{"query": "{ __typename }", "variables": "not an object"}',
        '{"query": "{ __typename }", "variables": [1, 2]}',
        '{"query": "{ __typename }", "operationName": 7}',
        '{"query": "{ __typename }", "extensions": "x"}',
        '{"query": "{ __typename }",}',
        "{'query': '{ __typename }'}",
        '\ufeff{"query": "{ __typename }"}',
        '{"query": "{ __typename }"} trailing',
        '{"query": "\\x41"}',
        '{"query": "{ __typename }", "query": 3}',
        '',
        ' ',
        String.fromCharCode(...Array.from({ length: between(rng, 1, 64) }, () => int(rng, 256))),
      ]);
      return { kind, method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body };
    }
    case 'content-type': {
      const body = JSON.stringify({ query: `{ participant(id: "${someId}") { id } }` });
      const contentType = pick(rng, [
        'text/plain',
        'text/plain; charset=utf-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/graphql',
        'application/xml',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/octet-stream',
        'image/png',
        '',
        'application/json, text/plain',
        ';;;',
      ]);
      const headers: Record<string, string> = { ...auth };
      if (contentType) headers['content-type'] = contentType;
      return {
        kind,
        method: 'POST',
        headers,
        body: contentType === 'application/graphql' ? `{ participant(id: "${someId}") { id } }` : body,
      };
    }
    case 'variable-types': {
      return pick(rng, [
        () => json(kind, token, { query: REGISTER, variables: { input: pick(rng, ['a string', 42, [], true, null]) } }),
        () =>
          json(kind, token, {
            query: REGISTER,
            variables: { input: { ...ELIGIBLE, birthDate: pick(rng, [20010412, true, {}, ['2001-04-12']]) } },
          }),
        () =>
          json(kind, token, { query: REGISTER, variables: { input: { ...ELIGIBLE, gender: pick(rng, ['female', 'UNKNOWN', 1, '']) } } }),
        () => json(kind, token, { query: REGISTER, variables: { input: { givenName: 'Nur' } } }),
        () => json(kind, token, { query: REGISTER, variables: { input: { ...ELIGIBLE, surplus: 'field' } } }),
        () => json(kind, token, { query: REGISTER, variables: {} }),
        () =>
          json(kind, token, {
            query: 'query P($first: Int) { participants(first: $first) { totalCount } }',
            variables: { first: pick(rng, ['ten', 1.5, 2 ** 31, -(2 ** 31) - 1, [], {}, '1']) },
          }),
        () =>
          json(kind, token, {
            query: 'query P($id: ID!) { participant(id: $id) { id } }',
            variables: { id: pick(rng, [{}, [], true, null, 1.5]) },
          }),
        () => json(kind, token, { query: 'query P($id: ID!) { participant(id: $id) { id } }', variables: { other: someId } }),
        () =>
          json(kind, token, {
            query: 'query P($f: ParticipantFilter) { participants(filter: $f) { totalCount } }',
            variables: { f: { status: 'GONE' } },
          }),
        () => json(kind, token, { query: 'query P($n: Unknown) { participants { totalCount } }', variables: { n: 1 } }),
      ])();
    }
    case 'unknown-operations': {
      return pick(rng, [
        () => json(kind, token, { query: '{ participants(first: 1) { totalCount } }', operationName: `Op${int(rng, 1000)}` }),
        () => json(kind, token, { query: 'query A { municipalities { id } } query B { providers { id } }' }),
        () => json(kind, token, { query: 'query A { municipalities { id } } mutation B { grantConsent { id } }' }),
        () => json(kind, token, { query: 'subscription { municipalities { id } }' }),
        () => json(kind, token, { query: `{ doesNotExist${int(rng, 1000)} }` }),
        () => json(kind, token, { query: `{ participant(id: "${someId}") { id shoeSize } }` }),
        () => json(kind, token, { query: `{ participant(id: "${someId}", extra: 1) { id } }` }),
        () => json(kind, token, { query: 'query { ...F } fragment F on Nothing { id }' }),
        () => json(kind, token, { query: 'fragment F on Query { municipalities { id } }' }),
        () => json(kind, token, { query: '' }),
        () => json(kind, token, { query: '   ' }),
        () => json(kind, token, { query: '# only a comment' }),
        () => json(kind, token, { query: '{ municipalities { id } ' }),
        () => json(kind, token, { query: 'query { municipalities { id } } }' }),
        () => json(kind, token, { query: 'mutation { registerParticipant }' }),
        () => json(kind, token, { query: '{ __schema { types { name } } }', operationName: '' }),
        () => json(kind, token, { query: '{ municipalities @unknownDirective { id } }' }),
        () => json(kind, token, { query: '{ municipalities { id @skip } }' }),
        () => json(kind, token, { query: 'query Q($a: Int, $a: Int) { municipalities { id } }' }),
        () => json(kind, token, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
        () => json(kind, token, {}),
      ])();
    }
    case 'unicode': {
      const text = pick(rng, UNICODE_TEXTS);
      return pick(rng, [
        () => json(kind, token, { query: 'query P($id: ID!) { participant(id: $id) { id } }', variables: { id: text } }),
        () => json(kind, token, { query: `{ participant(id: ${JSON.stringify(text)}) { id } }` }),
        () => json(kind, token, { query: `{ municipalities { id } } # ${text}` }),
        () => json(kind, token, { query: `{ municipalities { id${text} } }` }),
        () => json(kind, token, { query: '{ municipalities { id } }', operationName: text }),
        () => json(kind, token, { query: `{ participants(filter: { municipalityId: ${JSON.stringify(text)} }) { totalCount } }` }),
        () => {
          // A name in an unusual script or with odd code points: a valid registration unless the graph refuses the text.
          const names = { givenName: `${text}Hostil`, familyName: `Probe${int(rng, 1_000_000)}` };
          return json(kind, token, { query: REGISTER, variables: { input: { ...ELIGIBLE, ...names } } }, { validRegistration: names });
        },
        () => ({
          kind,
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', ...auth },
          // Bytes that are not UTF-8 at all: an overlong slash, a lone continuation byte, 0xFF.
          body: new Uint8Array([
            ...Buffer.from('{"query": "{ participant(id: \\"'),
            ...pick(rng, [[0xc0, 0xaf], [0x80], [0xff, 0xfe], [0xed, 0xa0, 0x80]]),
            ...Buffer.from('\\") { id } }"}'),
          ]),
        }),
      ])();
    }
    case 'deep-wide': {
      return pick(rng, [
        () => {
          const depth = between(rng, 13, 400);
          return json(kind, token, {
            query: `{ participant(id: "${someId}") { ${'referrals { participant { '.repeat(depth)}id${' } }'.repeat(depth)} } }`,
          });
        },
        () => {
          const depth = between(rng, 50, 3000);
          return json(kind, token, { query: `${'{ '.repeat(depth)}${'} '.repeat(depth)}` });
        },
        () =>
          json(kind, token, {
            query: `{ ${Array.from({ length: between(rng, 21, 400) }, (_, i) => `a${i}: municipalities { id }`).join(' ')} }`,
          }),
        () => json(kind, token, { query: `{ municipalities { ${'id '.repeat(between(rng, 500, 5000))}} }` }),
        () => json(kind, token, { query: `{ municipalities ${'@include(if: true) '.repeat(between(rng, 51, 500))}{ id } }` }),
        () => {
          const n = between(rng, 10, 200);
          const fragments = Array.from(
            { length: n },
            (_, i) => `fragment F${i} on Query { ${i + 1 < n ? `...F${i + 1}` : 'municipalities { id }'} }`,
          );
          return json(kind, token, { query: `{ ...F0 } ${fragments.join(' ')}` });
        },
        () => json(kind, token, { query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }),
        () => json(kind, token, { query: `{ participants(first: 1000) { edges { node { referrals { case { __typename } } } } } }` }),
        () => json(kind, token, { query: `{ ${'a: municipalities { id } '.repeat(2)} }` }),
      ])();
    }
    case 'huge-values': {
      return pick(rng, [
        () =>
          json(kind, token, {
            query: REGISTER,
            variables: { input: { ...ELIGIBLE, givenName: 'x'.repeat(BODY_LIMIT - between(rng, 1000, 5000)) } },
          }),
        () =>
          json(kind, token, {
            query: REGISTER,
            variables: { input: { ...ELIGIBLE, givenName: 'x'.repeat(BODY_LIMIT + between(rng, 1, 100_000)) } },
          }),
        () =>
          json(kind, token, { query: REGISTER, variables: { input: { ...ELIGIBLE, familyName: 'y'.repeat(between(rng, 101, 10_000)) } } }),
        () => json(kind, token, { query: `{ participant(id: "${'9'.repeat(between(rng, 17, 100_000))}") { id } }` }),
        () => ({
          kind,
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', ...auth },
          body: `{"query": "query P($first: Int) { participants(first: $first) { totalCount } }", "variables": {"first": ${pick(rng, ['1e400', '99999999999999999999', '-1e308', '0.0000001', '1E3', '-0', 'NaN', 'Infinity'])}}}`,
        }),
        () =>
          json(kind, token, {
            query: `{ participants(first: ${pick(rng, ['99999999999999999999', '2147483648', '-5', '0', '1001', '1.5e3'])}) { totalCount } }`,
          }),
        () => json(kind, token, { query: `{ participants(after: "${'Z'.repeat(between(rng, 10, 50_000))}") { totalCount } }` }),
        () => json(kind, token, { query: '{ municipalities { id } }', operationName: 'O'.repeat(between(rng, 1000, 100_000)) }),
        () =>
          json(kind, token, {
            query: '{ municipalities { id } }',
            variables: Object.fromEntries(Array.from({ length: between(rng, 100, 20_000) }, (_, i) => [`v${i}`, i])),
          }),
        () => json(kind, token, { query: `{ monitoring(from: "0001-01-01", to: "9999-12-31") { quarter } }` }),
        () => json(kind, token, { query: `{ participant(id: "${someId}") { id } } ${' '.repeat(between(rng, 10_000, 900_000))}` }),
      ])();
    }
    case 'batch': {
      const one = { query: `{ participant(id: "${someId}") { id } }` };
      const size = pick(rng, [0, 1, 2, 10, 500]);
      return {
        kind,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify(Array.from({ length: size }, () => one)),
      };
    }
    case 'get': {
      const query = pick(rng, [
        `{ participant(id: "${someId}") { id } }`,
        'mutation { grantConsent(input: { participantId: "TN-0001", scope: PROVIDER_EXCHANGE, on: "2022-09-01" }) { id } }',
        'subscription { municipalities { id } }',
        '{ doesNotExist }',
        '{',
        '',
      ]);
      const params = new URLSearchParams();
      if (query || rng() < 0.5) params.set('query', query);
      if (rng() < 0.3) params.set('variables', pick(rng, ['{not json', '[1]', '"x"', '{"id": 1}']));
      if (rng() < 0.2) params.set('operationName', pick(rng, ['Nope', '']));
      if (rng() < 0.2) params.set('extensions', pick(rng, ['{', '{"persistedQuery": 1}']));
      return {
        kind,
        method: 'GET',
        search: `?${params.toString()}`,
        headers: { ...auth, accept: pick(rng, ['application/json', 'application/graphql-response+json', '*/*', 'text/html']) },
      };
    }
    case 'bad-mutation': {
      const unknown = 'TN-9999';
      return pick(rng, [
        () =>
          json(kind, token, {
            query: REGISTER,
            variables: { input: { ...ELIGIBLE, birthDate: pick(rng, ['1980-01-01', '2010-01-01', '2001-02-30', '01.01.2001', '']) } },
          }),
        () =>
          json(kind, token, {
            query: REGISTER,
            variables: { input: { ...ELIGIBLE, municipalityId: pick(rng, ['duisburg', '', '../kreis', 'wesel; DROP TABLE']) } },
          }),
        () =>
          json(kind, token, {
            query: REGISTER,
            variables: { input: { ...ELIGIBLE, enteredOn: pick(rng, ['2019-01-01', '2030-01-01', '2022-13-01']) } },
          }),
        () => json(kind, token, { query: REGISTER, variables: { input: { ...ELIGIBLE, givenName: pick(rng, ['', '   ', '\t\n']) } } }),
        () =>
          json(kind, token, {
            query: 'mutation R($input: ReferParticipantInput!) { referParticipant(input: $input) { id } }',
            variables: {
              input: {
                participantId: pick(rng, [unknown, '', 'REF-00001', "' OR 1=1 --"]),
                module: 'F1_COACHING',
                referredOn: '2022-09-02',
              },
            },
          }),
        () =>
          json(kind, token, {
            query: 'mutation G($input: ConsentInput!) { grantConsent(input: $input) { id } }',
            variables: { input: { participantId: someId, scope: 'PROVIDER_EXCHANGE', on: pick(rng, ['2099-01-01', '1-1-1', 'today']) } },
          }),
        () =>
          json(kind, token, {
            query: `mutation { exitParticipant(id: "${unknown}", exitedOn: "2023-01-01", reason: TRAINING_STARTED) { id } }`,
          }),
        () =>
          json(kind, token, {
            query: `mutation { changeReferralStatus(input: { referralId: "REF-99999", status: ACTIVE, on: "2022-09-05" }) { status } }`,
          }),
        () =>
          json(kind, token, {
            query:
              'mutation { recordPlacement(input: { participantId: "TN-0001", kind: AUSBILDUNG, office: JOBCENTER, employerName: "E", kldbCode: "1", occupationTitle: "T", startsOn: "2023-01-01" }) { id } }',
          }),
        () => json(kind, token, { query: `mutation { updateParticipant(id: "${someId}", input: { givenName: null }) { id } }` }),
        () => json(kind, token, { query: `mutation { klausenhof { openCase(referralId: "REF-99999", openedOn: "2022-09-05") { id } } }` }),
      ])();
    }
    case 'bad-token': {
      const garbage = pick(rng, [
        'Bearer',
        'Bearer ',
        'Bearer x',
        'Bearer a.b.c',
        `Bearer ${token.split('.').slice(0, 2).join('.')}.`,
        `Bearer ${token.slice(0, -4)}AAAA`,
        `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${token.split('.')[1]}.`,
        `Basic ${Buffer.from('admin:admin').toString('base64')}`,
        `Bearer ${'A'.repeat(between(rng, 1000, 7000))}`,
        `bearer ${token}x`,
        'Bearer ey.ey.ey',
        `${token}`,
        'Bearer \u00e4\u00f6\u00fc',
      ]);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (rng() > 0.1) headers.authorization = garbage;
      return { kind, method: 'POST', headers, body: JSON.stringify({ query: '{ municipalities { id } }' }) };
    }
  }
}
