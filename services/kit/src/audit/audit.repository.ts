import type { DataSource } from 'typeorm';
import { queuedOnSqlite } from '../db';
import { keysetPage, type Page } from '../paging';
import { AuditEntryEntity } from './audit.entity';

/** The audit log's table: appended to once per request that read personal data, read by the data protection officer. */
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queued behind SQLite's transactions: on its one connection the insert would join another request's and vanish with its rollback. */
  async append(entry: AuditEntryEntity): Promise<void> {
    await queuedOnSqlite(this.dataSource, () => this.dataSource.getRepository(AuditEntryEntity).insert(entry));
  }

  /** The audit log, oldest first, a page at a time; only the entries naming `participantId` when given. */
  entries(options: { participantId?: string | null; first?: number | null; after?: string | null }): Promise<Page<AuditEntryEntity>> {
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    const id = options.participantId;
    if (id) {
      // The ids are a comma list: match the id alone, first, last or in between (no dialect-specific string functions).
      // The id is matched literally: % and _ in it are escaped, or "TN-001_" would list every TN-001x.
      // '!' escapes them: a backslash means different things to MySQL and SQLite string literals.
      const literal = id.replace(/[!%_]/g, (c) => `!${c}`);
      query.andWhere(
        "(a.participant_ids = :only OR a.participant_ids LIKE :first ESCAPE '!' OR a.participant_ids LIKE :last ESCAPE '!' OR a.participant_ids LIKE :middle ESCAPE '!')",
        {
          only: id,
          first: `${literal},%`,
          last: `%,${literal}`,
          middle: `%,${literal},%`,
        },
      );
    }
    return keysetPage(query, { column: 'a.id', keyOf: (row) => row.id, first: options.first, after: options.after });
  }
}
