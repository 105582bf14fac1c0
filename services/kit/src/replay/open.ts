import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { redisReplayStore } from './redis-store';
import { databaseReplayStore, type ReplayStore } from './replay-store';

/**
 * The replay store REPLAY_STORE_URL names: Redis, its keys prefixed with the subgraph's
 * name (replicas of one subgraph share them, two subgraphs never collide); unset, the
 * subgraph's own database, which replicas share when it is MySQL.
 */
export async function openReplayStore(options: {
  url?: string;
  subgraph: string;
  dataSource: DataSource;
  logger: Logger;
}): Promise<ReplayStore> {
  return options.url
    ? redisReplayStore({ url: options.url, keyPrefix: `durchstarten:replay:${options.subgraph}:`, logger: options.logger })
    : databaseReplayStore(options.dataSource, options.logger);
}
