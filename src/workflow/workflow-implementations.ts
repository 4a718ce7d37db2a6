/**
 * The guards and actions that workflows/*.json refer to by name, implemented once. Actions only `assign`
 * (no side effects, no clock), so xstate's pure `transition()` fully determines the next snapshot and the
 * shell learns what to do from the difference between two contexts.
 */
import { assign, setup } from 'xstate';
import { DomainError } from '../common/domain-error';
import { COUNTERSIGN_MODES, type CountersignMode } from '../decision/rule-set.types';
import { type WorkflowDefinition } from './workflow-definition.types';
import { readTaskStates, STAGES, type TaskStateIndex } from './task-states';
import { decisionInContext, initialContext, openTasksOf, type WorkflowContext } from './workflow-context';
import {
  STAGE_OUTCOMES,
  type DecisionOutcome,
  type Stage,
  type TaskOutcome,
  type WorkflowEvent,
  type WorkflowInput,
  type WorkflowTask,
} from './workflow.types';

export const WORKFLOW_GUARD_NAMES = [
  'outcomeIs',
  'noOtherTaskOpen',
  'routeAsksExpertReview',
  'routeAsksLegalityReview',
  'routeHasNoCountersign',
  'routeModeIs',
  'routedDepartmentsRemain',
  'phaseIs',
] as const;
export type WorkflowGuardName = (typeof WORKFLOW_GUARD_NAMES)[number];

export const WORKFLOW_ACTION_NAMES = [
  'openTask',
  'openFirstRoutedTask',
  'openNextRoutedTask',
  'recordOutcome',
  'recordDecision',
  'cancelOpenTasks',
  'takeNewDecision',
  'recordWithdrawal',
  'awaitPhase',
  'takePhaseDecision',
] as const;
export type WorkflowActionName = (typeof WORKFLOW_ACTION_NAMES)[number];

/** Phase ids and derived-fact names are data: any well-formed name. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const FACT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ALL_OUTCOMES = [...new Set(Object.values(STAGE_OUTCOMES).flat())] as TaskOutcome[];

/**
 * The parameters each guard or action takes and the values each may have, so the loader can check
 * `{ "type": "outcomeIs", "params": { "outcome": "accept" } }` without building a machine.
 * A name missing here takes no parameters.
 */
export const WORKFLOW_PARAMS: Partial<
  Record<WorkflowGuardName | WorkflowActionName, Record<string, readonly string[] | RegExp>>
> = {
  outcomeIs: { outcome: ALL_OUTCOMES },
  routeModeIs: { mode: COUNTERSIGN_MODES },
  openTask: { stage: STAGES },
  openFirstRoutedTask: { stage: STAGES },
  openNextRoutedTask: { stage: STAGES },
  phaseIs: { phase: NAME },
  awaitPhase: { phase: NAME, dueOnFact: FACT_NAME },
};

type Completion = Extract<WorkflowEvent, { type: 'TASK_COMPLETED' }>;
const isCompletion = (event: WorkflowEvent): event is Completion => event.type === 'TASK_COMPLETED';

/** What a machine built without input is refused with (see the context factory below). */
const NO_INPUT = new Error('A workflow actor needs its input: the competent department and the decision');

const text = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);

const workflowGuards = {
  outcomeIs: ({ event }: { event: WorkflowEvent }, params: { outcome: TaskOutcome }) =>
    isCompletion(event) && event.outcome === params.outcome,
  /** The completed task is the last one open in its stage (all answered). */
  noOtherTaskOpen: ({ context, event }: { context: WorkflowContext; event: WorkflowEvent }) =>
    isCompletion(event) && openTasksOf(context).every((task) => task.key === event.taskKey),
  routeAsksExpertReview: ({ context }: { context: WorkflowContext }) => context.decision.route.expertReview,
  routeAsksLegalityReview: ({ context }: { context: WorkflowContext }) =>
    context.decision.route.legalityReview,
  routeHasNoCountersign: ({ context }: { context: WorkflowContext }) =>
    context.decision.route.countersign.length === 0,
  routeModeIs: ({ context }: { context: WorkflowContext }, params: { mode: CountersignMode }) =>
    context.decision.route.mode === params.mode,
  /** Sequential countersign: a routed department after the one asked now is still to be asked. */
  routedDepartmentsRemain: ({ context }: { context: WorkflowContext }) =>
    context.countersignPosition + 1 < context.decision.route.countersign.length,
  /** The case is in this phase (the phase last submitted). */
  phaseIs: ({ context }: { context: WorkflowContext }, params: { phase: string }) =>
    context.phase === params.phase,
} satisfies Record<WorkflowGuardName, unknown>;

/**
 * Builds the machine of one workflow file. Actions close over the file's task states, because meta says
 * who works a stage. The file carries no context (JSON cannot hold the factory): the context is made from
 * the input here, so a file is the procedure and nothing else.
 */
export function createWorkflowMachine(
  { machine, file }: Pick<WorkflowDefinition, 'machine' | 'file'>,
  taskStates: TaskStateIndex = readTaskStates(machine, file),
) {
  const departmentsFor = (stage: Stage, context: WorkflowContext): string[] => {
    const meta = taskStates[stage];
    if (!meta)
      throw new DomainError('definition.invalid', `${file}: no task state declares stage "${stage}"`, {
        stage,
      });
    if (meta.department === '$competent') return [context.competentDepartment];
    if (meta.department === '$route')
      return context.decision.route.countersign.map((step) => step.department);
    return [meta.department];
  };

  const withNewTasks = (context: WorkflowContext, stage: Stage, departments: string[]) => {
    const created: WorkflowTask[] = departments.map((department, i) => ({
      key: `t${context.taskCounter + i + 1}`,
      stage,
      department,
      allowedOutcomes: [...STAGE_OUTCOMES[stage]],
      status: 'open',
    }));
    return { tasks: [...context.tasks, ...created], taskCounter: context.taskCounter + created.length };
  };

  // "$comment" is for people reading the file; xstate has no use for it.
  const { $comment: _comment, ...config } = machine;

  return setup({
    types: {} as { context: WorkflowContext; events: WorkflowEvent; input: WorkflowInput },
    guards: workflowGuards,
    actions: {
      /** Opens the stage's task; a `$route` stage opens one task per routed department at once. */
      openTask: assign(({ context }, params: { stage: Stage }) =>
        withNewTasks(context, params.stage, departmentsFor(params.stage, context)),
      ),
      openFirstRoutedTask: assign(({ context }, params: { stage: Stage }) => ({
        ...withNewTasks(context, params.stage, departmentsFor(params.stage, context).slice(0, 1)),
        countersignPosition: 0,
      })),
      openNextRoutedTask: assign(({ context }, params: { stage: Stage }) => {
        const position = context.countersignPosition + 1;
        const next = departmentsFor(params.stage, context).slice(position, position + 1);
        return { ...withNewTasks(context, params.stage, next), countersignPosition: position };
      }),
      recordOutcome: assign(({ context, event }) => {
        if (!isCompletion(event)) return {};
        const comment = text(event.comment);
        return {
          // Marked done whatever its status: exit actions run before transition actions, though
          // cancelOpenTasks spares the task being completed anyway.
          tasks: context.tasks.map((task) =>
            task.key === event.taskKey
              ? { ...task, status: 'done' as const, outcome: event.outcome, comment }
              : task,
          ),
          ...(event.outcome === 'return' ? { returnComment: comment } : {}),
        };
      }),
      recordDecision: assign(({ context, event }) => {
        if (!isCompletion(event)) return {};
        const outcome = event.outcome as DecisionOutcome;
        // Only a departure from what a hard stop demands is an override; anything else would be noise.
        const overrides = context.decision.hardStops.length > 0 && outcome !== 'not-recommended';
        return {
          outcome,
          conditions:
            outcome === 'pass-with-conditions'
              ? (event.conditions ?? []).map((c) => c.trim()).filter(Boolean)
              : [],
          overrideReason: overrides ? text(event.overrideReason) : null,
        };
      }),
      /** What is still open when a stage is left is cancelled, except the task whose completion leaves it. */
      cancelOpenTasks: assign(({ context, event }) => {
        const completing = isCompletion(event) ? event.taskKey : null;
        return {
          tasks: context.tasks.map((task) =>
            task.status === 'open' && task.key !== completing
              ? { ...task, status: 'cancelled' as const }
              : task,
          ),
        };
      }),
      takeNewDecision: assign(({ event }) =>
        event.type === 'RESUBMIT' ? { decision: decisionInContext(event.decision), returnComment: null } : {},
      ),
      recordWithdrawal: assign(({ event }) =>
        event.type === 'WITHDRAW' ? { withdrawReason: text(event.reason) } : {},
      ),
      /**
       * The case now waits for the applicant's submission of `phase`; its due date is the value of the
       * derived fact `dueOnFact` of the decision in force (a date the facts gave, such as the date the task
       * contract sets for the mid-term report), or null where the facts give none.
       */
      awaitPhase: assign(({ context }, params: { phase: string; dueOnFact: string }) => {
        const due = context.decision.derivedFacts?.[params.dueOnFact];
        return { awaiting: { phase: params.phase, dueOn: typeof due === 'string' ? due : null } };
      }),
      /** A phase submission: its decision steers the case from now on, in that phase. */
      takePhaseDecision: assign(({ event }) =>
        event.type === 'PHASE_SUBMITTED'
          ? { decision: decisionInContext(event.decision), phase: event.phase, awaiting: null }
          : {},
      ),
    },
  }).createMachine({
    ...(config as object),
    context: ({ input }: { input: WorkflowInput | undefined }) => {
      // xstate's transition functions build a throwaway actor without input, whose initial snapshot they
      // discard; refusing it with an error made once spares a stack trace on every transition.
      if (!input) throw NO_INPUT;
      return initialContext(input);
    },
  } as never);
}
export type WorkflowMachine = ReturnType<typeof createWorkflowMachine>;
