import { join } from 'node:path';
import { openDatabase, repoRoot, silentLogger } from '@durchstarten/kit';
import { ProviderRegistry } from '@durchstarten/contracts';
import { postSigned, testDialects, type TestDatabase } from '@durchstarten/kit/testing';
import { TEST_SECRETS, TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { createApp, type KreisApp } from './app';
import { ConsentEntity } from './consent/consent.entity';
import { InitialRegistry1764000000000 } from './migrations/1764000000000-initial-registry';
import { RecordKeys1764200000000 } from './migrations/1764200000000-record-keys';
import { ParticipantEntity } from './participant/participant.entity';
import { ReferralEntity } from './referral/referral.entity';

const registry = ProviderRegistry.fromFile(join(repoRoot(), 'services/kreis/providers.json'));

/** A registry that held rows before ids came from sequence tables continues numbering after them. */
describe.each(testDialects().map((d) => [d.name, d] as const))(
  'number sequences on a database from before them, on %s',
  (_name, dialect) => {
    let database: TestDatabase;
    let app: KreisApp;
    let url: string;

    beforeAll(async () => {
      database = await dialect.createDatabase('kreis_sequences');
      const old = await openDatabase({
        url: database.url,
        entities: [ParticipantEntity, ReferralEntity, ConsentEntity],
        migrations: [InitialRegistry1764000000000, RecordKeys1764200000000],
        logger: silentLogger,
      });
      const manager = old.dataSource.manager;
      await manager.insert(ParticipantEntity, {
        id: 'TN-0041',
        number: 41,
        givenName: 'Alt',
        familyName: 'Bestand',
        birthDate: '2000-01-15',
        birthYear: 2000,
        gender: 'MALE',
        residenceStatus: 'DULDUNG',
        municipalityId: 'moers',
        enteredOn: '2022-03-01',
        exitedOn: null,
        exitReason: null,
        erasedOn: null,
        recordKey: 7,
      });
      await manager.insert(ReferralEntity, {
        id: 'REF-00012',
        number: 12,
        participantId: 'TN-0041',
        providerId: 'klausenhof',
        module: 'F1_COACHING',
        referredOn: '2022-03-02',
        startedOn: null,
        endedOn: null,
        status: 'REFERRED',
      });
      await manager.insert(ConsentEntity, {
        id: 'CON-00003',
        number: 3,
        participantId: 'TN-0041',
        scope: 'PROVIDER_EXCHANGE',
        grantedOn: '2022-03-01',
        withdrawnOn: null,
      });
      await old.dataSource.destroy();
      app = await createApp({
        databaseUrl: database.url,
        registry,
        logger: silentLogger,
        callerSecrets: { gateway: TEST_SECRETS.gatewayTo('kreis') },
      });
      url = await app.listen(0);
    });

    afterAll(async () => {
      await app?.close();
      await database?.drop();
    });

    const call = (query: string) => postSigned(url, 'kreis', { query }, TEST_VIEWERS.caseworker);

    it('gives the next participant, referral and consent the number after the highest one stored', async () => {
      const registered = await call(
        `mutation { registerParticipant(input: { givenName: "Neu", familyName: "Zugang", birthDate: "2001-04-12", gender: FEMALE,
        residenceStatus: GESTATTUNG, municipalityId: "wesel", enteredOn: "2022-09-01" }) { id } }`,
      );
      expect(registered).toEqual({ data: { registerParticipant: { id: 'TN-0042' } } });
      const referred = await call(`mutation { referParticipant(input: { participantId: "TN-0041", module: F2_QUALIFICATION_LANGUAGE,
      referredOn: "2022-03-05" }) { id } }`);
      expect(referred).toEqual({ data: { referParticipant: { id: 'REF-00013' } } });
      const granted = await call(
        `mutation { grantConsent(input: { participantId: "TN-0041", scope: AGENTUR_EXCHANGE, on: "2022-03-01" }) { id } }`,
      );
      expect(granted).toEqual({ data: { grantConsent: { id: 'CON-00004' } } });
    });
  },
);
