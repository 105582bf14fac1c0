import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DataSource,
  type DataSourceOptions,
  type EntityManager,
  type Logger as TypeOrmLogger,
  type MixedList,
  type EntitySchema,
} from 'typeorm';
import type { Logger } from './logger';

/** Counts the SQL statements a DataSource runs: the measure of N+1 freedom. */
export class StatementCounter {
  private count = 0;
  increment(): void {
    this.count += 1;
  }
  get total(): number {
    return this.count;
  }
  reset(): void {
    this.count = 0;
  }
}

/**
 * Statements of the replay store begin with this comment: counted apart, their errors are the
 * store's to judge. (A mark on a query runner would not do: SQLite's driver has one for everything.)
 */
export const REPLAY_STATEMENT_MARK = '/* replay-store */';

const claimsNonce = (query: string) => query.startsWith(REPLAY_STATEMENT_MARK);

/**
 * Forwards TypeORM's events to our logger without ever printing SQL parameters.
 * Nonce claims are one statement per request whatever it asks, so they go to their own
 * counter: `statements` stays the measure of what a GraphQL query costs.
 */
class CountingTypeOrmLogger implements TypeOrmLogger {
  constructor(
    private readonly counter: StatementCounter,
    private readonly replayCounter: StatementCounter,
    private readonly logger: Logger,
  ) {}
  logQuery(query: string): void {
    (claimsNonce(query) ? this.replayCounter : this.counter).increment();
  }
  logQueryError(error: string | Error, query = ''): void {
    // A replayed nonce fails its INSERT by design; the replay store logs what is not a replay.
    if (claimsNonce(query)) return this.replayCounter.increment();
    this.counter.increment();
    // The driver's code or the error's class only: a message can quote the values of the statement.
    const code = typeof error === 'string' ? undefined : driverErrorCode(error);
    this.logger.warn('database statement failed', { error: code ?? (typeof error === 'string' ? 'Error' : error.name) });
  }
  logQuerySlow(time: number): void {
    this.logger.warn('slow database statement', { ms: time });
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.info('migration', { migration: message });
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn('database', { detail: String(message).slice(0, 200) });
  }
}

export interface DatabaseOptions {
  url: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  logger: Logger;
}

export interface Database {
  dataSource: DataSource;
  statements: StatementCounter;
  /** Statements that claimed or swept replay nonces (one INSERT per signed request): not in `statements`. */
  replayStatements: StatementCounter;
}

export function dialectOf(url: string): 'sqlite' | 'mysql' {
  return url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

/** Opens the database at `url` and brings its schema up to date with the migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  const replayStatements = new StatementCounter();
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logger: new CountingTypeOrmLogger(statements, replayStatements, options.logger),
    maxQueryExecutionTime: 1000,
  };
  const dialect = dialectOf(options.url);
  let config: DataSourceOptions;
  if (dialect === 'sqlite') {
    const path = options.url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    config = {
      ...common,
      type: 'better-sqlite3',
      database: path,
      enableWAL: path !== ':memory:',
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        // Erased values are overwritten in the file, not just unlinked.
        db.pragma('secure_delete = ON');
        db.pragma('busy_timeout = 5000');
        // With the write-ahead log, NORMAL syncs at checkpoints instead of on every commit, which
        // would stall this single-threaded process for a disk flush on each audited read. A power
        // cut can lose the last commits, never the file's consistency (sqlite.org/pragma.html#pragma_synchronous).
        db.pragma('synchronous = NORMAL');
      },
    };
  } else {
    config = {
      ...common,
      type: 'mysql',
      url: options.url.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: ['DATE'],
      poolSize: options.poolSize ?? 10,
      connectTimeout: 10_000,
    };
  }
  const dataSource = new DataSource(config);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return { dataSource, statements, replayStatements };
}

/** True when the database answers a trivial statement. */
export async function isDatabaseReachable(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();
const sqliteQueued = new WeakMap<DataSource, number>();

/** Transactions (and replay-nonce claims) running or waiting in a SQLite database's queue: what the metrics report instead of a pool. */
export function sqliteTransactionsQueued(dataSource: DataSource): number {
  return sqliteQueued.get(dataSource) ?? 0;
}

/**
 * Runs `work` in one transaction. On SQLite every statement shares one
 * connection, so two transactions in flight at once (parallel mutation fields,
 * concurrent requests) would interleave their statements: there they queue.
 * MySQL gives each transaction its own pooled connection.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return queuedOnSqlite(dataSource, () => dataSource.transaction(work));
}

/**
 * Runs `work` after every transaction queued before it on SQLite, so that its statements
 * are not run inside another one's transaction (and undone by its rollback); at once on MySQL.
 */
export function queuedOnSqlite<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return work();
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  sqliteQueued.set(dataSource, sqliteTransactionsQueued(dataSource) + 1);
  const run = previous.then(work).finally(() => sqliteQueued.set(dataSource, sqliteTransactionsQueued(dataSource) - 1));
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * After an erasure on SQLite: moves the write-ahead log into the database file and
 * empties it, so the old values survive in neither (secure_delete overwrote them there).
 * MySQL/MariaDB keep old values in their binary and undo logs until those rotate.
 */
export async function purgeErasedValues(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type === 'better-sqlite3') await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
}

/** The database driver's code of a failed statement (TypeORM keeps the driver's error), if it has one. */
export function driverErrorCode(error: unknown): string | undefined {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } } | undefined)?.driverError?.code ?? (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

const DUPLICATE_KEY_CODES = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

/** SQLite's and MySQL's codes for a second row with the same primary or unique key. */
export function isDuplicateKey(error: unknown): boolean {
  const code = driverErrorCode(error);
  return (
    (code !== undefined && DUPLICATE_KEY_CODES.has(code)) || (error as { driverError?: { errno?: unknown } })?.driverError?.errno === 1062
  );
}
