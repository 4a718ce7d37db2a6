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
  caseTitle: string | null; // null: the reader may not read the case, and the message does not name it
  message: LocalizedText;
  escalatedTo: string | null; // escalations: the supervising department notified
  deemedOutcome: string | null; // escalations with an automatic answer: the outcome recorded
  createdAt: string;
}

/**
 * `subject`: the case's title and whether the reader may read the case. The stored message quotes the title
 * (「…」 in Chinese, "…" in English, deadline-notices.ts); for a reader who may not read the case it is
 * replaced by a neutral reference to the case id, which the notice carries anyway.
 */
export function toNotificationView(
  n: NotificationEntity,
  subject: { title: string; readable: boolean },
): NotificationView {
  const detail = JSON.parse(n.detail) as { escalatedTo?: string; deemedOutcome?: string | null };
  const message = JSON.parse(n.message) as LocalizedText;
  const ref = n.evaluationId.slice(0, 8);
  return {
    id: n.id,
    kind: n.kind,
    department: n.department,
    taskId: n.taskId,
    evaluationId: n.evaluationId,
    stage: n.stage,
    taskDepartment: n.taskDepartment,
    dueAt: n.dueAt,
    caseTitle: subject.readable ? subject.title : null,
    message: subject.readable
      ? message
      : {
          zh: message.zh.split(`「${subject.title}」`).join(`案件 ${ref}`),
          en: message.en.split(`"${subject.title}"`).join(`case ${ref}`),
        },
    escalatedTo: detail.escalatedTo ?? null,
    deemedOutcome: detail.deemedOutcome ?? null,
    createdAt: n.createdAt,
  };
}
