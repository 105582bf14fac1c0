import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'referral' })
export class ReferralEntity {
  /** `REF-00001`; also the id of the provider's case. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ name: 'participant_id', type: 'varchar', length: 16 })
  participantId: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 32 })
  providerId: string;

  @Column({ type: 'varchar', length: 32 })
  module: string;

  @Column({ name: 'referred_on', type: 'date' })
  referredOn: string;

  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: string;
}
