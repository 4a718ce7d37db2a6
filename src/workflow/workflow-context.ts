import { copyJson } from '../decision/json-copy';
import type { DecisionInContext, DecisionOutcome, WorkflowInput, WorkflowTask } from './workflow.types';

/** A report the case waits for: the phase, and its due date where the facts give one. */
export interface AwaitedPhase {
  phase: string;
  dueOn: string | null; // YYYY-MM-DD, from a derived fact of the last decision
}

/** The machine's context. Plain JSON only: it is persisted inside the snapshot. */
export interface WorkflowContext {
  competentDepartment: string;
  decision: DecisionInContext;
  /** Every task the case ever had, in opening order; closed tasks stay as the record of who did what. */
  tasks: WorkflowTask[];
  /** Number of tasks opened so far; the next task is `t${taskCounter + 1}`. */
  taskCounter: number;
  /** Sequential countersign (依次): index in decision.route.countersign of the department asked now. */
  countersignPosition: number;
  /** What the last return asked the applicant to supply (一次性告知); cleared on resubmission. */
  returnComment: string | null;
  outcome: DecisionOutcome | null;
  conditions: string[];
  /** Why the competent department decided otherwise than a hard stop demands; null when nothing was overridden. */
  overrideReason: string | null;
  withdrawReason: string | null;
  /** For a type assessed in phases: the phase the case is in (the last one submitted); null otherwise. */
  phase: string | null;
  /** The phase submission the case waits for, between phases; null when it waits for none. */
  awaiting: AwaitedPhase | null;
}

/** The fields of a Decision the workflow keeps, sharing the decision's objects. */
export function outlineOf(decision: DecisionInContext): DecisionInContext {
  const { definitionHash, submittedAt, level, score, route, hardStops, derivedFacts } = decision;
  return { definitionHash, submittedAt, level, score, route, hardStops, derivedFacts };
}

export function decisionInContext(decision: DecisionInContext): DecisionInContext {
  // Copied so the context never shares objects with the caller's Decision.
  return copyJson(outlineOf(decision));
}

export function initialContext(input: WorkflowInput): WorkflowContext {
  return {
    competentDepartment: input.competentDepartment,
    decision: decisionInContext(input.decision),
    tasks: [],
    taskCounter: 0,
    countersignPosition: 0,
    returnComment: null,
    outcome: null,
    conditions: [],
    overrideReason: null,
    withdrawReason: null,
    phase: input.phase ?? null,
    awaiting: null,
  };
}

export function openTasksOf(context: Pick<WorkflowContext, 'tasks'>): WorkflowTask[] {
  return context.tasks.filter((task) => task.status === 'open');
}

/** The phase a persisted snapshot (a TransitionResult's, or a stored one) waits for, or null. */
export function awaitedPhaseOf(snapshot: unknown): AwaitedPhase | null {
  const context = (snapshot as { context?: Partial<WorkflowContext> } | null)?.context;
  return context?.awaiting ?? null;
}
