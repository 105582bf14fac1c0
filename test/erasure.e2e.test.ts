import { ClientError, type GraphQLClient } from 'graphql-request';
import { providerTypePrefix, type GraphManifest } from '@durchstarten/contracts';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { startGraph, type RunningGraph } from './support/graph';

/** The one operation an administrator sends: each organisation of the graph erases its own part, in turn. */
const eraseDocument = (manifest: GraphManifest) => `mutation Erase($id: ID!) {
${manifest.subgraphs
  .map(
    ({ name }) =>
      `  ${name}: ${name === 'kreis' ? 'eraseParticipant' : `eraseParticipantAt${providerTypePrefix(name)}`}(id: $id) { organisation erasedFields }`,
  )
  .join('\n')}
}`;

describe.each(testDialects().map((d) => [d.name, d] as const))('erasure on %s', (_name, dialect) => {
  let graph: RunningGraph;
  let admin: GraphQLClient;
  let ERASE: string;

  beforeAll(async () => {
    graph = await startGraph(dialect, { participants: 120 });
    admin = await graph.clientAs(TEST_VIEWERS.admin);
    ERASE = eraseDocument(graph.manifest);
  });

  afterAll(async () => {
    await graph?.close();
  });

  it('erases a participant’s personal data in every organisation in one operation, idempotently, keeping the counts', async () => {
    const world = graph.world;
    const providerOf = (caseId: string) => Object.entries(world.providers).find(([, p]) => p.cases.some((c) => c.id === caseId))?.[0];
    const person = world.participants.find((p) => {
      const cases = world.referrals.filter((r) => r.participantId === p.id).map((r) => r.id);
      return (
        world.placements.some((pl) => pl.participantId === p.id) &&
        Object.values(world.providers).some((prov) => prov.internships.some((i) => cases.includes(i.caseId)))
      );
    })!;
    const caseIds = world.referrals.filter((r) => r.participantId === person.id).map((r) => r.id);
    const provider = providerOf(caseIds.find((id) => providerOf(id))!)!;
    const providerDb = graph.providers[provider].database.dataSource;
    const count = async (table: string) =>
      Number(
        (await providerDb.query(`SELECT COUNT(*) AS n FROM ${table} WHERE case_id IN (${caseIds.map(() => '?').join(',')})`, caseIds))[0].n,
      );
    const sessionsBefore = await count('coaching_session');
    const internshipsBefore = await count('internship');
    const totalBefore = ((await graph.client.request('{ participants { totalCount } }')) as any).participants.totalCount;

    const first: any = await admin.request(ERASE, { id: person.id });
    expect(first.kreis).toEqual({ organisation: 'kreis', erasedFields: ['givenName', 'familyName', 'birthDate'] });
    expect(first[provider].erasedFields.join(' ')).toMatch(/internships\.employer: \d+/);
    expect(first.agentur.erasedFields).toEqual([expect.stringMatching(/^placements\.employerName: \d+$/)]);

    const second: any = await admin.request(ERASE, { id: person.id });
    for (const { name: org } of graph.manifest.subgraphs) expect(second[org]).toEqual({ organisation: org, erasedFields: [] });

    expect(
      await graph.kreis.database.dataSource.query('SELECT given_name, family_name, birth_date, birth_year FROM participant WHERE id = ?', [
        person.id,
      ]),
    ).toEqual([{ given_name: null, family_name: null, birth_date: null, birth_year: Number(person.birthDate.slice(0, 4)) }]);
    const notes = await providerDb.query(
      `SELECT notes FROM coaching_session WHERE notes IS NOT NULL AND case_id IN (${caseIds.map(() => '?').join(',')})`,
      caseIds,
    );
    expect(notes).toEqual([]);
    const employers = await providerDb.query(
      `SELECT DISTINCT employer FROM internship WHERE case_id IN (${caseIds.map(() => '?').join(',')})`,
      caseIds,
    );
    expect(employers).toEqual([{ employer: '[gelöscht]' }]);
    expect(
      await graph.agentur.database.dataSource.query('SELECT DISTINCT employer_name FROM placement WHERE participant_id = ?', [person.id]),
    ).toEqual([{ employer_name: '[gelöscht]' }]);
    expect(await count('coaching_session')).toBe(sessionsBefore);
    expect(await count('internship')).toBe(internshipsBefore);
    expect(((await graph.client.request('{ participants { totalCount } }')) as any).participants.totalCount).toBe(totalBefore);

    const seen: any = await graph.client.request(
      `{ participant(id: "${person.id}") { givenName familyName birthDate birthYear erasedOn } }`,
    );
    expect(seen.participant).toMatchObject({
      givenName: null,
      familyName: null,
      birthDate: null,
      birthYear: Number(person.birthDate.slice(0, 4)),
    });
    expect(seen.participant.erasedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('lets only administrators erase', async () => {
    const id = graph.world.participants[graph.world.participants.length - 1].id;
    for (const viewer of [TEST_VIEWERS.caseworker, TEST_VIEWERS.dpo, TEST_VIEWERS.coach('klausenhof'), TEST_VIEWERS.agent]) {
      const client = await graph.clientAs(viewer);
      const error = (await client.request(ERASE, { id }).catch((e: ClientError) => e)) as ClientError;
      expect({ viewer: viewer.sub, codes: [...new Set(error.response.errors?.map((e) => e.extensions?.code))] }).toEqual({
        viewer: viewer.sub,
        codes: ['FORBIDDEN'],
      });
    }
    expect(
      (await graph.kreis.database.dataSource.query('SELECT given_name FROM participant WHERE id = ?', [id]))[0].given_name,
    ).not.toBeNull();
  });
});
