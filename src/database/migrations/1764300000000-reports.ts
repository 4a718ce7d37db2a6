import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Reports: the hashes of issued reports (each one's proof is its report.issued event in the chain) and the
 * key-field reports with their small publication workflow.
 */
export class Reports1764300000000 implements MigrationInterface {
  name = 'Reports1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'issued_reports',
        columns: [
          { name: 'sha256', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'subject_id', type: 'varchar', length: '36' },
          { name: 'report_version', type: 'integer' },
          { name: 'lang', type: 'varchar', length: '5' },
          { name: 'interim', type: 'boolean' },
          { name: 'audit_seq', type: 'integer' },
          { name: 'issued_at', type: 'varchar', length: '30' },
        ],
        indices: [{ name: 'IDX_issued_reports_subject_id', columnNames: ['subject_id'] }],
      }),
    );
    const time = (name: string, nullable = true) => ({
      name,
      type: 'varchar',
      length: '30',
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'key_field_reports',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'series_id', type: 'varchar', length: '36' },
          { name: 'edition', type: 'integer' },
          { name: 'supersedes_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'superseded_by_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'field', type: 'varchar', length: '200' },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'body', type: 'text' },
          { name: 'scope', type: 'text' },
          { name: 'competent_department', type: 'varchar', length: '40' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'figures', type: 'text', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '36' },
          time('created_at', false),
          time('updated_at', false),
          time('published_at'),
          time('withdrawn_at'),
          { name: 'status_reason', type: 'text', isNullable: true },
          { name: 'row_version', type: 'integer' },
        ],
        indices: [
          { name: 'IDX_key_field_reports_status_published_at', columnNames: ['status', 'published_at'] },
          { name: 'IDX_key_field_reports_series_id', columnNames: ['series_id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('key_field_reports');
    await q.dropTable('issued_reports');
  }
}
