import { ClientError, type GraphQLClient } from 'graphql-request';
import { CertificateKind, contributionQueryOf, ExamResult, Module, PlacementKind } from '@durchstarten/contracts';
import { MAX_DEVIATION, perturb } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { MUNICIPALITIES } from '@durchstarten/kreis';
import { quartersOverlapping } from '@durchstarten/kreis';
import { ageGroupOf } from '@durchstarten/kreis';
import type { WorldParticipant } from '../scripts/seed/world';
import { startGraph, type RunningGraph } from './support/graph';

interface Figure {
  value: number | null;
  suppressed: boolean;
}
interface Quarter {
  quarter: string;
  entries: Figure;
  exits: Figure;
  stock: Figure;
  modules: Array<{ module: Module; stock: Figure }>;
}
interface Cell {
  group: Array<{ dimension: string; value: string }>;
  participants: Figure;
  withInternship: Figure;
  withLanguageExamPassed: Figure;
  anyPlacement: Figure;
  ausbildung: Figure;
  beschaeftigung: Figure;
}

const MONITORING = `query Monitoring($from: LocalDate!, $to: LocalDate!) {
  monitoring(from: $from, to: $to) {
    quarter entries { value suppressed } exits { value suppressed } stock { value suppressed }
    modules { module stock { value suppressed } }
  }
}`;
const STATISTICS = `query Statistics($by: [StatisticsDimension!]!, $filter: ParticipantFilter) {
  statistics(by: $by, filter: $filter) {
    group { dimension value }
    participants { value suppressed }
    withInternship { value suppressed }
    withLanguageExamPassed { value suppressed }
    anyPlacement: withPlacement { value suppressed }
    ausbildung: withPlacement(kind: AUSBILDUNG) { value suppressed }
    beschaeftigung: withPlacement(kind: BESCHAEFTIGUNG) { value suppressed }
  }
}`;
const PARTICIPANTS_ONLY = `query Counts($by: [StatisticsDimension!]!, $filter: ParticipantFilter) {
  statistics(by: $by, filter: $filter) { group { dimension value } participants { value suppressed } }
}`;
const PROGRAMME = { from: '2021-01-01', to: '2023-10-31' };

const ageGroupOfPerson = (p: WorldParticipant) => ageGroupOf(Number(p.birthDate.slice(0, 4)), p.enteredOn);
const keyOf = (cell: { group: Array<{ dimension: string; value: string }> }) =>
  cell.group.map((g) => `${g.dimension}=${g.value}`).join('|');

async function codeOf(request: Promise<unknown>): Promise<{ code: unknown; message: string; status: number }> {
  try {
    await request;
  } catch (error) {
    if (error instanceof ClientError) {
      const first = error.response.errors?.[0];
      return { code: first?.extensions?.code, message: first?.message ?? '', status: error.response.status };
    }
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe.each(testDialects().map((d) => [d.name, d] as const))('statistics through the gateway on %s', (_name, dialect) => {
  let graph: RunningGraph;
  /** Statement counts for every subgraph of the graph: `counts` where given, 0 elsewhere. */
  const statementsIn = (counts: Record<string, number>) =>
    Object.fromEntries(graph.manifest.subgraphs.map(({ name }) => [name, counts[name] ?? 0]));
  let caseworker: GraphQLClient;
  let analyst: GraphQLClient;
  /** What the seed put in each database, as the exact figures a caseworker must get. */
  let exact: {
    inStock: (p: WorldParticipant, end: string) => boolean;
    withInternship: Set<string>;
    withExam: Set<string>;
    placementKinds: Map<string, Set<PlacementKind>>;
  };
  let recordKeys: Map<string, number>;

  beforeAll(async () => {
    graph = await startGraph(dialect);
    caseworker = graph.client;
    analyst = await graph.clientAs(TEST_VIEWERS.analyst);
    const { world } = graph;
    const participantOfCase = new Map(Object.values(world.providers).flatMap((p) => p.cases.map((c) => [c.id, c.participantId])));
    const placementKinds = new Map<string, Set<PlacementKind>>();
    for (const placement of world.placements) {
      placementKinds.set(placement.participantId, (placementKinds.get(placement.participantId) ?? new Set()).add(placement.kind));
    }
    exact = {
      inStock: (p, end) => p.enteredOn <= end && (p.exitedOn === null || p.exitedOn > end),
      withInternship: new Set(Object.values(world.providers).flatMap((p) => p.internships.map((i) => participantOfCase.get(i.caseId)!))),
      withExam: new Set(
        Object.values(world.providers).flatMap((p) =>
          p.certificates
            .filter((c) => c.kind === CertificateKind.LANGUAGE_EXAM && c.result === ExamResult.PASSED)
            .map((c) => participantOfCase.get(c.caseId)!),
        ),
      ),
      placementKinds,
    };
    const rows: Array<{ id: string; record_key: number | string }> = await graph.kreis.database.dataSource.query(
      'SELECT id, record_key FROM participant',
    );
    recordKeys = new Map(rows.map((row) => [row.id, Number(row.record_key)]));
  });
  afterAll(() => graph?.close());

  /** The published value an analyst must see for exactly these people. */
  const protectedValue = (ids: string[]) =>
    perturb(
      ids.length,
      ids.reduce((sum, id) => sum + BigInt(recordKeys.get(id)!), 0n),
    );

  it('gives a Kreis caseworker the exact G.I.B. monitoring tables, every quarter of the programme', async () => {
    const { monitoring } = await caseworker.request<{ monitoring: Quarter[] }>(MONITORING, PROGRAMME);
    const quarters = quartersOverlapping(PROGRAMME.from, PROGRAMME.to);
    expect(monitoring.map((q) => q.quarter)).toEqual(quarters.map((q) => q.label));
    const { participants, referrals } = graph.world;
    for (const [i, { starts, ends }] of quarters.entries()) {
      const row = monitoring[i];
      const within = (date: string | null) => date !== null && date >= starts && date <= ends;
      expect(row.entries).toEqual({ value: participants.filter((p) => within(p.enteredOn)).length, suppressed: false });
      expect(row.exits).toEqual({ value: participants.filter((p) => within(p.exitedOn)).length, suppressed: false });
      const stock = participants.filter((p) => exact.inStock(p, ends));
      expect(row.stock).toEqual({ value: stock.length, suppressed: false });
      const stockIds = new Set(stock.map((p) => p.id));
      expect(row.modules.map((m) => m.module)).toEqual(Object.values(Module));
      for (const { module, stock: figure } of row.modules) {
        const holders = new Set(
          referrals
            .filter((r) => r.module === module && stockIds.has(r.participantId))
            .filter((r) => r.startedOn !== null && r.startedOn <= ends && (r.endedOn === null || r.endedOn > ends))
            .map((r) => r.participantId),
        );
        expect(figure).toEqual({ value: holders.size, suppressed: false });
      }
    }
    expect(monitoring.some((q) => (q.stock.value ?? 0) > 50)).toBe(true);
  });

  it('gives a Kreis caseworker exact statistics by gender and module, with the providers’ and agentur’s outcomes counted per person', async () => {
    const { statistics } = await caseworker.request<{ statistics: Cell[] }>(STATISTICS, { by: ['GENDER', 'MODULE'] });
    const { participants, referrals } = graph.world;
    const expected = new Map<string, Set<string>>();
    for (const referral of referrals) {
      const person = participants.find((p) => p.id === referral.participantId)!;
      const key = `GENDER=${person.gender}|MODULE=${referral.module}`;
      expected.set(key, (expected.get(key) ?? new Set()).add(person.id));
    }
    expect(statistics.map(keyOf).sort()).toEqual([...expected.keys()].sort());
    for (const cell of statistics) {
      const members = [...expected.get(keyOf(cell))!];
      const count = (has: (id: string) => boolean) => ({ value: members.filter(has).length, suppressed: false });
      expect(cell.participants).toEqual(count(() => true));
      expect(cell.withInternship).toEqual(count((id) => exact.withInternship.has(id)));
      expect(cell.withLanguageExamPassed).toEqual(count((id) => exact.withExam.has(id)));
      expect(cell.anyPlacement).toEqual(count((id) => exact.placementKinds.has(id)));
      expect(cell.ausbildung).toEqual(count((id) => exact.placementKinds.get(id)?.has(PlacementKind.AUSBILDUNG) ?? false));
      expect(cell.beschaeftigung).toEqual(count((id) => exact.placementKinds.get(id)?.has(PlacementKind.BESCHAEFTIGUNG) ?? false));
    }
  });

  it('gives analysts protected figures: the cell key method’s value for those people, within 3, never 1 or 2, zero stays zero', async () => {
    const { participants } = graph.world;
    const { statistics } = await analyst.request<{ statistics: Cell[] }>(STATISTICS, { by: ['MUNICIPALITY', 'AGE_GROUP'] });
    const { statistics: exactCells } = await caseworker.request<{ statistics: Cell[] }>(STATISTICS, { by: ['MUNICIPALITY', 'AGE_GROUP'] });
    const exactByKey = new Map(exactCells.map((cell) => [keyOf(cell), cell]));
    let largestDeviation = 0;
    let suppressed = 0;
    for (const cell of statistics) {
      const municipality = cell.group[0].value;
      const ageGroup = cell.group[1].value;
      const members = participants.filter((p) => p.municipalityId === municipality && ageGroupOfPerson(p) === ageGroup).map((p) => p.id);
      expect(cell.participants).toEqual({ value: protectedValue(members), suppressed: false });
      const truth = exactByKey.get(keyOf(cell))!;
      for (const field of ['participants', 'withInternship', 'withLanguageExamPassed', 'anyPlacement', 'ausbildung'] as const) {
        const published = cell[field];
        if (published.suppressed) {
          expect(published.value).toBeNull();
          expect(members.length).toBeLessThan(5);
          suppressed++;
          continue;
        }
        const value = published.value!;
        const trueValue = truth[field].value!;
        expect(value).toBeGreaterThanOrEqual(0);
        expect([1, 2]).not.toContain(value);
        expect(Math.abs(value - trueValue)).toBeLessThanOrEqual(MAX_DEVIATION);
        if (trueValue === 0) expect(value).toBe(0);
        largestDeviation = Math.max(largestDeviation, Math.abs(value - trueValue));
      }
    }
    process.stdout.write(
      `statistics on ${dialect.name}: ${statistics.length} cells by municipality and age group, largest analyst deviation ${largestDeviation}, ${suppressed} outcome figures suppressed\n`,
    );
    expect(largestDeviation).toBeGreaterThan(0);
  });

  it('gives analysts the same figure for the same people from monitoring, from statistics and from a query with other dimensions', async () => {
    const { monitoring } = await analyst.request<{ monitoring: Quarter[] }>(MONITORING, PROGRAMME);
    const { statistics: byQuarter } = await analyst.request<{ statistics: Cell[] }>(PARTICIPANTS_ONLY, { by: ['ENTRY_QUARTER'] });
    for (const quarter of quartersOverlapping(PROGRAMME.from, PROGRAMME.to)) {
      const fromMonitoring = monitoring.find((q) => q.quarter === quarter.label)!.entries;
      const fromStatistics = byQuarter.find((c) => c.group[0].value === quarter.label)?.participants ?? { value: 0, suppressed: false };
      expect(fromStatistics).toEqual(fromMonitoring);
      const { statistics: total } = await analyst.request<{ statistics: Cell[] }>(PARTICIPANTS_ONLY, {
        by: [],
        filter: { enteredFrom: quarter.starts, enteredTo: quarter.ends },
      });
      expect(total[0]?.participants ?? { value: 0, suppressed: false }).toEqual(fromMonitoring);
    }
    const { statistics: byMunicipality } = await analyst.request<{ statistics: Cell[] }>(PARTICIPANTS_ONLY, {
      by: ['MUNICIPALITY', 'GENDER'],
    });
    for (const municipality of MUNICIPALITIES.slice(0, 4)) {
      const { statistics: byGender } = await analyst.request<{ statistics: Cell[] }>(PARTICIPANTS_ONLY, {
        by: ['GENDER'],
        filter: { municipalityId: municipality.id },
      });
      for (const cell of byGender) {
        const same = byMunicipality.find((c) => c.group[0].value === municipality.id && c.group[1].value === cell.group[0].value)!;
        expect(cell.participants).toEqual(same.participants);
      }
    }
  });

  it('does not reveal one person by differencing two queries whose true counts differ by that person', async () => {
    const { participants } = graph.world;
    const entryDays = [...new Set(participants.map((p) => p.enteredOn))].sort();
    // Pairs of days on which exactly one person entered: the filters up to the day before and up to that day differ by that one person.
    const singles = entryDays.filter((day) => participants.filter((p) => p.enteredOn === day).length === 1).slice(0, 40);
    expect(singles.length).toBeGreaterThan(10);
    const differences: number[] = [];
    for (const day of singles) {
      const before = entryDays[entryDays.indexOf(day) - 1];
      if (!before) continue;
      const total = async (enteredTo: string) =>
        (await analyst.request<{ statistics: Cell[] }>(PARTICIPANTS_ONLY, { by: [], filter: { enteredTo } })).statistics[0].participants
          .value!;
      differences.push((await total(day)) - (await total(before)));
    }
    process.stdout.write(`differencing on ${dialect.name}: published differences for one person: ${JSON.stringify(differences)}\n`);
    // An attacker who sees a difference of 1 every time learns presence for certain; here it is often 0, negative or more than 1.
    expect(differences.filter((d) => d !== 1).length).toBeGreaterThan(differences.length / 4);
    expect(differences.some((d) => d <= 0)).toBe(true);
  });

  it('runs a constant number of subgraph fetches and SQL statements whatever the number of cells or participants', async () => {
    const measure = async (on: RunningGraph, by: string[]) => {
      on.resetStatements();
      const apps = [on.kreis, ...Object.values(on.providers), on.agentur];
      apps.forEach((app) => app.requests.reset());
      const client = on === graph ? analyst : await on.clientAs(TEST_VIEWERS.analyst);
      const { statistics } = await client.request<{ statistics: Cell[] }>(STATISTICS, { by });
      return {
        cells: statistics.length,
        statements: on.statements(),
        fetches: Object.fromEntries(apps.map((app) => [app.name, app.requests.byCaller])),
      };
    };
    const one = await measure(graph, []);
    const many = await measure(graph, ['MUNICIPALITY', 'GENDER', 'AGE_GROUP']);
    const larger = await startGraph(dialect, { participants: 2000, seed: 11 });
    let largerWorld;
    try {
      largerWorld = await measure(larger, ['MUNICIPALITY', 'GENDER', 'AGE_GROUP']);
    } finally {
      await larger.close();
    }
    process.stdout.write(
      `statistics on ${dialect.name}, 1 cell / ${many.cells} cells / ${largerWorld.cells} cells of 2,000 people: ${JSON.stringify({ one, many, largerWorld })}\n`,
    );
    expect(one.cells).toBe(1);
    expect(many.cells).toBeGreaterThan(40);
    for (const other of [many, largerWorld]) {
      expect(other.statements).toEqual(one.statements);
      expect(other.fetches).toEqual(one.fetches);
    }
    const names = graph.manifest.subgraphs.map((s) => s.name);
    expect(one.statements).toEqual(Object.fromEntries(names.map((name) => [name, 1])));
    expect(one.fetches).toEqual(Object.fromEntries(names.map((name) => [name, { [name === 'kreis' ? 'gateway' : 'kreis']: 1 }])));
  });

  it('asks no other organisation when only participants are counted, and monitoring takes two statements for any period', async () => {
    graph.resetStatements();
    await analyst.request(PARTICIPANTS_ONLY, { by: ['GENDER'] });
    expect(graph.statements()).toEqual(statementsIn({ kreis: 1 }));
    graph.resetStatements();
    await analyst.request(MONITORING, { from: '2022-01-01', to: '2022-03-31' });
    const oneQuarter = graph.statements();
    graph.resetStatements();
    await analyst.request(MONITORING, PROGRAMME);
    expect(graph.statements()).toEqual(oneQuarter);
    expect(oneQuarter.kreis).toBe(2);
  });

  it('refuses bad input with a clear, coded error and changes nothing', async () => {
    graph.resetStatements();
    const cases: Array<[string, Promise<unknown>, RegExp, string]> = [
      ['unknown dimension', analyst.request(PARTICIPANTS_ONLY, { by: ['SHOE_SIZE'] }), /SHOE_SIZE/, 'BAD_USER_INPUT'],
      ['repeated dimension', analyst.request(PARTICIPANTS_ONLY, { by: ['GENDER', 'GENDER'] }), /GENDER twice/, 'BAD_USER_INPUT'],
      [
        'too many dimensions',
        analyst.request(PARTICIPANTS_ONLY, { by: ['GENDER', 'MODULE', 'BANK', 'AGE_GROUP'] }),
        /At most 3 dimensions/,
        'BAD_USER_INPUT',
      ],
      ['from after to', analyst.request(MONITORING, { from: '2022-06-01', to: '2022-01-01' }), /is after/, 'BAD_USER_INPUT'],
      [
        'before the programme',
        analyst.request(MONITORING, { from: '2020-01-01', to: '2022-01-01' }),
        /outside the programme/,
        'BAD_USER_INPUT',
      ],
      [
        'after the programme',
        analyst.request(MONITORING, { from: '2022-01-01', to: '2024-01-01' }),
        /outside the programme/,
        'BAD_USER_INPUT',
      ],
      [
        'unknown municipality',
        analyst.request(PARTICIPANTS_ONLY, { by: [], filter: { municipalityId: 'atlantis' } }),
        /"atlantis" is not a municipality of Kreis Wesel/,
        'BAD_USER_INPUT',
      ],
      ['not a date', analyst.request(MONITORING, { from: '2022-13-01', to: '2022-12-31' }), /./, 'BAD_USER_INPUT'],
    ];
    // Every request is in flight at once: each gets its handler now, or one refused while an earlier one is awaited is unhandled.
    const answers = cases.map(([what, request, message, code]) => [what, codeOf(request), message, code] as const);
    for (const [what, answer, message, code] of answers) {
      const error = await answer;
      expect({ what, code: error.code }).toEqual({ what, code });
      expect(error.message).toMatch(message);
    }
    expect(graph.statements()).toEqual(statementsIn({}));
  });

  it('lets only analysts and Kreis caseworkers read statistics, and keeps the contributions away from clients', async () => {
    for (const viewer of [TEST_VIEWERS.coach('klausenhof'), TEST_VIEWERS.agent, TEST_VIEWERS.dpo]) {
      const client = await graph.clientAs(viewer);
      expect((await codeOf(client.request(PARTICIPANTS_ONLY, { by: [] }))).code).toBe('FORBIDDEN');
      expect((await codeOf(client.request(MONITORING, PROGRAMME))).code).toBe('FORBIDDEN');
    }
    const hidden = await codeOf(analyst.request(contributionQueryOf('klausenhof')));
    expect(hidden.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(hidden.status).toBe(400);
  });

  it('keeps every figure when a participant’s personal data is erased (the birth year and dates stay)', async () => {
    const by = ['AGE_GROUP', 'GENDER', 'EXIT_QUARTER'];
    const before = await Promise.all([caseworker, analyst].map((client) => client.request(STATISTICS, { by })));
    const admin = await graph.clientAs(TEST_VIEWERS.admin);
    const id = graph.world.participants[7].id;
    await admin.request(
      `mutation Erase($id: ID!) {
        kreis: eraseParticipant(id: $id) { erasedFields }
        klausenhof: eraseParticipantAtKlausenhof(id: $id) { erasedFields }
        fachwerk: eraseParticipantAtFachwerk(id: $id) { erasedFields }
        agentur: eraseParticipantAtAgentur(id: $id) { erasedFields }
      }`,
      { id },
    );
    const after = await Promise.all([caseworker, analyst].map((client) => client.request(STATISTICS, { by })));
    expect(after).toEqual(before);
  });
});
