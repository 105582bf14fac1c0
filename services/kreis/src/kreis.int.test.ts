import { join } from 'node:path';
import { repoRoot } from '../../kit/src/paths';
import { silentLogger } from '../../kit/src/logger';
import { testDialects, type TestDatabase } from '../../kit/src/testing';
import { createApp, type KreisApp } from './app';
import { ProviderRegistry } from './provider/provider.registry';

const registry = ProviderRegistry.fromFile(join(repoRoot(), 'services/kreis/providers.json'));

describe.each(testDialects().map((d) => [d.name, d] as const))('kreis subgraph on %s', (_name, dialect) => {
  let database: TestDatabase;
  let app: KreisApp;
  let url: string;

  const call = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  };
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
    app = await createApp({ databaseUrl: database.url, registry, logger: silentLogger });
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
    const first = await call(`mutation { eraseParticipant(id: "${id}") { erasedFields } }`);
    expect(first.data.eraseParticipant.erasedFields).toEqual(['givenName', 'familyName', 'birthDate']);
    const second = await call(`mutation { eraseParticipant(id: "${id}") { erasedFields } }`);
    expect(second.data.eraseParticipant.erasedFields).toEqual([]);
    const after = await call(`{ participant(id: "${id}") { givenName familyName birthDate birthYear } }`);
    expect(after.data.participant).toEqual({ givenName: null, familyName: null, birthDate: null, birthYear: 2001 });
  });

  it('reports database trouble as a generic error without SQL, and /ready as 503', async () => {
    const broken = await createApp({ databaseUrl: (await dialect.createDatabase('kreis_broken')).url, registry, logger: silentLogger });
    const brokenUrl = await broken.listen(0);
    await broken.database.dataSource.query('DROP TABLE consent');
    const response = await fetch(brokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ participants { totalCount edges { node { consents { id } } } } }' }),
    });
    const body = JSON.stringify(await response.json());
    expect(body).not.toMatch(/SELECT|consent`|no such table|doesn't exist/i);
    await broken.database.dataSource.destroy();
    const result = JSON.parse(
      await (
        await fetch(brokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ participants { totalCount } }' }),
        })
      ).text(),
    );
    expect(result.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(result.errors[0].message).toMatch(/^Internal error/);
    expect(JSON.stringify(result)).not.toMatch(/SELECT|COUNT|participant`/);
    expect((await fetch(new URL('/ready', brokenUrl))).status).toBe(503);
    await broken.close();
  });
});
