import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { advanceNumbering, numberSequenceOf } from '@durchstarten/kit';

const NUMBERED = ['placement'];

/**
 * The sequence table of placements (placement_number): ids come from the
 * database's auto-increment, so concurrent placements never race for one number.
 * Each starts past the rows already there, so numbering continues where it was.
 */
export class NumberSequences1764300000000 implements MigrationInterface {
  name = 'NumberSequences1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of NUMBERED) {
      await queryRunner.createTable(
        new Table({
          name: numberSequenceOf(table),
          columns: [{ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }],
        }),
      );
      await advanceNumbering(queryRunner, table);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...NUMBERED].reverse()) await queryRunner.dropTable(numberSequenceOf(table));
  }
}
