import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The kit's table of used nonces, the same in every subgraph. */
export class ReplayNonce1764400000000 implements MigrationInterface {
  name = 'ReplayNonce1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'replay_nonce',
        columns: [
          { name: 'nonce', type: 'varchar', length: '64', isPrimary: true },
          { name: 'expires_at', type: 'bigint' },
        ],
        indices: [{ name: 'IX_replay_nonce_expires_at', columnNames: ['expires_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('replay_nonce');
  }
}
