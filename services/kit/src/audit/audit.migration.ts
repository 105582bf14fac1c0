import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The audit table, the same in every subgraph. The triggers are dialect SQL
 * (the Table API has none): they make the table append-only for everyone,
 * the service's own database user included.
 */
export class AuditLog1764100000000 implements MigrationInterface {
  name = 'AuditLog1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'read_at', type: 'varchar', length: '30' },
          { name: 'viewer_sub', type: 'varchar', length: '200' },
          { name: 'viewer_org', type: 'varchar', length: '32' },
          { name: 'viewer_roles', type: 'varchar', length: '200' },
          { name: 'operation', type: 'varchar', length: '200', isNullable: true },
          { name: 'participant_ids', type: 'text' },
          { name: 'field_kinds', type: 'varchar', length: '200' },
        ],
        indices: [{ name: 'IX_audit_entry_read_at', columnNames: ['read_at'] }],
      }),
    );
    for (const action of ['UPDATE', 'DELETE']) {
      const name = `audit_entry_no_${action.toLowerCase()}`;
      if (queryRunner.connection.options.type === 'better-sqlite3') {
        await queryRunner.query(
          `CREATE TRIGGER ${name} BEFORE ${action} ON audit_entry BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END`,
        );
      } else {
        await queryRunner.query(
          `CREATE TRIGGER ${name} BEFORE ${action} ON audit_entry FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit entries cannot be changed'`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_entry_no_update');
    await queryRunner.query('DROP TRIGGER audit_entry_no_delete');
    await queryRunner.dropTable('audit_entry');
  }
}
