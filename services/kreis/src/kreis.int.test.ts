import { join } from 'node:path';
import { repoRoot, type SignedViewer, silentLogger } from '@durchstarten/kit';
import { ProviderRegistry } from '@durchstarten/contracts';
import { postSigned, testDialects, type TestDatabase } from '@durchstarten/kit/testing';
import { TEST_SECRETS, TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { createApp, type KreisApp } from './app';

const registry = ProviderRegistry.fromFile(join(repoRoot(), 'services/kreis/providers.json'));
const callerSecrets = { gateway: TEST_SECRETS.gatewayTo('kreis') };

describe.each(testDialects().map((d) => [d.name, d] as const))('kreis subgraph on %s', (_name, dialect) => {
  let database: TestDatabase;
  let app: KreisApp;
  let url: string;

  const call = (query: string, variables?: Record<string, unknown>, viewer: SignedViewer = TEST_VIEWERS.caseworker) =>
    postSigned(url, 'kreis', { query, variables }, viewer);
  const register = (givenName: string, birthDate = '2000-01-15', enteredOn = '2022-03-01') =>
    call(`mutation R($input: RegisterParticipantInput!) { registerParticipant(input: $input) { id } }`, {
      input: {
        givenName,
        familyName: 'Beispiel',
        birthDate,
        gender: 'MALE',
        residenceStatus: 'DULDUNG',
        municipalityId: 'moers',
        enteredOn,
      },
    });

  beforeAll(async () => {
    database = await dialect.createDatabase('kreis_int');
    app = await createApp({ databaseUrl: database.url, registry, logger: silentLogger, callerSecrets });
    url = await app.listen(0);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers /health and /ready', async () => {
    const base = new URL(url);
    expect((await fetch(new URL('/health', base))).status).toBe(200);
    const ready = await fetch(new URL('/ready', base));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', service: 'kreis' });
  });

  it('gives concurrent registrations distinct ids, and all of them succeed', async () => {
    const results = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((name) => register(name)));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const ids = results.map((r) => r.data.registerParticipant.id as string);
    expect(new Set(ids).size).toBe(5);
    const rows = await app.database.dataSource.query('SELECT id FROM participant');
    expect(rows).toHaveLength(5);
  });

  it('ends open referrals when a participant exits, in the same transaction', async () => {
    const { data } = await register('Exit', '1999-06-01', '2022-01-10');
    const id = data.registerParticipant.id;
    const referred = await call(
      `mutation { referParticipant(input: { participantId: "${id}", module: F4_PREPARATORY_COURSES, referredOn: "2022-01-11" }) { id } }`,
    );
    const referralId = referred.data.referParticipant.id;
    await call(`mutation { changeReferralStatus(input: { referralId: "${referralId}", status: ACTIVE, on: "2022-02-01" }) { id } }`);
    const exited = await call(
      `mutation { exitParticipant(id: "${id}", exitedOn: "2022-06-30", reason: TRAINING_STARTED) { exitedOn referrals { status endedOn } } }`,
    );
    expect(exited.data.exitParticipant).toEqual({ exitedOn: '2022-06-30', referrals: [{ status: 'COMPLETED', endedOn: '2022-06-30' }] });

    const again = await call(`mutation { exitParticipant(id: "${id}", exitedOn: "2022-07-30", reason: OTHER) { id } }`);
    expect(again.errors![0].extensions?.code).toBe('CONFLICT');
    const refer = await call(
      `mutation { referParticipant(input: { participantId: "${id}", module: F1_COACHING, referredOn: "2022-07-01" }) { id } }`,
    );
    expect(refer.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/exited/) });
  });

  it('leaves everything as it was when an exit fails half-way through its referrals', async () => {
    const { data } = await register('Atomic', '1999-06-01', '2022-01-10');
    const id = data.registerParticipant.id;
    const refer = async (module: string, referredOn: string, startedOn: string) => {
      const referralId = (
        await call(
          `mutation { referParticipant(input: { participantId: "${id}", module: ${module}, referredOn: "${referredOn}" }) { id } }`,
        )
      ).data.referParticipant.id;
      await call(`mutation { changeReferralStatus(input: { referralId: "${referralId}", status: ACTIVE, on: "${startedOn}" }) { id } }`);
    };
    await refer('F1_COACHING', '2022-01-11', '2022-01-12');
    await refer('F4_PREPARATORY_COURSES', '2022-05-01', '2022-06-01');
    const before = await app.database.dataSource.query('SELECT id, status, ended_on FROM referral WHERE participant_id = ? ORDER BY id', [
      id,
    ]);
    const failed = await call(`mutation { exitParticipant(id: "${id}", exitedOn: "2022-05-15", reason: MOVED_AWAY) { id } }`);
    expect(failed.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'exitedOn' },
      message: expect.stringMatching(/was started \(2022-06-01\)/),
    });
    expect(
      await app.database.dataSource.query('SELECT id, status, ended_on FROM referral WHERE participant_id = ? ORDER BY id', [id]),
    ).toEqual(before);
    expect((await call(`{ participant(id: "${id}") { exitedOn } }`)).data.participant.exitedOn).toBeNull();
  });

  it('runs transactions started at the same moment in one process one after another, each all or nothing', async () => {
    const input = (givenName: string, birthDate: string) =>
      ({
        givenName,
        familyName: 'Parallel',
        birthDate,
        gender: 'FEMALE',
        residenceStatus: 'OTHER',
        municipalityId: 'xanten',
        enteredOn: '2022-04-01',
      }) as never;
    const results = await Promise.allSettled([
      app.services.participants.register(input('P1', '2000-01-01')),
      app.services.participants.register(input('P2', '1980-01-01')),
      app.services.participants.register(input('P3', '2000-01-01')),
      app.services.participants.register(input('P4', '2000-01-01')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const names = await app.database.dataSource.query(
      "SELECT given_name FROM participant WHERE family_name = 'Parallel' ORDER BY given_name",
    );
    expect(names.map((row: { given_name: string }) => row.given_name)).toEqual(['P1', 'P3', 'P4']);
  });

  it('refuses dates outside the programme, a later entry than existing referrals, and names of blanks only', async () => {
    expect((await register('Early', '1995-01-01', '2020-12-31')).errors![0].message).toMatch(
      /within the programme, 2021-01-01 to 2023-10-31/,
    );
    const blank = await call(`mutation R($input: RegisterParticipantInput!) { registerParticipant(input: $input) { id } }`, {
      input: {
        givenName: '   ',
        familyName: 'Beispiel',
        birthDate: '2000-01-15',
        gender: 'MALE',
        residenceStatus: 'DULDUNG',
        municipalityId: 'moers',
        enteredOn: '2022-03-01',
      },
    });
    expect(blank.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'givenName' } });
    const { data } = await register('Later', '2000-01-15', '2022-03-01');
    const id = data.registerParticipant.id;
    await call(`mutation { referParticipant(input: { participantId: "${id}", module: F1_COACHING, referredOn: "2022-03-02" }) { id } }`);
    const later = await call(`mutation { updateParticipant(id: "${id}", input: { enteredOn: "2022-04-01" }) { enteredOn } }`);
    expect(later.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'enteredOn' } });
    const earlier = await call(
      `mutation { updateParticipant(id: "${id}", input: { enteredOn: "2022-02-01", givenName: " Spätere " }) { enteredOn givenName } }`,
    );
    expect(earlier.data.updateParticipant).toEqual({ enteredOn: '2022-02-01', givenName: 'Spätere' });
  });

  it('grants and withdraws consent, keeping the record', async () => {
    const { data } = await register('Consent');
    const id = data.registerParticipant.id;
    await call(`mutation { grantConsent(input: { participantId: "${id}", scope: AGENTUR_EXCHANGE, on: "2022-03-01" }) { id } }`);
    const twice = await call(
      `mutation { grantConsent(input: { participantId: "${id}", scope: AGENTUR_EXCHANGE, on: "2022-03-02" }) { id } }`,
    );
    expect(twice.errors![0].extensions?.code).toBe('CONFLICT');
    await call(`mutation { withdrawConsent(input: { participantId: "${id}", scope: AGENTUR_EXCHANGE, on: "2022-05-01" }) { id } }`);
    const consents = await call(`{ participant(id: "${id}") { consents { scope active grantedOn withdrawnOn } } }`);
    expect(consents.data.participant.consents).toEqual([
      { scope: 'AGENTUR_EXCHANGE', active: false, grantedOn: '2022-03-01', withdrawnOn: '2022-05-01' },
    ]);
  });

  it('erases the personal fields, keeps the pseudonymous record, and is idempotent', async () => {
    const { data } = await register('Erase', '2001-09-09');
    const id = data.registerParticipant.id;
    const first = await call(`mutation { eraseParticipant(id: "${id}") { erasedFields } }`, undefined, TEST_VIEWERS.admin);
    expect(first.data.eraseParticipant.erasedFields).toEqual(['givenName', 'familyName', 'birthDate']);
    const second = await call(`mutation { eraseParticipant(id: "${id}") { erasedFields } }`, undefined, TEST_VIEWERS.admin);
    expect(second.data.eraseParticipant.erasedFields).toEqual([]);
    const after = await call(`{ participant(id: "${id}") { givenName familyName birthDate birthYear } }`);
    expect(after.data.participant).toEqual({ givenName: null, familyName: null, birthDate: null, birthYear: 2001 });
  });

  it('reports database trouble as a generic error without SQL, and /ready as 503', async () => {
    const broken = await createApp({
      databaseUrl: (await dialect.createDatabase('kreis_broken')).url,
      registry,
      logger: silentLogger,
      callerSecrets,
    });
    const brokenUrl = await broken.listen(0);
    await broken.services.participants.register({
      givenName: 'Fehler',
      familyName: 'Fall',
      birthDate: '2000-02-02',
      gender: 'MALE',
      residenceStatus: 'OTHER',
      municipalityId: 'alpen',
      enteredOn: '2022-02-02',
    } as never);
    await broken.database.dataSource.query('DROP TABLE consent');
    const missingTable = await postSigned(
      brokenUrl,
      'kreis',
      { query: '{ participants { totalCount edges { node { consents { id } } } } }' },
      TEST_VIEWERS.caseworker,
    );
    expect(missingTable.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(missingTable)).not.toMatch(/SELECT|consent`|no such table|doesn't exist/i);
    await broken.database.dataSource.destroy();
    // With the database gone, the first thing to fail is the check of the request's nonce, which lives there:
    // the request is refused as unavailable, unserved, before any query runs.
    const result = (await postSigned(brokenUrl, 'kreis', { query: '{ participants { totalCount } }' }, TEST_VIEWERS.caseworker)) as any;
    expect(result.errors[0].extensions.code).toBe('REPLAY_STORE_UNAVAILABLE');
    expect(JSON.stringify(result)).not.toMatch(/SELECT|COUNT|INSERT|participant`|replay_nonce/);
    expect((await fetch(new URL('/ready', brokenUrl))).status).toBe(503);
    await broken.close();
  });
});
