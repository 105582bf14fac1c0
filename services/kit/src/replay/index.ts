export * from './replay-store';
export * from './redis-store';
export * from './open';
export { ReplayNonceEntity } from './replay.entity';
export { ReplayNonce1764400000000 } from './replay.migration';
