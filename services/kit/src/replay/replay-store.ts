import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isDuplicateKey, queuedOnSqlite, REPLAY_STATEMENT_MARK } from '../db';
import type { Logger } from '../logger';

/**
 * Remembers the nonces of signed requests until their signatures expire, so that a
 * captured request is answered once: across restarts and across replicas that share the store.
 */
export interface ReplayStore {
  /** True when this caller's nonce is seen for the first time; false for a replay. Rejects when the store cannot tell. */
  claim(caller: string, nonce: string, expiresAtMs: number): Promise<boolean>;
  /** For /ready: whether claims can be made now. */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** The store cannot be asked: the request is refused (503), never served unchecked. */
export class ReplayStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the replay store cannot be reached', { cause });
    this.name = 'ReplayStoreUnavailableError';
  }
}

/** Fixed width, whatever the caller sent; the caller is part of it, so two callers' nonces never collide. */
export function nonceKey(caller: string, nonce: string): string {
  return createHash('sha256').update(`${caller}\n${nonce}`).digest('base64url');
}

/**
 * How long a nonce is kept past its signature's expiry: the replicas' clocks may differ, and
 * one whose clock lags must still find a nonce another replica's clock already calls expired.
 */
export const NONCE_KEPT_AFTER_EXPIRY_MS = 60_000;

/** How many claims between two sweeps of expired rows, and how many rows one sweep deletes at most. */
const SWEEPING = { sweepEvery: 256, sweepLimit: 1000 };

/**
 * The subgraph's own database (SQLite or MySQL): one INSERT per claim, whose
 * duplicate-key error is the replay, so two replicas racing for one nonce cannot both win.
 */
export function databaseReplayStore(
  dataSource: DataSource,
  logger: Logger,
  { sweepEvery, sweepLimit }: typeof SWEEPING = SWEEPING,
): ReplayStore {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  let claims = 0;
  let sweeping: Promise<unknown> = Promise.resolve();
  // On SQLite every statement shares one connection: a claim made while another request's
  // transaction is open would join it and vanish with its rollback. It waits in that queue instead.
  const run = (sql: string, parameters: unknown[]) =>
    queuedOnSqlite(dataSource, () => dataSource.query(`${REPLAY_STATEMENT_MARK} ${sql}`, parameters));
  const sweep = (now: number) =>
    run(
      sqlite
        ? `DELETE FROM replay_nonce WHERE nonce IN (SELECT nonce FROM replay_nonce WHERE expires_at < ? LIMIT ${sweepLimit})`
        : `DELETE FROM replay_nonce WHERE expires_at < ? LIMIT ${sweepLimit}`,
      [now],
    ).catch((error: Error) => logger.warn('replay store: sweeping expired nonces failed', { error: error.name }));

  return {
    async claim(caller, nonce, expiresAtMs) {
      claims += 1;
      if (claims % sweepEvery === 0) sweeping = sweep(Date.now() - NONCE_KEPT_AFTER_EXPIRY_MS);
      try {
        await run('INSERT INTO replay_nonce (nonce, expires_at) VALUES (?, ?)', [nonceKey(caller, nonce), expiresAtMs]);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        logger.error('replay store: claiming a nonce failed', { error: (error as Error).name });
        throw new ReplayStoreUnavailableError(error);
      }
    },
    // The database's own check in /ready covers it.
    isReachable: async () => true,
    close: async () => {
      await sweeping;
    },
  };
}
