import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Deadlines as rows (docs/architecture.md invariant 5): each task's due, reminder and escalation times, computed
 * when it opens, and the scheduler's claims on them. A claim is `UPDATE tasks SET reminded_at = ... WHERE
 * reminded_at IS NULL`: of several instances racing, exactly one changes the row, and it writes the audit
 * event and the notifications in the same transaction. Plus the notifications a client lists.
 *
 * Tasks opened before this migration keep NULL times: they have no due time and are never reminded.
 */
const time = (name: string): TableColumn =>
  new TableColumn({ name, type: 'varchar', length: '30', isNullable: true });

export class TaskDeadlines1764200000000 implements MigrationInterface {
  name = 'TaskDeadlines1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('tasks', [
      time('due_at'),
      time('remind_at'),
      time('escalate_at'),
      time('reminded_at'),
      time('escalated_at'),
    ]);
    // The scheduler's queries and GET /tasks?overdue=true look for open tasks by these times.
    await q.createIndex(
      'tasks',
      new TableIndex({ name: 'IDX_tasks_status_due_at', columnNames: ['status', 'due_at'] }),
    );
    await q.createIndex(
      'tasks',
      new TableIndex({ name: 'IDX_tasks_status_remind_at', columnNames: ['status', 'remind_at'] }),
    );
    await q.createIndex(
      'tasks',
      new TableIndex({ name: 'IDX_tasks_status_escalate_at', columnNames: ['status', 'escalate_at'] }),
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'department', type: 'varchar', length: '40' },
          { name: 'task_id', type: 'varchar', length: '36' },
          { name: 'evaluation_id', type: 'varchar', length: '36' },
          { name: 'stage', type: 'varchar', length: '30' },
          { name: 'task_department', type: 'varchar', length: '40' },
          { name: 'due_at', type: 'varchar', length: '30' },
          { name: 'message', type: 'text' },
          { name: 'detail', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        indices: [
          { name: 'IDX_notifications_department_created_at', columnNames: ['department', 'created_at'] },
          { name: 'IDX_notifications_task_id', columnNames: ['task_id'] },
        ],
        // One notice of a kind per task and recipient: a second claim that slipped through would fail here.
        uniques: [
          { name: 'UQ_notifications_task_kind_department', columnNames: ['task_id', 'kind', 'department'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notifications');
    for (const name of [
      'IDX_tasks_status_escalate_at',
      'IDX_tasks_status_remind_at',
      'IDX_tasks_status_due_at',
    ])
      await q.dropIndex('tasks', name);
    for (const name of ['escalated_at', 'reminded_at', 'escalate_at', 'remind_at', 'due_at'])
      await q.dropColumn('tasks', name);
  }
}
