import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createNumberSequences, dropNumberSequences } from '@durchstarten/kit';

const NUMBERED = ['participant', 'referral', 'consent'];

/**
 * A sequence table per numbered table (participant_number, …): ids come from the
 * database's auto-increment, so concurrent registrations never race for one number.
 */
export class NumberSequences1764300000000 implements MigrationInterface {
  name = 'NumberSequences1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createNumberSequences(queryRunner, NUMBERED);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropNumberSequences(queryRunner, NUMBERED);
  }
}
