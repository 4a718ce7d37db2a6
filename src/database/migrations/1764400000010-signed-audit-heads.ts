import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Ed25519 signed heads at every commit replace the periodic HMAC checkpoints: the signature of the chain
 * head is stored on the last event of each commit and beside the head itself. Old checkpoints go with their
 * table: they were signed with a shared secret that could not be published.
 */
export class SignedAuditHeads1764400000010 implements MigrationInterface {
  name = 'SignedAuditHeads1764400000010';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'audit_events',
      new TableColumn({ name: 'head_signature', type: 'varchar', length: '120', isNullable: true }),
    );
    await q.addColumn(
      'audit_head',
      new TableColumn({ name: 'signature', type: 'varchar', length: '120', isNullable: true }),
    );
    await q.dropTable('audit_checkpoints');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE audit_checkpoints (seq integer PRIMARY KEY, hash varchar(64) NOT NULL, recorded_at varchar(30) NOT NULL, signature varchar(64) NOT NULL)',
    );
    await q.dropColumn('audit_head', 'signature');
    await q.dropColumn('audit_events', 'head_signature');
  }
}
