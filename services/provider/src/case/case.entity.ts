import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The provider's working file for one referral; its id is the referral's id. */
@Entity({ name: 'provider_case' })
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  @Column({ name: 'participant_id', type: 'varchar', length: 16 })
  participantId: string;

  @Column({ type: 'varchar', length: 32 })
  module: string;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;
}
