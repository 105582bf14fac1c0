export * from './replay-store';
export * from './redis-store';
export * from './open';
export { ReplayNonceEntity } from './replay.entity';
export { ReplayNonce1764300000000 } from './replay.migration';
