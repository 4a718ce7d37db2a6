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
  completedBy: { id: string; name: string | null } | null; // the key that completed it ('scheduler': a deemed answer)
  dueAt: string | null; // end of the last working day of the limit, China time (null: no limit)
  overdue: boolean; // open and past dueAt, as of the request
}

/** `now`: Clock time of the request, against which `overdue` is judged. */
export function toTaskView(t: TaskEntity, now: Date): TaskView {
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
    completedBy: t.completedBy === null ? null : { id: t.completedBy, name: t.completedByName },
    dueAt: t.dueAt,
    overdue: isOverdue(t, now),
  };
}

/** Overdue from the first millisecond after dueAt (both are ISO instants in UTC, so text order is time order). */
export function isOverdue(t: Pick<TaskEntity, 'status' | 'dueAt'>, now: Date): boolean {
  return t.status === 'open' && t.dueAt !== null && now.toISOString() > t.dueAt;
}

/** A task in an inbox: with what the reviewer needs to know of its case without opening it. */
export interface InboxTaskView extends TaskView {
  case: { title: string; type: string; applicantName: string; level: string };
}

export function toInboxTaskView(
  t: TaskEntity,
  c: { title: string; type: string; applicantName: string; level: string },
  now: Date,
): InboxTaskView {
  return {
    ...toTaskView(t, now),
    case: { title: c.title, type: c.type, applicantName: c.applicantName, level: c.level },
  };
}
