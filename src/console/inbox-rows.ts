import type { EvaluationSummary } from '../evaluations/evaluation.view';
import type { TaskView } from '../tasks/task.view';

export interface InboxFilter {
  status: 'open' | 'done';
  type?: string;
  stage?: string;
  level?: string;
  overdue?: 'true' | 'false';
  q?: string;
  page: number;
}

export interface InboxRow {
  task: TaskView;
  case: EvaluationSummary;
}

export const INBOX_PAGE_SIZE = 20;

/**
 * Filters (type, stage, level, text), due-time order and paging of the inbox rows. The task list and the
 * case summaries come from the services (stage and overdue filtered there where they can be); this joins
 * them for the page until the task list carries its case itself.
 */
export function inboxPage(rows: InboxRow[], f: InboxFilter): { rows: InboxRow[]; total: number } {
  const q = f.q?.trim().toLowerCase();
  const kept = rows.filter(
    (r) =>
      (!f.type || r.case.type === f.type) &&
      (!f.stage || r.task.stage === f.stage) &&
      (!f.level || r.case.level === f.level) &&
      (!q || r.case.title.toLowerCase().includes(q) || r.case.applicant.name.toLowerCase().includes(q)),
  );
  // Due first; tasks without a due time last; done tasks newest first.
  kept.sort((a, b) =>
    f.status === 'done'
      ? (b.task.closedAt ?? '').localeCompare(a.task.closedAt ?? '')
      : (a.task.dueAt ?? '\uffff').localeCompare(b.task.dueAt ?? '\uffff') ||
        a.task.openedAt.localeCompare(b.task.openedAt),
  );
  const start = (f.page - 1) * INBOX_PAGE_SIZE;
  return { rows: kept.slice(start, start + INBOX_PAGE_SIZE), total: kept.length };
}
