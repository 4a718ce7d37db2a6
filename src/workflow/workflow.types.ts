import type { Decision } from '../decision/decision.types';
import type { LocalizedText } from '../decision/rule-set.types';

/** Stages a task can belong to; each has its outcomes (docs/domain.md §7). */
export type Stage =
  'intake' | 'expert-review' | 'countersign' | 'legality-review' | 'decision' | 'conditions' | 'acceptance';

export const STAGE_OUTCOMES = {
  intake: ['accept', 'return'],
  'expert-review': ['approve', 'object', 'return'],
  countersign: ['approve', 'object', 'return'],
  'legality-review': ['approve', 'object', 'return'],
  decision: ['pass', 'pass-with-conditions', 'defer', 'not-recommended'],
  conditions: ['fulfilled'],
  // The acceptance of a project assessed in phases (验收): passed (通过), failed (不通过), or to be put
  // right within a time limit (限期整改).
  acceptance: ['pass', 'fail', 'rectify'],
} as const satisfies Record<Stage, readonly string[]>;
export type TaskOutcome = (typeof STAGE_OUTCOMES)[Stage][number];
/** The outcome a case ends with: a decision's, or an acceptance's. */
export type DecisionOutcome = (typeof STAGE_OUTCOMES)['decision' | 'acceptance'][number];
/** Stages whose outcome is the case's; one that goes against a hard stop needs an override reason. */
export const DECIDING_STAGES: readonly Stage[] = ['decision', 'acceptance'];
/** Outcomes that do what a hard stop demands (or do not pass), so they need no override reason. */
export const HARD_STOP_CONSISTENT_OUTCOMES: readonly TaskOutcome[] = ['not-recommended', 'fail', 'rectify'];

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

/**
 * The part of a Decision the workflow keeps. The machine only routes on `route` and `hardStops`; the
 * hash, time, level and score stay so that a snapshot shows which decision the case was steered by.
 * The full Decision (findings, explanation) is stored with the assessment, not copied into every snapshot.
 */
export type DecisionInContext = Pick<
  Decision,
  'definitionHash' | 'submittedAt' | 'level' | 'score' | 'route' | 'hardStops' | 'derivedFacts'
>;

/** Input to the machine when a case is submitted. */
export interface WorkflowInput {
  competentDepartment: string;
  decision: DecisionInContext;
  phase?: string; // for a type assessed in phases: the phase the case is opened with
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
  | { type: 'RESUBMIT'; decision: DecisionInContext }
  // The applicant's submission of a later phase (中期, 验收): that phase's facts, judged by its rules.
  | { type: 'PHASE_SUBMITTED'; phase: string; decision: DecisionInContext }
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
  /** `snapshot` as the JSON text it was parsed from: what the database stores, serialised only once. */
  snapshotJson: string;
}
