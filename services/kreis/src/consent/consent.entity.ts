import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'consent' })
export class ConsentEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ name: 'participant_id', type: 'varchar', length: 16 })
  participantId: string;

  @Column({ type: 'varchar', length: 32 })
  scope: string;

  @Column({ name: 'granted_on', type: 'date' })
  grantedOn: string;

  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn: string | null;
}
