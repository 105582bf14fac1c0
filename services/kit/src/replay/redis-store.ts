import { createClient } from 'redis';
import type { Logger } from '../logger';
import { NONCE_KEPT_AFTER_EXPIRY_MS, nonceKey, ReplayStoreUnavailableError, type ReplayStore } from './replay-store';

/** How long a claim may wait for Redis before the request is refused: well inside the gateway's subgraph timeout. */
const COMMAND_TIMEOUT_MS = 2000;

/**
 * Redis shared by the replicas: `SET <prefix><key> 1 NX PX <ttl>`, which only one
 * replica can win, and which expires a minute after the signature. Connects in the background and
 * reconnects on its own; while it is not connected, claims fail at once (no offline
 * queue), so requests are refused with 503 instead of waiting or going unchecked.
 * Resolves after the first connection attempt, made or failed: a subgraph starting
 * next to a running Redis serves its first request, one without Redis still starts.
 */
export async function redisReplayStore(options: { url: string; keyPrefix: string; logger: Logger }): Promise<ReplayStore> {
  const { logger } = options;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: COMMAND_TIMEOUT_MS,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000),
    },
  });
  // Logged when the state changes, not on every reconnect attempt; the URL (it may hold a password) never is.
  let reachable: boolean | undefined;
  client.on('ready', () => {
    if (reachable !== true) logger.info('replay store: Redis connected');
    reachable = true;
  });
  client.on('error', (error: NodeJS.ErrnoException) => {
    if (reachable !== false)
      logger.error('replay store: Redis unreachable, signed requests are refused', { error: error.code ?? error.name });
    reachable = false;
  });
  const firstAttempt = new Promise<void>((resolve) => {
    client.once('ready', resolve);
    client.once('error', () => resolve());
  });
  client.connect().catch((error: NodeJS.ErrnoException) => {
    logger.error('replay store: cannot connect to Redis', { error: error.code ?? error.name });
  });
  await firstAttempt;

  return {
    async claim(caller, nonce, expiresAtMs) {
      try {
        const answer = await client.set(`${options.keyPrefix}${nonceKey(caller, nonce)}`, '1', {
          condition: 'NX',
          expiration: { type: 'PX', value: Math.max(1, Math.ceil(expiresAtMs + NONCE_KEPT_AFTER_EXPIRY_MS - Date.now())) },
        });
        return answer === 'OK';
      } catch (error) {
        if (reachable !== false) logger.error('replay store: claiming a nonce in Redis failed', { error: (error as Error).name });
        throw new ReplayStoreUnavailableError(error);
      }
    },
    async isReachable() {
      if (!client.isReady) return false;
      return client.ping().then(
        (answer) => answer === 'PONG',
        () => false,
      );
    },
    async close() {
      if (!client.isOpen) return;
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}
