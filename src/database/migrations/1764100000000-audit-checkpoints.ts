import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Signed checkpoints of the audit chain, and indexes for the auditor's event filters (actor, action, time).
 */
export class AuditCheckpoints1764100000000 implements MigrationInterface {
  name = 'AuditCheckpoints1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_checkpoints',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'recorded_at', type: 'varchar', length: '30' },
          { name: 'signature', type: 'varchar', length: '64' },
        ],
      }),
    );
    await q.createIndex(
      'audit_events',
      new TableIndex({ name: 'IDX_audit_events_actor', columnNames: ['actor_id', 'seq'] }),
    );
    await q.createIndex(
      'audit_events',
      new TableIndex({ name: 'IDX_audit_events_action', columnNames: ['action', 'seq'] }),
    );
    await q.createIndex(
      'audit_events',
      new TableIndex({ name: 'IDX_audit_events_occurred', columnNames: ['occurred_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('audit_events', 'IDX_audit_events_occurred');
    await q.dropIndex('audit_events', 'IDX_audit_events_action');
    await q.dropIndex('audit_events', 'IDX_audit_events_actor');
    await q.dropTable('audit_checkpoints');
  }
}
