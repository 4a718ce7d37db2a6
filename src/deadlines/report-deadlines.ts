/**
 * The deadline of a report a case waits for between phases (a type assessed in phases: the mid-term report,
 * the acceptance), read from the waiting state of the workflow file:
 *
 *   "running-to-midterm": {
 *     "meta": { "label": {...}, "reportReminder": { "beforeWorkingDays": 10 } },
 *     "entry": { "type": "awaitPhase", "params": { "phase": "midterm", "dueOnFact": "midtermReportDueOn" } } }
 *
 * The due date itself comes from the facts (awaitPhase.dueOnFact, kept on the case as awaiting.dueOn).
 * reportReminder (催交): the competent department is reminded at 00:00 China time of the working day that
 * lies beforeWorkingDays working days before the due date. Overdue (逾期未交): from 00:00 China time of the day
 * after the due date, the competent department is told once, with or without a reminder before. Generic:
 * any workflow whose state awaits a phase gets the overdue notice, and the reminder where it asks for one.
 *
 * Pure: the loader checks the meta; this reads checked files.
 */
import type { LocalizedText, WorkflowDefinition, WorkingDayCalendar } from '../definitions/definition.types';
import { dayOf, nthWorkingDayBefore, startOfChinaDay } from '../calendar/working-days';

/** The action that makes a state wait for a phase submission (src/workflow/workflow-implementations.ts). */
const AWAIT_PHASE_ACTION = 'awaitPhase';

export interface AwaitedReport {
  phase: string;
  label: LocalizedText; // the waiting state's label, for the notices
  reminder: { beforeWorkingDays: number } | null;
}

interface StateJson {
  meta?: { label?: LocalizedText; reportReminder?: { beforeWorkingDays: number } };
  entry?: unknown;
  states?: Record<string, StateJson>;
}

// Keyed by workflow hash: a hash names one immutable file.
const cache = new Map<string, Partial<Record<string, AwaitedReport>>>();

/** The reports a workflow waits for, by phase. */
export function awaitedReportsOf(workflow: WorkflowDefinition): Partial<Record<string, AwaitedReport>> {
  let reports = cache.get(workflow.hash);
  if (!reports) {
    const found: Record<string, AwaitedReport> = {};
    collect(workflow.machine.states as Record<string, StateJson>, found);
    cache.set(workflow.hash, (reports = found));
  }
  return reports;
}

function collect(states: Record<string, StateJson> | undefined, into: Record<string, AwaitedReport>): void {
  for (const state of Object.values(states ?? {})) {
    for (const phase of phasesAwaitedOnEntry(state.entry)) {
      const reminder = state.meta?.reportReminder;
      into[phase] = {
        phase,
        label: state.meta?.label ?? { zh: phase, en: phase },
        reminder: reminder ? { beforeWorkingDays: reminder.beforeWorkingDays } : null,
      };
    }
    collect(state.states, into);
  }
}

/** The phases an entry (one action, or a list) awaits: `{ type: "awaitPhase", params: { phase } }`. */
export function phasesAwaitedOnEntry(entry: unknown): string[] {
  return (Array.isArray(entry) ? entry : [entry]).flatMap((action: unknown) => {
    const { type, params } = (typeof action === 'object' && action !== null ? action : {}) as {
      type?: unknown;
      params?: { phase?: unknown };
    };
    return type === AWAIT_PHASE_ACTION && typeof params?.phase === 'string' ? [params.phase] : [];
  });
}

export interface ReportDeadlineTimes {
  remindAt: string | null; // ISO instant; null without a due date or a reportReminder
  overdueAt: string | null; // ISO instant; null without a due date
}

/** When the competent department is reminded of a report due on `dueOn` (YYYY-MM-DD), and told it is overdue. */
export function reportDeadlineTimes(
  dueOn: string | null,
  report: AwaitedReport | undefined,
  calendar: WorkingDayCalendar,
): ReportDeadlineTimes {
  if (dueOn === null) return { remindAt: null, overdueAt: null };
  const due = dayOf(dueOn);
  const before = report?.reminder?.beforeWorkingDays;
  return {
    remindAt:
      before === undefined ? null : startOfChinaDay(nthWorkingDayBefore(due, before, calendar)).toISOString(),
    overdueAt: startOfChinaDay(due + 1).toISOString(),
  };
}
