import { silentLogger } from '@durchstarten/kit';
import { postSigned, testDialects, type TestDatabase } from '@durchstarten/kit/testing';
import { TEST_SECRETS, TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { createApp, type AgenturApp } from './app';

/** The agency's own rules against a real database, called as the gateway calls it: signed, for a person. */
describe.each(testDialects().map((d) => [d.name, d] as const))('agentur subgraph on %s', (_name, dialect) => {
  let database: TestDatabase;
  let app: AgenturApp;
  let url: string;

  const call = (query: string, viewer = TEST_VIEWERS.agent) => postSigned(url, 'agentur', { query }, viewer);
  const codeOf = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code;
  const count = async () => Number((await app.database.dataSource.query('SELECT COUNT(*) AS n FROM placement'))[0].n);
  const record = (input: string) =>
    call(`mutation { recordPlacement(input: { participantId: "TN-0001", kind: AUSBILDUNG, office: AGENTUR_FUER_ARBEIT,
      employerName: "Bäckerei am Markt", kldbCode: "29202", occupationTitle: "Bäckerin", ${input} }) { id kind startsOn endsOn } }`);

  beforeAll(async () => {
    database = await dialect.createDatabase('agentur_int');
    app = await createApp({
      databaseUrl: database.url,
      logger: silentLogger,
      callerSecrets: { gateway: TEST_SECRETS.gatewayTo('agentur') },
    });
    url = await app.listen(0);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('records a placement for an agent, numbers it, and reads it back', async () => {
    const recorded: any = await record('startsOn: "2023-08-01"');
    expect(recorded.data.recordPlacement).toEqual({
      id: expect.stringMatching(/^PL-\d+$/),
      kind: 'AUSBILDUNG',
      startsOn: '2023-08-01',
      endsOn: null,
    });
    const listed: any = await call('{ placements(first: 10) { totalCount nodes { id employerName } } }');
    expect(listed.data.placements).toEqual({
      totalCount: 1,
      nodes: [{ id: recorded.data.recordPlacement.id, employerName: 'Bäckerei am Markt' }],
    });
  });

  it('refuses bad input and other organisations’ staff, and changes nothing', async () => {
    const before = await count();
    expect(codeOf(await record('startsOn: "2023-08-01", endsOn: "2023-07-01"'))).toBe('BAD_USER_INPUT');
    // A date literal that is no date fails validation before any resolver runs.
    expect(codeOf(await record('startsOn: "2023-13-01"'))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codeOf(await call('{ placements { nodes { id } } }', TEST_VIEWERS.coach('klausenhof')))).toBe('FORBIDDEN');
    expect(codeOf(await call('{ placements { nodes { employerName } } }', TEST_VIEWERS.analyst))).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it('erases the employer for Kreis’s administrator, keeps the placement, and is idempotent', async () => {
    const erase = () =>
      call('mutation { eraseParticipantAtAgentur(id: "TN-0001") { organisation erasedFields } }', TEST_VIEWERS.admin) as Promise<any>;
    expect((await erase()).data.eraseParticipantAtAgentur).toEqual({
      organisation: 'agentur',
      erasedFields: ['placements.employerName: 1'],
    });
    expect((await erase()).data.eraseParticipantAtAgentur).toEqual({ organisation: 'agentur', erasedFields: [] });
    expect(await count()).toBe(1);
  });
});
