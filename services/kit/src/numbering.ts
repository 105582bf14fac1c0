import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** `TN` and 7 give `TN-0007`: ids readable by staff, never derived from personal data. */
export function formatId(prefix: string, number: number, width: number): string {
  return `${prefix}-${String(number).padStart(width, '0')}`;
}

/** The next running number of a table with a `number` column; call inside the inserting transaction. */
export async function nextNumber<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>): Promise<number> {
  const row = await manager.createQueryBuilder(entity, 't').select('MAX(t.number)', 'max').getRawOne<{ max: number | string | null }>();
  return Number(row?.max ?? 0) + 1;
}

/** Told the number of rows each bulk insert chunk wrote, within `insertProgress.run(...)`: progress bars of long seeds. */
export const insertProgress = new AsyncLocalStorage<(rows: number) => void>();

/** Inserts rows in chunks that stay below every dialect's limit on bound parameters. */
export async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  columnsPerRow = 16,
): Promise<void> {
  const chunk = Math.max(1, Math.floor(30_000 / columnsPerRow / 2));
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    await manager.insert(entity, slice as never);
    insertProgress.getStore()?.(slice.length);
  }
}

const RETRYABLE = new Set(['ER_DUP_ENTRY', 'ER_LOCK_DEADLOCK', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

/** True for a duplicate key, or a deadlock between two inserts racing for one number. */
export function isInsertRace(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * Runs a transaction that takes the next running number, again when a concurrent
 * one took the same number first: two simultaneous registrations both succeed.
 */
export async function withNumberRetry<T>(transaction: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isInsertRace(error)) throw error;
    }
  }
}
