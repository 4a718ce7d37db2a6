import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Who completed a task, by name as well as by key id, so an inbox and a case view can say who decided
 * without a join on api_keys per read. Written at completion from the acting key (its name then); earlier
 * rows are filled from the keys table, and the deadline scheduler's deemed answers by its own name. And
 * an index for an officer's own assessments (GET /assessments).
 */
export class TaskCompletedByName1764400000000 implements MigrationInterface {
  name = 'TaskCompletedByName1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'tasks',
      new TableColumn({ name: 'completed_by_name', type: 'varchar', length: '200', isNullable: true }),
    );
    await q.query(
      `UPDATE tasks SET completed_by_name = (SELECT k.name FROM api_keys k WHERE k.id = tasks.completed_by)
       WHERE completed_by IS NOT NULL`,
    );
    await q.query(
      `UPDATE tasks SET completed_by_name = 'deadline scheduler' WHERE completed_by = 'scheduler'`,
    );
    await q.createIndex(
      'assessments',
      new TableIndex({ name: 'IDX_assessments_requested_by', columnNames: ['requested_by', 'submitted_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('assessments', 'IDX_assessments_requested_by');
    await q.dropColumn('tasks', 'completed_by_name');
  }
}
