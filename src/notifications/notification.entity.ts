import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A notice to a department about a task's deadline: a reminder (催办) before it is due, or an escalation
 * (超时) once it is overdue. Written by the deadline scheduler in the transaction that claims the event,
 * never changed afterwards.
 */
@Entity('notifications')
@Index(['department', 'createdAt'])
@Index(['taskId'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: 'reminder' | 'escalation';

  @Column({ type: 'varchar', length: 40 })
  department: string; // the recipient

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId: string;

  @Column({ name: 'evaluation_id', type: 'varchar', length: 36 })
  evaluationId: string;

  @Column({ type: 'varchar', length: 30 })
  stage: string;

  @Column({ name: 'task_department', type: 'varchar', length: 40 })
  taskDepartment: string; // who holds the task (the recipient itself, or the late department an escalation is about)

  @Column({ name: 'due_at', type: 'varchar', length: 30 })
  dueAt: string;

  @Column({ type: 'text' })
  message: string; // JSON { zh, en }

  @Column({ type: 'text' })
  detail: string; // JSON: escalatedTo, deemedOutcome for escalations; {} for reminders

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
