import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'placement' })
export class PlacementEntity {
  /** `PL-00001`. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  @Column({ type: 'int' })
  number: number;

  /** The kreis participant id; agentur holds no other identity. */
  @Column({ name: 'participant_id', type: 'varchar', length: 16 })
  participantId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 32 })
  office: string;

  @Column({ name: 'employer_name', type: 'varchar', length: 200 })
  employerName: string;

  @Column({ name: 'kldb_code', type: 'varchar', length: 5 })
  kldbCode: string;

  @Column({ name: 'occupation_title', type: 'varchar', length: 200 })
  occupationTitle: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;
}
