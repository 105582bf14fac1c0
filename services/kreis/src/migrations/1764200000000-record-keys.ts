import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { RECORD_KEY_RANGE } from '@durchstarten/kit';

/**
 * Each participant's fixed random record key for the cell key method (see
 * kit/statistics/cell-key.ts). Rows registered before this migration get one
 * from the database's own random source; new rows get one at registration.
 */
export class RecordKeys1764200000000 implements MigrationInterface {
  name = 'RecordKeys1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('participant', new TableColumn({ name: 'record_key', type: 'int', default: 0 }));
    const random =
      queryRunner.connection.options.type === 'better-sqlite3'
        ? `abs(random()) % ${RECORD_KEY_RANGE}`
        : `FLOOR(RAND() * ${RECORD_KEY_RANGE})`;
    await queryRunner.query(`UPDATE participant SET record_key = ${random}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('participant', 'record_key');
  }
}
