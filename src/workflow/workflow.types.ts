import type { Decision } from '../decision/decision.types';
import type { LocalizedText } from '../decision/rule-set.types';

/** Stages a task can belong to; each has its outcomes (docs/domain.md §7). */
export type Stage =
  'intake' | 'expert-review' | 'countersign' | 'legality-review' | 'decision' | 'conditions';

export const STAGE_OUTCOMES = {
  intake: ['accept', 'return'],
  'expert-review': ['approve', 'object', 'return'],
  countersign: ['approve', 'object', 'return'],
  'legality-review': ['approve', 'object', 'return'],
  decision: ['pass', 'pass-with-conditions', 'defer', 'not-recommended'],
  conditions: ['fulfilled'],
} as const satisfies Record<Stage, readonly string[]>;
export type TaskOutcome = (typeof STAGE_OUTCOMES)[Stage][number];
export type DecisionOutcome = (typeof STAGE_OUTCOMES)['decision'][number];

/** A task as the machine keeps it in its context. `key` is stable within the case (t1, t2, ...). */
export interface WorkflowTask {
  key: string;
  stage: Stage;
  department: string;
  allowedOutcomes: TaskOutcome[];
  status: 'open' | 'done' | 'cancelled';
  outcome?: TaskOutcome;
  comment?: string | null;
}

/** Input to the machine when a case is submitted. */
export interface WorkflowInput {
  competentDepartment: string;
  decision: Decision;
}

export type WorkflowEvent =
  | {
      type: 'TASK_COMPLETED';
      taskKey: string;
      outcome: TaskOutcome;
      comment?: string | null;
      conditions?: string[] | null;
      overrideReason?: string | null;
    }
  | { type: 'RESUBMIT'; decision: Decision }
  | { type: 'WITHDRAW'; reason?: string | null };

/** A task to open, as the service persists it. */
export interface TaskToOpen {
  key: string;
  stage: Stage;
  department: string;
  allowedOutcomes: TaskOutcome[];
  timeLimitWorkingDays: number | null; // from the state's meta in the workflow file
}

/** What a transition asks the shell to do, besides saving the snapshot. */
export interface WorkflowEffects {
  openTasks: TaskToOpen[];
  closeTasks: { key: string; status: 'done' | 'cancelled' }[];
}

/** The persisted shape of a case's workflow state. */
export interface WorkflowState {
  snapshot: unknown; // xstate getPersistedSnapshot() output, stored as JSON
  state: string; // the current state node name, e.g. "countersign"
  label: LocalizedText;
  status: 'open' | 'closed';
  outcome: DecisionOutcome | null;
  conditions: string[];
  overrideReason: string | null;
}

export interface TransitionResult extends WorkflowState {
  effects: WorkflowEffects;
}
