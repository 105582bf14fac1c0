import { inTransaction, openDatabase, type Database } from '../db';
import { silentLogger } from '../logger';
import { testDialects, type TestDatabase } from '../testing';
import { AuditEntryEntity } from './audit.entity';
import { AuditLog1764100000000 } from './audit.migration';
import { AuditLogRepository } from './audit.repository';

describe.each(testDialects())('the audit log on $name', (dialect) => {
  let created: TestDatabase;
  let database: Database;

  beforeEach(async () => {
    created = await dialect.createDatabase('audit_log');
    database = await openDatabase({ url: created.url, entities: [AuditEntryEntity], migrations: [AuditLog1764100000000], logger: silentLogger });
  });

  afterEach(async () => {
    await database.dataSource.destroy();
    await created.drop();
  });

  it('keeps an entry appended while another request is in a transaction that rolls back', async () => {
    const auditLog = new AuditLogRepository(database.dataSource);
    const entry = Object.assign(new AuditEntryEntity(), {
      id: '2026-12-01T10:00:00.000Z-0001',
      readAt: '2026-12-01T10:00:00.000Z',
      viewerSub: 'caseworker-test',
      viewerOrg: 'kreis',
      viewerRoles: 'caseworker',
      operation: 'Journey',
      participantIds: 'TN-0001',
      fieldKinds: 'personal',
    });
    let appended: Promise<void> | undefined;
    await expect(
      inTransaction(database.dataSource, async (manager) => {
        await manager.query('SELECT 1');
        appended = auditLog.append(entry);
        // Let the append run now if it could: on SQLite's one connection it would join this transaction.
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('the other request fails');
      }),
    ).rejects.toThrow('the other request fails');
    await appended;
    expect((await auditLog.entries({})).nodes.map((row) => row.id)).toEqual([entry.id]);
  });
});
