import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** A table of records that belong to one case. */
const caseRecordTable = (name: string, columns: TableColumnOptions[], extraIndexes: { name: string; columnNames: string[] }[] = []) =>
  new Table({
    name,
    columns: [
      { name: 'id', type: 'varchar', length: '64', isPrimary: true },
      { name: 'case_id', type: 'varchar', length: '16' },
      ...columns,
    ],
    indices: [{ name: `IX_${name}_case`, columnNames: ['case_id'] }, ...extraIndexes],
    foreignKeys: [
      new TableForeignKey({
        name: `FK_${name}_case`,
        columnNames: ['case_id'],
        referencedTableName: 'provider_case',
        referencedColumnNames: ['id'],
      }),
    ],
  });

/** Cases, the course catalogue and the records on a case. Table API only: one migration for SQLite and MySQL. */
export class InitialCases1764000000000 implements MigrationInterface {
  name = 'InitialCases1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'provider_case',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'participant_id', type: 'varchar', length: '16' },
          { name: 'module', type: 'varchar', length: '32' },
          { name: 'opened_on', type: 'date' },
          { name: 'closed_on', type: 'date', isNullable: true },
        ],
        indices: [
          { name: 'IX_provider_case_participant', columnNames: ['participant_id'] },
          { name: 'IX_provider_case_module', columnNames: ['module', 'id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'course',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'module', type: 'varchar', length: '32' },
          { name: 'starts_on', type: 'date' },
          { name: 'ends_on', type: 'date' },
        ],
        indices: [{ name: 'IX_course_module', columnNames: ['module'] }],
      }),
    );
    await queryRunner.createTable(
      caseRecordTable('coaching_session', [
        { name: 'held_on', type: 'date' },
        { name: 'duration_minutes', type: 'int' },
        { name: 'topic', type: 'varchar', length: '32' },
        { name: 'notes', type: 'varchar', length: '2000', isNullable: true },
      ]),
    );
    await queryRunner.createTable(
      caseRecordTable(
        'course_enrolment',
        [
          { name: 'course_id', type: 'varchar', length: '64' },
          { name: 'enrolled_on', type: 'date' },
          { name: 'completed_on', type: 'date', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
        ],
        [{ name: 'IX_course_enrolment_course', columnNames: ['course_id'] }],
      ),
    );
    await queryRunner.createForeignKey(
      'course_enrolment',
      new TableForeignKey({
        name: 'FK_course_enrolment_course',
        columnNames: ['course_id'],
        referencedTableName: 'course',
        referencedColumnNames: ['id'],
      }),
    );
    await queryRunner.createTable(
      caseRecordTable('certificate', [
        { name: 'kind', type: 'varchar', length: '32' },
        { name: 'title', type: 'varchar', length: '200' },
        { name: 'level', type: 'varchar', length: '4', isNullable: true },
        { name: 'result', type: 'varchar', length: '16', isNullable: true },
        { name: 'issued_on', type: 'date' },
      ]),
    );
    await queryRunner.createTable(
      caseRecordTable('internship', [
        { name: 'employer', type: 'varchar', length: '200' },
        { name: 'occupation', type: 'varchar', length: '200' },
        { name: 'starts_on', type: 'date' },
        { name: 'ends_on', type: 'date' },
      ]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['internship', 'certificate', 'course_enrolment', 'coaching_session', 'course', 'provider_case']) {
      await queryRunner.dropTable(table);
    }
  }
}
