/**
 * The pure workflow core: (definition, persisted snapshot, event) -> next persisted snapshot + effects.
 * xstate's `initialTransition` / `transition` compute the next snapshot without an actor and without
 * running anything; every action is an `assign`, so the snapshot is the whole result. The shell opens and
 * closes task rows from `effects` and stores `snapshot` as JSON.
 */
import {
  getNextTransitions,
  initialTransition,
  transition as xstateTransition,
  type AnyMachineSnapshot,
  type SnapshotFrom,
} from 'xstate';
import { DomainError } from '../common/domain-error';
import type { WorkflowDefinition } from './workflow-definition.types';
import { assertEventAcceptable } from './event-rules';
import { readTaskStates, topLevelLabel, type TaskStateIndex } from './task-states';
import { openTasksOf, type WorkflowContext } from './workflow-context';
import { createWorkflowMachine, type WorkflowMachine } from './workflow-implementations';
import type {
  TransitionResult,
  WorkflowEffects,
  WorkflowEvent,
  WorkflowInput,
  WorkflowTask,
} from './workflow.types';

type WorkflowSnapshot = SnapshotFrom<WorkflowMachine>;

interface BuiltWorkflow {
  machine: WorkflowMachine;
  taskStates: TaskStateIndex;
}

// Keyed by content hash: a hash names one immutable file, and there are only a handful of versions.
const built = new Map<string, BuiltWorkflow>();

function build(definition: WorkflowDefinition): BuiltWorkflow {
  let entry = built.get(definition.hash);
  if (!entry) {
    const taskStates = readTaskStates(definition.machine, definition.file);
    entry = { machine: createWorkflowMachine(definition, taskStates), taskStates };
    built.set(definition.hash, entry);
  }
  return entry;
}

/** The first state of a newly submitted case (intake, with its task opened). */
export function initialState(definition: WorkflowDefinition, input: WorkflowInput): TransitionResult {
  const workflow = build(definition);
  const [next] = initialTransition(workflow.machine, input);
  return toResult(definition, workflow, [], next);
}

/** Applies one event to a persisted snapshot. Refusals throw DomainError; nothing is ever silently ignored. */
export function transition(
  definition: WorkflowDefinition,
  snapshot: unknown,
  event: WorkflowEvent,
): TransitionResult {
  const workflow = build(definition);
  const current = restore(workflow.machine, snapshot);
  const context = current.context;
  const state = stateKeyOf(current.value);

  const handled = new Set(
    getNextTransitions(current as unknown as AnyMachineSnapshot).map((t) => t.eventType),
  );
  assertEventAcceptable(context, handled, state, event);
  // The rules above name the precise reason; this catches whatever else the file's guards refuse.
  if (!current.can(event)) {
    throw new DomainError('workflow.event-not-allowed', `${event.type} is not accepted in state "${state}"`, {
      event: event.type,
      state,
    });
  }
  const [next] = xstateTransition(workflow.machine, current, event);
  return toResult(definition, workflow, context.tasks, next);
}

/** Rebuilds a live snapshot from its persisted JSON; the machine has no children or history to revive. */
function restore(machine: WorkflowMachine, persisted: unknown): WorkflowSnapshot {
  const candidate = persisted as { value?: unknown; context?: unknown } | null;
  if (!candidate || typeof candidate !== 'object' || candidate.value === undefined || !candidate.context) {
    throw new Error('not a persisted workflow snapshot: value and context are required');
  }
  return machine.resolveState({
    value: candidate.value as never,
    context: candidate.context as WorkflowContext,
  });
}

function toResult(
  definition: WorkflowDefinition,
  workflow: BuiltWorkflow,
  tasksBefore: WorkflowTask[],
  next: WorkflowSnapshot,
): TransitionResult {
  // A throwing action leaves an error snapshot behind; it must never be persisted as if it were a state.
  if (next.status === 'error') throw next.error;
  const context = next.context;
  const state = stateKeyOf(next.value);
  // Through JSON once, so what we hand back is exactly what the database will give us again; the text is
  // what the database is given.
  const snapshotJson = JSON.stringify(workflow.machine.getPersistedSnapshot(next));
  return {
    snapshot: JSON.parse(snapshotJson) as unknown,
    snapshotJson,
    state,
    label: topLevelLabel(definition.machine, state),
    status: next.status === 'done' ? 'closed' : 'open',
    outcome: context.outcome,
    conditions: context.conditions,
    overrideReason: context.overrideReason,
    effects: taskEffects(tasksBefore, context.tasks, workflow.taskStates),
  };
}

/** The API shows the top-level state: "countersign", not which countersign mode is running inside it. */
function stateKeyOf(value: unknown): string {
  return typeof value === 'string' ? value : Object.keys(value as Record<string, unknown>)[0];
}

function taskEffects(
  before: WorkflowTask[],
  after: WorkflowTask[],
  taskStates: TaskStateIndex,
): WorkflowEffects {
  const openBefore = new Set(openTasksOf({ tasks: before }).map((task) => task.key));
  return {
    openTasks: openTasksOf({ tasks: after })
      .filter((task) => !openBefore.has(task.key))
      .map(({ key, stage, department, allowedOutcomes }) => ({
        key,
        stage,
        department,
        allowedOutcomes,
        timeLimitWorkingDays: taskStates[stage]?.timeLimitWorkingDays ?? null,
      })),
    closeTasks: after
      .filter((task) => openBefore.has(task.key) && task.status !== 'open')
      .map((task) => ({ key: task.key, status: task.status as 'done' | 'cancelled' })),
  };
}
