import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Deadlines of the reports a case waits for between phases, as rows the scheduler claims (docs/architecture.md
 * invariant 5), on the case itself: one wait at a time per case. See EvaluationEntity.awaitingPhase.
 *
 * Cases already waiting before this migration keep NULL times: they are not reminded until their next wait.
 */
const column = (name: string, length: number): TableColumn =>
  new TableColumn({ name, type: 'varchar', length: String(length), isNullable: true });

const COLUMNS = [
  column('awaiting_phase', 40),
  column('awaiting_due_on', 10),
  column('report_id', 36),
  column('report_remind_at', 30),
  column('report_overdue_at', 30),
  column('report_reminded_at', 30),
  column('report_overdue_noticed_at', 30),
];
// The scheduler looks for open cases by these times.
const INDICES = [
  new TableIndex({
    name: 'IDX_evaluations_status_report_remind_at',
    columnNames: ['status', 'report_remind_at'],
  }),
  new TableIndex({
    name: 'IDX_evaluations_status_report_overdue_at',
    columnNames: ['status', 'report_overdue_at'],
  }),
];

export class ReportDeadlines1764700000000 implements MigrationInterface {
  name = 'ReportDeadlines1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('evaluations', COLUMNS);
    for (const index of INDICES) await q.createIndex('evaluations', index);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of INDICES) await q.dropIndex('evaluations', index.name!);
    for (const { name } of [...COLUMNS].reverse()) await q.dropColumn('evaluations', name);
  }
}
