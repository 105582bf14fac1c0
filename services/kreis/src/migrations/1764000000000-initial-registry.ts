import { Table, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Participants, referrals and consents. Table API only, so one migration serves SQLite and MySQL. */
export class InitialRegistry1764000000000 implements MigrationInterface {
  name = 'InitialRegistry1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'participant',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'number', type: 'int' },
          { name: 'given_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'family_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'birth_date', type: 'date', isNullable: true },
          { name: 'birth_year', type: 'int' },
          { name: 'gender', type: 'varchar', length: '16' },
          { name: 'residence_status', type: 'varchar', length: '32' },
          { name: 'municipality_id', type: 'varchar', length: '32' },
          { name: 'entered_on', type: 'date' },
          { name: 'exited_on', type: 'date', isNullable: true },
          { name: 'exit_reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'erased_on', type: 'date', isNullable: true },
        ],
        indices: [
          { name: 'UQ_participant_number', columnNames: ['number'], isUnique: true },
          { name: 'IX_participant_municipality', columnNames: ['municipality_id', 'number'] },
          { name: 'IX_participant_entered_on', columnNames: ['entered_on'] },
          { name: 'IX_participant_residence_status', columnNames: ['residence_status', 'number'] },
          { name: 'IX_participant_exited_on', columnNames: ['exited_on'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'referral',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'number', type: 'int' },
          { name: 'participant_id', type: 'varchar', length: '16' },
          { name: 'provider_id', type: 'varchar', length: '32' },
          { name: 'module', type: 'varchar', length: '32' },
          { name: 'referred_on', type: 'date' },
          { name: 'started_on', type: 'date', isNullable: true },
          { name: 'ended_on', type: 'date', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
        ],
        indices: [
          { name: 'UQ_referral_number', columnNames: ['number'], isUnique: true },
          { name: 'IX_referral_participant', columnNames: ['participant_id'] },
          { name: 'IX_referral_provider_module', columnNames: ['provider_id', 'module', 'participant_id'] },
          { name: 'IX_referral_module', columnNames: ['module', 'participant_id'] },
        ],
      }),
    );
    await queryRunner.createForeignKey(
      'referral',
      new TableForeignKey({
        name: 'FK_referral_participant',
        columnNames: ['participant_id'],
        referencedTableName: 'participant',
        referencedColumnNames: ['id'],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'consent',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'number', type: 'int' },
          { name: 'participant_id', type: 'varchar', length: '16' },
          { name: 'scope', type: 'varchar', length: '32' },
          { name: 'granted_on', type: 'date' },
          { name: 'withdrawn_on', type: 'date', isNullable: true },
        ],
        indices: [
          { name: 'UQ_consent_number', columnNames: ['number'], isUnique: true },
          { name: 'IX_consent_participant', columnNames: ['participant_id', 'scope'] },
        ],
      }),
    );
    await queryRunner.createForeignKey(
      'consent',
      new TableForeignKey({
        name: 'FK_consent_participant',
        columnNames: ['participant_id'],
        referencedTableName: 'participant',
        referencedColumnNames: ['id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('consent');
    await queryRunner.dropTable('referral');
    await queryRunner.dropTable('participant');
  }
}
