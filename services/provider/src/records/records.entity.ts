import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseEntity } from '../course/course.entity';

/** The four kinds of record a provider keeps on a case. Ids are generated, never derived from personal data. */

@Entity({ name: 'coaching_session' })
export class CoachingSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 16 })
  caseId: string;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 32 })
  topic: string;

  /** Free text written by a coach: personal data. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes: string | null;
}

@Entity({ name: 'course_enrolment' })
export class EnrolmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 16 })
  caseId: string;

  @Column({ name: 'course_id', type: 'varchar', length: 64 })
  courseId: string;

  /** Loaded with the enrolment, so listing enrolments is one statement with or without courses. */
  @ManyToOne(() => CourseEntity, { nullable: false })
  @JoinColumn({ name: 'course_id' })
  course?: CourseEntity;

  @Column({ name: 'enrolled_on', type: 'date' })
  enrolledOn: string;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: string;
}

@Entity({ name: 'certificate' })
export class CertificateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 16 })
  caseId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 4, nullable: true })
  level: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  result: string | null;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;
}

@Entity({ name: 'internship' })
export class InternshipEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 16 })
  caseId: string;

  @Column({ type: 'varchar', length: 200 })
  employer: string;

  @Column({ type: 'varchar', length: 200 })
  occupation: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;
}
