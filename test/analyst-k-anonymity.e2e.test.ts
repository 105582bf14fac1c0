import { graphManifest, ProviderRegistry, providerRegistryPath, providerTypePrefix } from '@durchstarten/contracts';
import type { GraphQLClient } from 'graphql-request';
import { getIntrospectionQuery, type IntrospectionQuery, type IntrospectionType, type IntrospectionTypeRef } from 'graphql';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { MUNICIPALITIES } from '@durchstarten/kreis';
import { coarsen } from '@durchstarten/kreis';
import { startGraph, type RunningGraph } from './support/graph';
import { ask } from './support/outcome';

/**
 * Measures k through the gateway, as an analyst: page through every participant
 * asking every field an analyst may read, build each row's vector of
 * quasi-identifiers (null counts as its own value, "*") and check that no
 * vector describes fewer than 3 people.
 */

/** Every field an analyst may read below `participants`, as the permission rules (README) say. */
const ANALYST_READABLE = [
  'Participant.id',
  'Participant.gender',
  'Participant.residenceStatus',
  'Participant.exitReason',
  'Participant.ageGroup',
  'Participant.bank',
  'Participant.entryQuarter',
  'Participant.exitQuarter',
  'Participant.referrals',
  'Participant.consentsToAgencyExchange',
  'Participant.consents',
  'Participant.placements',
  'Referral.id',
  'Referral.module',
  'Referral.status',
  'Referral.participant',
  'Referral.provider',
  'Referral.case',
  'Provider.id',
  'Provider.name',
  'Provider.seat',
  'Provider.bank',
  'Provider.municipalities',
  'Municipality.id',
  'Municipality.name',
  'Municipality.bank',
  'Municipality.provider',
  'Consent.id',
  'Consent.scope',
  'Consent.active',
  ...graphManifest(ProviderRegistry.fromFile(providerRegistryPath()))
    .providers.map((p) => `${providerTypePrefix(p.name)}Case`)
    .flatMap((type) =>
      ['id', 'module', 'participant', 'coachingSessions', 'enrolments', 'certificates', 'internships'].map((field) => `${type}.${field}`),
    ),
  'CoachingSession.id',
  'CoachingSession.durationMinutes',
  'CoachingSession.topic',
  'CourseEnrolment.id',
  'CourseEnrolment.status',
  'CourseEnrolment.course',
  'Course.id',
  'Course.title',
  'Course.kind',
  'Course.module',
  'Certificate.id',
  'Certificate.kind',
  'Certificate.title',
  'Certificate.level',
  'Certificate.result',
  'Internship.id',
  'Internship.occupation',
  'Placement.id',
  'Placement.kind',
  'Placement.office',
  'Placement.occupation',
  'Placement.participant',
  'Occupation.kldbCode',
  'Occupation.title',
].sort();

/** The quasi-identifiers among them: what an outsider may know about a person. Every readable date would be one too. */
const QUASI_IDENTIFIERS = ['ageGroup', 'gender', 'residenceStatus', 'bank', 'entryQuarter', 'exitQuarter', 'exitReason'];

const PAGE = 1000;

const named = (ref: IntrospectionTypeRef): { name: string; kind: string } => {
  let type: any = ref;
  while (type.ofType) type = type.ofType;
  return { name: type.name, kind: type.kind };
};

/** A selection tree of the readable fields; leaves are null, LocalDate leaves are remembered. */
interface Tree {
  [field: string]: Tree | null;
}
const selection = (tree: Tree): string =>
  Object.entries(tree)
    .map(([field, sub]) => (sub === null ? field : `${field} { __typename ${selection(sub)} }`))
    .join(' ');
const PAGE_QUERY = (tree: Tree) =>
  `query Everything($after: String) { participants(first: ${PAGE}, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection(tree)} } } } }`;

/**
 * Walks the schema from Participant, asking the gateway for each field as the
 * analyst: the fields it answers without FORBIDDEN, as a selection tree.
 */
async function walkReadable(
  client: GraphQLClient,
  schema: IntrospectionQuery,
): Promise<{ readable: string[]; tree: Tree; dates: string[] }> {
  const types = new Map<string, IntrospectionType>(schema.__schema.types.map((t) => [t.name, t]));
  const readable: string[] = [];
  const dates: string[] = [];
  const visited = new Set<string>();
  /** `wrap` puts a selection where this type sits below one participant. */
  const visit = async (typeName: string, wrap: (inner: string) => string): Promise<Tree> => {
    visited.add(typeName);
    const type = types.get(typeName)! as any;
    const tree: Tree = {};
    if (type.kind === 'INTERFACE' || type.kind === 'UNION') {
      for (const possible of type.possibleTypes as Array<{ name: string }>) {
        if (visited.has(possible.name)) continue;
        const sub = await visit(possible.name, (inner) => wrap(`... on ${possible.name} { ${inner} }`));
        tree[`... on ${possible.name}`] = sub;
      }
      return tree;
    }
    for (const field of type.fields as Array<{ name: string; type: IntrospectionTypeRef; args: Array<{ type: IntrospectionTypeRef }> }>) {
      if (field.args.some((arg) => arg.type.kind === 'NON_NULL')) continue;
      const target = named(field.type);
      const leaf = target.kind === 'SCALAR' || target.kind === 'ENUM';
      const outcome = await ask(
        client,
        `{ participants(first: 1000) { edges { node { ${wrap(leaf ? field.name : `${field.name} { __typename }`)} } } } }`,
      );
      if (outcome.codes.includes('FORBIDDEN')) continue;
      expect({ field: `${typeName}.${field.name}`, codes: outcome.codes }).toEqual({ field: `${typeName}.${field.name}`, codes: [] });
      readable.push(`${typeName}.${field.name}`);
      if (leaf) {
        tree[field.name] = null;
        if (target.name === 'LocalDate') dates.push(`${typeName}.${field.name}`);
      } else if (!visited.has(target.name)) {
        tree[field.name] = await visit(target.name, (inner) => wrap(`${field.name} { ${inner} }`));
      }
    }
    return tree;
  };
  const tree = await visit('Participant', (inner) => inner);
  return { readable: readable.sort(), tree, dates };
}

/** Every value of a LocalDate-typed field below a row, in a fixed order: each date read is a quasi-identifier. */
function datesIn(value: unknown, dateFields: Set<string>, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => datesIn(item, dateFields, out));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(record)) {
      if (dateFields.has(`${record.__typename}.${key}`)) out.push(`${key}=${child ?? '*'}`);
      else datesIn(child, dateFields, out);
    }
  }
  return out;
}

const classSizes = (vectors: string[]) => {
  const sizes = new Map<string, number>();
  for (const vector of vectors) sizes.set(vector, (sizes.get(vector) ?? 0) + 1);
  return vectors.map((vector) => sizes.get(vector)!);
};

describe.each(testDialects().map((dialect) => [dialect.name, dialect] as const))('the analysts’ row-level view on %s', (_name, dialect) => {
  describe.each([380, 10_000])('in a world of %d participants', (participants) => {
    let graph: RunningGraph;
    let analyst: GraphQLClient;

    beforeAll(async () => {
      graph = await startGraph(dialect, { participants, gatewayLimits: { maxCost: 10_000_000 } });
      analyst = await graph.clientAs(TEST_VIEWERS.analyst);
    }, 600_000);

    afterAll(async () => {
      await graph?.close();
    });

    it('reads only the fields the rules allow, lists only REPORTING-consented people, and singles out no one (k ≥ 3)', async () => {
      const schema = await graph.client.request<IntrospectionQuery>(getIntrospectionQuery());
      const { readable, tree, dates } = await walkReadable(analyst, schema);
      expect(readable).toEqual(ANALYST_READABLE);
      expect(dates).toEqual([]);
      const qiFields = Object.keys(tree).filter(
        (field) => tree[field] === null && !['id', '__typename', 'consentsToAgencyExchange'].includes(field),
      );
      expect(qiFields.sort()).toEqual([...QUASI_IDENTIFIERS].sort());

      const rows: any[] = [];
      let after: string | null = null;
      for (;;) {
        const data: any = await analyst.request(PAGE_QUERY(tree), { after });
        rows.push(...data.participants.edges.map((e: any) => e.node));
        if (!data.participants.pageInfo.hasNextPage) break;
        after = data.participants.pageInfo.endCursor;
      }

      const reporting = new Set(
        graph.world.consents.filter((c) => c.scope === 'REPORTING' && c.withdrawnOn === null).map((c) => c.participantId),
      );
      expect(reporting.size).toBeGreaterThan(participants / 2);
      expect(reporting.size).toBeLessThan(participants);
      expect(new Set(rows.map((row) => row.id))).toEqual(reporting);
      expect(rows.length).toBe(reporting.size);

      const dateFields = new Set(dates);
      const vectors = rows.map((row) => [...QUASI_IDENTIFIERS.map((field) => row[field] ?? '*'), ...datesIn(row, dateFields)].join('|'));
      const sizes = classSizes(vectors);
      const k = Math.min(...sizes);

      // What is released is true: every value shown is the person's own coarse value.
      const bankOf = new Map(MUNICIPALITIES.map((m) => [m.id, m.bank]));
      const byId = new Map(graph.world.participants.map((p) => [p.id, p]));
      const withheld: Record<string, number> = {};
      for (const row of rows) {
        const p = byId.get(row.id)!;
        const truth = coarsen({ ...p, birthYear: Number(p.birthDate.slice(0, 4)), bank: bankOf.get(p.municipalityId)! }) as any;
        for (const field of QUASI_IDENTIFIERS) {
          if (row[field] === null && truth[field] !== null) withheld[field] = (withheld[field] ?? 0) + 1;
          else expect({ id: row.id, field, value: row[field] }).toEqual({ id: row.id, field, value: truth[field] });
        }
      }
      process.stdout.write(
        `k-anonymity (${dialect.name}, ${participants}): ${rows.length} analyst rows, smallest class ${k}, ` +
          `${new Set(vectors).size} classes, values withheld: ${JSON.stringify(withheld)}\n`,
      );
      expect(k).toBeGreaterThanOrEqual(3);
    }, 600_000);

    it('runs the same SQL statements for a page of 10 and a page of 1000: one aggregate, no statement per row', async () => {
      const query = `query ($first: Int!) { participants(first: $first) { edges { node {
        id ageGroup gender residenceStatus bank entryQuarter exitQuarter exitReason
        referrals { module provider { id } case { __typename certificates { kind result } } } placements { kind } } } } }`;
      const counts: Array<Record<string, number>> = [];
      for (const first of [10, 1000]) {
        graph.resetStatements();
        await analyst.request(query, { first });
        counts.push(graph.statements());
      }
      expect(counts[1]).toEqual(counts[0]);
      // Page, referrals, consents (agentur @requires consentsToAgencyExchange), the suppression aggregate.
      expect(counts[0].kreis).toBe(4);
    });

    it('stays at k ≥ 3 on the very next request after consents are withdrawn and people exit', async () => {
      const reporting = graph.world.consents.filter((c) => c.scope === 'REPORTING' && c.withdrawnOn === null).map((c) => c.participantId);
      const withdrawn = reporting.filter((_, index) => index % 7 === 0).slice(0, 20);
      for (const id of withdrawn) {
        await graph.client.request(
          `mutation { withdrawConsent(input: { participantId: "${id}", scope: REPORTING, on: "2023-10-31" }) { id } }`,
        );
      }
      const active = graph.world.participants.filter((p) => p.exitedOn === null && reporting.includes(p.id) && !withdrawn.includes(p.id));
      for (const p of active.slice(0, 10)) {
        await graph.client.request(`mutation { exitParticipant(id: "${p.id}", exitedOn: "2023-10-31", reason: DROPPED_OUT) { id } }`);
      }
      const rows: any[] = [];
      let after: string | null = null;
      for (;;) {
        const data: any = await analyst.request(
          `query ($after: String) { participants(first: ${PAGE}, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id ${QUASI_IDENTIFIERS.join(' ')} } } } }`,
          { after },
        );
        rows.push(...data.participants.edges.map((e: any) => e.node));
        if (!data.participants.pageInfo.hasNextPage) break;
        after = data.participants.pageInfo.endCursor;
      }
      expect(new Set(rows.map((row) => row.id))).toEqual(new Set(reporting.filter((id) => !withdrawn.includes(id))));
      const exited = new Set(active.slice(0, 10).map((p) => p.id));
      const sizes = classSizes(rows.map((row) => QUASI_IDENTIFIERS.map((field) => row[field] ?? '*').join('|')));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(3);
      // The exits count: those released with an exit quarter show this one.
      for (const row of rows.filter((r) => exited.has(r.id))) expect([null, '2023-Q4']).toContain(row.exitQuarter);
    });

    it('refuses analysts the filters that would reveal a quasi-identifier, and keeps module and provider', async () => {
      for (const filter of [
        '{ municipalityId: "moers" }',
        '{ residenceStatus: DULDUNG }',
        '{ status: EXITED }',
        '{ enteredFrom: "2022-01-01" }',
        '{ enteredTo: "2022-01-01" }',
      ]) {
        const outcome = await ask(analyst, `{ participants(first: 5, filter: ${filter}) { totalCount edges { node { id } } } }`);
        expect({ filter, codes: outcome.codes }).toEqual({ filter, codes: ['FORBIDDEN'] });
      }
      const allowed = await ask(
        analyst,
        '{ participants(first: 5, filter: { module: F1_COACHING, providerId: "klausenhof" }) { totalCount } }',
      );
      expect(allowed.codes).toEqual([]);
      expect(allowed.data.participants.totalCount).toBeGreaterThan(0);
    });
  });
});
