import { inTransaction, openDatabase, type Database } from '../db';
import { silentLogger } from '../logger';
import { testDialects, type TestDatabase } from '../testing';
import { ReplayNonceEntity } from './replay.entity';
import { ReplayNonce1764400000000 } from './replay.migration';
import { databaseReplayStore, NONCE_KEPT_AFTER_EXPIRY_MS } from './replay-store';

describe.each(testDialects())('the database replay store on $name', (dialect) => {
  let created: TestDatabase;
  let database: Database;

  beforeEach(async () => {
    created = await dialect.createDatabase('replay_store');
    database = await openDatabase({
      url: created.url,
      entities: [ReplayNonceEntity],
      migrations: [ReplayNonce1764400000000],
      logger: silentLogger,
    });
  });

  afterEach(async () => {
    await database.dataSource.destroy();
    await created.drop();
  });

  const rows = async () => Number((await database.dataSource.query('SELECT COUNT(*) AS n FROM replay_nonce'))[0].n);

  it('claims a nonce once per caller', async () => {
    const store = databaseReplayStore(database.dataSource, silentLogger);
    const later = Date.now() + 60_000;
    expect(await store.claim('gateway', 'n-1', later)).toBe(true);
    expect(await store.claim('gateway', 'n-1', later)).toBe(false);
    expect(await store.claim('klausenhof', 'n-1', later)).toBe(true);
  });

  it('keeps a claim made while another request is in a transaction that rolls back', async () => {
    const store = databaseReplayStore(database.dataSource, silentLogger);
    let claimed: Promise<boolean> | undefined;
    await expect(
      inTransaction(database.dataSource, async (manager) => {
        await manager.query('SELECT 1');
        claimed = store.claim('gateway', 'during-a-rollback', Date.now() + 60_000);
        // Let the claim run now if it could: on SQLite it would join this transaction.
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('the other request fails');
      }),
    ).rejects.toThrow('the other request fails');
    expect(await claimed).toBe(true);
    expect(await rows()).toBe(1);
    expect(await store.claim('gateway', 'during-a-rollback', Date.now() + 60_000)).toBe(false);
  });

  it('deletes nonces expired longer than the clock margin every so many claims, a bounded batch at a time, and keeps the others', async () => {
    const store = databaseReplayStore(database.dataSource, silentLogger, { sweepEvery: 4, sweepLimit: 2 });
    // Expired longer ago than the margin kept for the replicas' clocks.
    const past = Date.now() - NONCE_KEPT_AFTER_EXPIRY_MS - 1000;
    const justExpired = Date.now() - 1000;
    for (const nonce of ['old-1', 'old-2', 'old-3']) expect(await store.claim('gateway', nonce, past)).toBe(true);
    // The fourth claim sweeps: two of the three long-expired rows, the batch's limit.
    expect(await store.claim('gateway', 'just-expired', justExpired)).toBe(true);
    await store.close();
    expect(await rows()).toBe(2);
    // The eighth sweeps the third; the one expired within the margin stays, and is still refused.
    for (const nonce of ['live-1', 'live-2', 'live-3', 'live-4'])
      expect(await store.claim('gateway', nonce, Date.now() + 60_000)).toBe(true);
    await store.close();
    expect(await rows()).toBe(5);
    expect(await store.claim('gateway', 'just-expired', justExpired)).toBe(false);
    expect(await store.claim('gateway', 'live-1', Date.now() + 60_000)).toBe(false);
  });
});
