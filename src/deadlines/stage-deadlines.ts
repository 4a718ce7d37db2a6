/**
 * What a workflow file says about the deadlines of each stage, read from the task state's meta:
 *
 *   "meta": { "stage": "countersign", "department": "$route", "timeLimitWorkingDays": 10,
 *             "reminder": { "beforeWorkingDays": 2 },
 *             "escalation": { "to": "ipo", "deemedOutcome": "approve" } }
 *
 * reminder (催办): the task's department is reminded at 00:00 China time of the working day that lies
 * beforeWorkingDays working days before the due day.
 * escalation (超时): once the task is overdue, the escalation department ("to": a department code, or
 * "$competent", the case's competent department) is notified and the lapse is recorded in the trail. The
 * task stays with its department. With "deemedOutcome" (countersign only, see DEEMED_OUTCOMES) the overdue
 * task is also completed with that outcome, as 逾期未反馈视为同意 rules provide, through the same workflow
 * transition a reviewer's answer takes.
 *
 * Pure: the loader checks the meta (src/definitions/verify-deadline-meta.ts); this reads checked files.
 */
import type { LocalizedText, WorkflowDefinition, WorkingDayCalendar } from '../definitions/definition.types';
import { STAGE_OUTCOMES, type Stage, type TaskOutcome } from '../workflow/workflow.types';
import { addWorkingDays, reminderTime } from '../calendar/working-days';

/** Departments known only per case that an escalation may name: the one that decides the case. */
export const ESCALATION_PLACEHOLDERS = ['$competent'] as const;

/**
 * Where an overdue task may be completed by the scheduler, and with which outcomes. Only the countersign:
 * a department that does not answer a 会签 in time may be deemed to agree (or object), but an intake, an
 * expert opinion, a legality review (重大行政决策程序暂行条例 Art. 26 forbids deciding without one), a
 * decision or the follow-up of conditions cannot be presumed. Outcomes that need a comment (return) are
 * excluded: the scheduler has nothing to say.
 */
export const DEEMED_OUTCOMES: Partial<Record<Stage, readonly TaskOutcome[]>> = {
  countersign: ['approve', 'object'],
};

export interface StageDeadline {
  stage: Stage;
  label: LocalizedText; // the task state's label, for the notices
  timeLimitWorkingDays: number | null;
  reminder: { beforeWorkingDays: number } | null;
  escalation: { to: string; deemedOutcome: TaskOutcome | null } | null;
}

export type StageDeadlines = Partial<Record<Stage, StageDeadline>>;

interface StateJson {
  meta?: {
    label?: LocalizedText;
    stage?: Stage;
    timeLimitWorkingDays?: number;
    reminder?: { beforeWorkingDays: number };
    escalation?: { to: string; deemedOutcome?: TaskOutcome };
  };
  states?: Record<string, StateJson>;
}

// Keyed by workflow hash: a hash names one immutable file.
const cache = new Map<string, StageDeadlines>();

export function stageDeadlinesOf(workflow: WorkflowDefinition): StageDeadlines {
  let deadlines = cache.get(workflow.hash);
  if (!deadlines) {
    deadlines = {};
    collect(workflow.machine.states as Record<string, StateJson>, deadlines);
    cache.set(workflow.hash, deadlines);
  }
  return deadlines;
}

function collect(states: Record<string, StateJson> | undefined, into: StageDeadlines): void {
  for (const state of Object.values(states ?? {})) {
    const meta = state.meta;
    if (meta?.stage !== undefined && meta.stage in STAGE_OUTCOMES) {
      into[meta.stage] = {
        stage: meta.stage,
        label: meta.label ?? { zh: meta.stage, en: meta.stage },
        timeLimitWorkingDays: meta.timeLimitWorkingDays ?? null,
        reminder: meta.reminder ? { beforeWorkingDays: meta.reminder.beforeWorkingDays } : null,
        escalation: meta.escalation
          ? { to: meta.escalation.to, deemedOutcome: meta.escalation.deemedOutcome ?? null }
          : null,
      };
    }
    collect(state.states, into);
  }
}

/** The deadline times stored on a task row (ISO instants), null where the stage sets none. */
export interface TaskDeadlineTimes {
  dueAt: string | null;
  remindAt: string | null;
  escalateAt: string | null;
}

/**
 * The times of a task opened at `openedAt`: due at the end of the limit's last working day, reminded at
 * the start of the working day `beforeWorkingDays` before the due day, escalated the moment it is overdue.
 */
export function taskDeadlineTimes(
  openedAt: Date,
  timeLimitWorkingDays: number | null,
  stage: StageDeadline | undefined,
  calendar: WorkingDayCalendar,
): TaskDeadlineTimes {
  if (timeLimitWorkingDays === null) return { dueAt: null, remindAt: null, escalateAt: null };
  const due = addWorkingDays(openedAt, timeLimitWorkingDays, calendar);
  const reminder = stage?.reminder;
  return {
    dueAt: due.toISOString(),
    remindAt: reminder
      ? reminderTime(openedAt, timeLimitWorkingDays, reminder.beforeWorkingDays, calendar).toISOString()
      : null,
    escalateAt: stage?.escalation ? new Date(due.getTime() + 1).toISOString() : null,
  };
}
