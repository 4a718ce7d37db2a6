import type { TaskEntity } from './task.entity';

/** A task as the API shows it. */
export interface TaskView {
  id: string;
  evaluationId: string;
  key: string;
  stage: string;
  department: string;
  allowedOutcomes: string[];
  status: 'open' | 'done' | 'cancelled';
  outcome: string | null;
  comment: string | null;
  timeLimitWorkingDays: number | null;
  openedAt: string;
  closedAt: string | null;
  completedBy: string | null;
}

export function toTaskView(t: TaskEntity): TaskView {
  return {
    id: t.id,
    evaluationId: t.evaluationId,
    key: t.taskKey,
    stage: t.stage,
    department: t.department,
    allowedOutcomes: JSON.parse(t.allowedOutcomes) as string[],
    status: t.status,
    outcome: t.outcome,
    comment: t.comment,
    timeLimitWorkingDays: t.timeLimitWorkingDays,
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    completedBy: t.completedBy,
  };
}
