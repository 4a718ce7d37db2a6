import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Rate-limit counters shared by every instance on one PostgreSQL database: one row per bucket (a key hash
 * or a client address) and minute. SQLite keeps its counters in memory (one process owns the file), so
 * the table exists there only to keep one schema.
 */
export class RateLimitWindows1764400000011 implements MigrationInterface {
  name = 'RateLimitWindows1764400000011';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rate_limit_windows',
        columns: [
          { name: 'bucket', type: 'varchar', length: '80', isPrimary: true },
          { name: 'window_start', type: 'bigint', isPrimary: true },
          { name: 'hits', type: 'integer' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_limit_windows');
  }
}
