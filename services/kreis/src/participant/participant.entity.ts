import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'participant' })
export class ParticipantEntity {
  /** Pseudonymous id, `TN-0001`. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  /** Running number behind the id: the paging order and the source of new ids. */
  @Column({ type: 'int' })
  number: number;

  /** Null once erased. */
  @Column({ name: 'given_name', type: 'varchar', length: 100, nullable: true })
  givenName: string | null;

  @Column({ name: 'family_name', type: 'varchar', length: 100, nullable: true })
  familyName: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ name: 'birth_year', type: 'int' })
  birthYear: number;

  @Column({ type: 'varchar', length: 16 })
  gender: string;

  @Column({ name: 'residence_status', type: 'varchar', length: 32 })
  residenceStatus: string;

  @Column({ name: 'municipality_id', type: 'varchar', length: 32 })
  municipalityId: string;

  @Column({ name: 'entered_on', type: 'date' })
  enteredOn: string;

  @Column({ name: 'exited_on', type: 'date', nullable: true })
  exitedOn: string | null;

  @Column({ name: 'exit_reason', type: 'varchar', length: 32, nullable: true })
  exitReason: string | null;

  @Column({ name: 'erased_on', type: 'date', nullable: true })
  erasedOn: string | null;

  /** Fixed random key for the cell key method; never shown to anyone. Always set on insert (no column default here: TypeORM would read each row back). */
  @Column({ name: 'record_key', type: 'int' })
  recordKey: number;
}
