import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed request's nonce, kept until its signature expires: the subgraph's own
 * database remembers it across restarts and across replicas sharing the database.
 */
@Entity({ name: 'replay_nonce' })
export class ReplayNonceEntity {
  /** SHA-256 of caller and nonce (base64url): a fixed width, whatever the caller sent. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  nonce: string;

  /** Milliseconds since the epoch when the signature stops being valid; the row may go then. */
  @Index('IX_replay_nonce_expires_at')
  @Column({ name: 'expires_at', type: 'bigint' })
  expiresAt: string;
}
