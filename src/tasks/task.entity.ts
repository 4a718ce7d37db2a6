import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A department's task on a case: the inbox row. Opened and closed by workflow effects. */
@Entity('tasks')
@Index(['department', 'status'])
@Index(['evaluationId'])
export class TaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'evaluation_id', type: 'varchar', length: 36 })
  evaluationId: string;

  @Column({ name: 'task_key', type: 'varchar', length: 20 })
  taskKey: string; // the key the workflow gave it (t1, t2, ...)

  @Column({ type: 'varchar', length: 30 })
  stage: string;

  @Column({ type: 'varchar', length: 40 })
  department: string;

  @Column({ name: 'allowed_outcomes', type: 'text' })
  allowedOutcomes: string; // JSON string[]

  @Column({ type: 'varchar', length: 10 })
  status: 'open' | 'done' | 'cancelled';

  @Column({ type: 'varchar', length: 30, nullable: true })
  outcome: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'time_limit_working_days', type: 'integer', nullable: true })
  timeLimitWorkingDays: number | null;

  @Column({ name: 'opened_at', type: 'varchar', length: 30 })
  openedAt: string;

  @Column({ name: 'closed_at', type: 'varchar', length: 30, nullable: true })
  closedAt: string | null;

  @Column({ name: 'completed_by', type: 'varchar', length: 36, nullable: true })
  completedBy: string | null; // the key id ('scheduler' for a deemed answer)

  @Column({ name: 'completed_by_name', type: 'varchar', length: 200, nullable: true })
  completedByName: string | null; // that key's name when it completed the task

  // Deadlines (src/deadlines): computed when the task opens, null without a time limit (or a reminder /
  // escalation in the stage's meta). The scheduler claims remind_at / escalate_at by setting reminded_at /
  // escalated_at where they are still null.
  @Column({ name: 'due_at', type: 'varchar', length: 30, nullable: true })
  dueAt: string | null;

  @Column({ name: 'remind_at', type: 'varchar', length: 30, nullable: true })
  remindAt: string | null;

  @Column({ name: 'escalate_at', type: 'varchar', length: 30, nullable: true })
  escalateAt: string | null;

  @Column({ name: 'reminded_at', type: 'varchar', length: 30, nullable: true })
  remindedAt: string | null;

  @Column({ name: 'escalated_at', type: 'varchar', length: 30, nullable: true })
  escalatedAt: string | null;
}
