import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One request's reads of personal data in one subgraph. Append-only: triggers refuse UPDATE and DELETE. */
@Entity({ name: 'audit_entry' })
export class AuditEntryEntity {
  /** The time and a random suffix: unique, and in the order the reads happened. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** ISO timestamp (UTC); text sorts like time on both dialects. */
  @Column({ name: 'read_at', type: 'varchar', length: 30 })
  readAt: string;

  @Column({ name: 'viewer_sub', type: 'varchar', length: 200 })
  viewerSub: string;

  @Column({ name: 'viewer_org', type: 'varchar', length: 32 })
  viewerOrg: string;

  @Column({ name: 'viewer_roles', type: 'varchar', length: 200 })
  viewerRoles: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  operation: string | null;

  /** Pseudonymous ids, comma-separated. */
  @Column({ name: 'participant_ids', type: 'text' })
  participantIds: string;

  @Column({ name: 'field_kinds', type: 'varchar', length: 200 })
  fieldKinds: string;
}
