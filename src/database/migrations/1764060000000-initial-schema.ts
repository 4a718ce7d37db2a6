import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

/**
 * The first schema, written with TypeORM's dialect-neutral Table API so one migration serves SQLite and
 * PostgreSQL. Times are ISO-8601 strings and JSON is text: both databases store them the same way, and
 * a stored decision reads back byte for byte.
 */
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
const int = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
});
const time = (name: string, nullable = false) => str(name, 30, nullable);

export class InitialSchema1764060000000 implements MigrationInterface {
  name = 'InitialSchema1764060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          id(),
          { ...str('key_hash', 64), isUnique: true },
          str('role', 20),
          str('name', 200),
          str('department', 40, true),
          str('credit_code', 18, true),
          time('created_at'),
          time('revoked_at', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'definition_versions',
        columns: [
          { ...str('hash', 64), isPrimary: true },
          str('type', 40),
          str('kind', 10),
          text('content'),
          time('first_seen_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evaluations',
        columns: [
          id(),
          str('type', 40),
          str('title', 300),
          str('applicant_name', 300),
          str('applicant_credit_code', 18),
          str('competent_department', 40),
          str('submitted_by', 36),
          str('submitter_department', 40, true),
          str('state', 40),
          str('status', 10),
          str('level', 10),
          int('score'),
          str('outcome', 30, true),
          str('workflow_hash', 64),
          str('rules_hash', 64),
          text('applicant'),
          text('facts'),
          text('decision'),
          text('snapshot'),
          text('conditions'),
          text('override_reason', true),
          time('created_at'),
          time('updated_at'),
          int('version'),
        ],
        indices: [
          { columnNames: ['applicant_credit_code'] },
          { columnNames: ['competent_department'] },
          { columnNames: ['type', 'state'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evaluation_decisions',
        columns: [
          { ...str('evaluation_id', 36), isPrimary: true },
          { ...int('round'), isPrimary: true },
          str('rules_hash', 64),
          time('submitted_at'),
          text('facts'),
          text('decision'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tasks',
        columns: [
          id(),
          str('evaluation_id', 36),
          str('task_key', 20),
          str('stage', 30),
          str('department', 40),
          text('allowed_outcomes'),
          str('status', 10),
          str('outcome', 30, true),
          text('comment', true),
          int('time_limit_working_days', true),
          time('opened_at'),
          time('closed_at', true),
          str('completed_by', 36, true),
        ],
        indices: [{ columnNames: ['department', 'status'] }, { columnNames: ['evaluation_id'] }],
        uniques: [{ columnNames: ['evaluation_id', 'task_key'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessments',
        columns: [
          id(),
          str('type', 40),
          str('applicant_credit_code', 18),
          str('requested_by', 36),
          str('rules_hash', 64),
          time('submitted_at'),
          text('facts'),
          text('decision'),
        ],
        indices: [{ columnNames: ['applicant_credit_code'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { ...int('seq'), isPrimary: true },
          time('occurred_at'),
          str('actor_id', 36),
          str('actor_role', 20),
          str('actor_department', 40, true),
          str('action', 60),
          str('entity_type', 30),
          str('entity_id', 36),
          str('case_id', 36, true),
          str('from_state', 40, true),
          str('to_state', 40, true),
          text('payload'),
          str('prev_hash', 64),
          str('hash', 64),
        ],
        indices: [{ columnNames: ['case_id', 'seq'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_head',
        columns: [{ ...int('id'), isPrimary: true }, int('seq'), str('hash', 64)],
      }),
    );
    // The genesis head: sequence 0 with an all-zero hash, so the first event has a predecessor to chain to.
    await q.query(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_head',
      'audit_events',
      'assessments',
      'tasks',
      'evaluation_decisions',
      'evaluations',
      'definition_versions',
      'api_keys',
    ]) {
      await q.dropTable(table);
    }
  }
}
