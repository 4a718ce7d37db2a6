import type { LocalizedText } from '../definitions/definition.types';
import type { NotificationEntity } from './notification.entity';

export const NOTIFICATION_KINDS = ['reminder', 'escalation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A deadline notice as the API shows it. */
export interface NotificationView {
  id: string;
  kind: NotificationKind; // reminder (催办): due soon; escalation (超时): overdue
  department: string; // the recipient
  taskId: string;
  evaluationId: string;
  stage: string;
  taskDepartment: string; // the department holding the task
  dueAt: string;
  message: LocalizedText;
  escalatedTo: string | null; // escalations: the supervising department notified
  deemedOutcome: string | null; // escalations with an automatic answer: the outcome recorded
  createdAt: string;
}

export function toNotificationView(n: NotificationEntity): NotificationView {
  const detail = JSON.parse(n.detail) as { escalatedTo?: string; deemedOutcome?: string | null };
  return {
    id: n.id,
    kind: n.kind,
    department: n.department,
    taskId: n.taskId,
    evaluationId: n.evaluationId,
    stage: n.stage,
    taskDepartment: n.taskDepartment,
    dueAt: n.dueAt,
    message: JSON.parse(n.message) as LocalizedText,
    escalatedTo: detail.escalatedTo ?? null,
    deemedOutcome: detail.deemedOutcome ?? null,
    createdAt: n.createdAt,
  };
}
