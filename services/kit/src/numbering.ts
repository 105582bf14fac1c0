import { AsyncLocalStorage } from 'node:async_hooks';
import { Table, type EntityManager, type EntityTarget, type ObjectLiteral, type QueryRunner } from 'typeorm';
import { driverErrorCode, isDuplicateKey } from './db';

/** `TN` and 7 give `TN-0007`: ids readable by staff, never derived from personal data. */
export function formatId(prefix: string, number: number, width: number): string {
  return `${prefix}-${String(number).padStart(width, '0')}`;
}

/** The table that hands out the running numbers of `table`: one auto-increment row per number taken. */
export function numberSequenceOf(table: string): string {
  return `${table}_number`;
}

interface RunsQueries {
  query(sql: string): Promise<unknown>;
}

/**
 * Takes the next running number of `entity`'s table from its sequence table; call
 * inside the inserting transaction. The database's auto-increment hands concurrent
 * transactions distinct numbers without a lock held to commit, where MAX(number) + 1
 * gave two of them the same. MySQL does not take a number back when a transaction
 * rolls back: a failed write leaves a gap, which readable ids can afford.
 */
export async function takeNumber<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>): Promise<number> {
  const sequence = numberSequenceOf(manager.connection.getMetadata(entity).tableName);
  const sqlite = manager.connection.options.type === 'better-sqlite3';
  // The row's id is the number; it stays as the record of numbers taken (deleting would contend for locks).
  await manager.query(sqlite ? `INSERT INTO ${sequence} DEFAULT VALUES` : `INSERT INTO ${sequence} () VALUES ()`);
  const [row] = (await manager.query(sqlite ? 'SELECT last_insert_rowid() AS id' : 'SELECT LAST_INSERT_ID() AS id')) as Array<{
    id: number | string;
  }>;
  return Number(row.id);
}

/**
 * Moves the sequence of `table` past the highest number its rows hold, after rows came
 * with numbers of their own (a seed, rows from before the sequence existed). An
 * explicit id moves MySQL's AUTO_INCREMENT counter and SQLite's sqlite_sequence alike.
 */
export async function advanceNumbering(runner: RunsQueries, table: string): Promise<void> {
  const sequence = numberSequenceOf(table);
  await runner.query(
    `INSERT INTO ${sequence} (id) SELECT latest.number FROM (SELECT MAX(number) AS number FROM ${table}) latest ` +
      `WHERE latest.number > (SELECT COALESCE(MAX(id), 0) FROM ${sequence})`,
  );
}

/**
 * For a migration: a sequence table per numbered table (`participant_number`, …) whose
 * auto-increment hands out the numbers, each started past the rows already there.
 */
export async function createNumberSequences(queryRunner: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await queryRunner.createTable(
      new Table({
        name: numberSequenceOf(table),
        columns: [{ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }],
      }),
    );
    await advanceNumbering(queryRunner, table);
  }
}

export async function dropNumberSequences(queryRunner: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of [...tables].reverse()) await queryRunner.dropTable(numberSequenceOf(table));
}

/** Told the number of rows each bulk insert chunk wrote, within `insertProgress.run(...)`: progress bars of long seeds. */
export const insertProgress = new AsyncLocalStorage<(rows: number) => void>();

/**
 * Inserts rows that bring their own numbers (a seed) in chunks, then moves their table's
 * sequence past the highest, so that numbers taken later continue after them.
 */
export async function insertNumberedRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  columnsPerRow: number,
): Promise<void> {
  await insertInChunks(manager, entity, rows, columnsPerRow);
  await advanceNumbering(manager, manager.connection.getMetadata(entity).tableName);
}

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

/** True for a duplicate key, or a deadlock between two inserts racing for one key (a case opened twice at once). */
export function isInsertRace(error: unknown): boolean {
  return isDuplicateKey(error) || driverErrorCode(error) === 'ER_LOCK_DEADLOCK';
}
