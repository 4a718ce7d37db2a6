import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Server-side console sessions (src/auth/console-session.entity.ts): token hash, key, CSRF token, times. */
export class ConsoleSessions1764500000000 implements MigrationInterface {
  name = 'ConsoleSessions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'console_sessions',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'key_id', type: 'varchar', length: '36' },
          { name: 'csrf_token', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'last_seen_at', type: 'varchar', length: '30' },
        ],
        indices: [{ name: 'IDX_console_sessions_key_id', columnNames: ['key_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('console_sessions');
  }
}
