import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Placements into training and work. Table API only: one migration for SQLite and MySQL. */
export class InitialPlacements1764000000000 implements MigrationInterface {
  name = 'InitialPlacements1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'placement',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'number', type: 'int' },
          { name: 'participant_id', type: 'varchar', length: '16' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'office', type: 'varchar', length: '32' },
          { name: 'employer_name', type: 'varchar', length: '200' },
          { name: 'kldb_code', type: 'varchar', length: '5' },
          { name: 'occupation_title', type: 'varchar', length: '200' },
          { name: 'starts_on', type: 'date' },
          { name: 'ends_on', type: 'date', isNullable: true },
        ],
        indices: [
          { name: 'UQ_placement_number', columnNames: ['number'], isUnique: true },
          { name: 'IX_placement_participant', columnNames: ['participant_id'] },
          { name: 'IX_placement_kind', columnNames: ['kind', 'number'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('placement');
  }
}
