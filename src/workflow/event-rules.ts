/**
 * Why an event is refused, checked before xstate sees it. The machine alone would just not move; the
 * caller deserves to know whether the task was wrong, the outcome, or something the outcome needs.
 */
import { DomainError } from '../common/domain-error';
import type { WorkflowContext } from './workflow-context';
import { DECIDING_STAGES, HARD_STOP_CONSISTENT_OUTCOMES, type WorkflowEvent } from './workflow.types';

const blank = (value: string | null | undefined): boolean => !value?.trim();

/**
 * @param handledEvents the event types the current state (or an ancestor) has transitions for
 * @param state the state name shown to the caller
 */
export function assertEventAcceptable(
  context: WorkflowContext,
  handledEvents: ReadonlySet<string>,
  state: string,
  event: WorkflowEvent,
): void {
  if (!handledEvents.has(event.type)) {
    throw new DomainError('workflow.event-not-allowed', `${event.type} is not accepted in state "${state}"`, {
      event: event.type,
      state,
    });
  }
  if (event.type === 'TASK_COMPLETED') assertCompletionAcceptable(context, event);
  if (event.type === 'PHASE_SUBMITTED' && context.awaiting?.phase !== event.phase) {
    throw new DomainError(
      'workflow.event-not-allowed',
      `the case waits for ${context.awaiting ? `the "${context.awaiting.phase}" submission` : 'no phase submission'}, not "${event.phase}"`,
      { event: event.type, state, phase: event.phase, awaiting: context.awaiting?.phase ?? null },
    );
  }
}

function assertCompletionAcceptable(
  context: WorkflowContext,
  event: Extract<WorkflowEvent, { type: 'TASK_COMPLETED' }>,
): void {
  const task = context.tasks.find((candidate) => candidate.key === event.taskKey);
  if (!task || task.status !== 'open') {
    throw new DomainError('workflow.task-not-open', `task "${event.taskKey}" is not open on this case`, {
      taskKey: event.taskKey,
      status: task?.status ?? null,
    });
  }
  if (!task.allowedOutcomes.includes(event.outcome)) {
    throw new DomainError(
      'workflow.outcome-not-allowed',
      `"${event.outcome}" is not an outcome of a ${task.stage} task`,
      {
        taskKey: task.key,
        outcome: event.outcome,
        allowedOutcomes: task.allowedOutcomes,
      },
    );
  }
  // 一次性告知: the applicant must learn in one go everything that is missing.
  if (event.outcome === 'return' && blank(event.comment)) {
    throw new DomainError('workflow.comment-required', 'a return must say what is missing', {
      taskKey: task.key,
    });
  }
  if (
    event.outcome === 'pass-with-conditions' &&
    !(event.conditions ?? []).some((condition) => !blank(condition))
  ) {
    throw new DomainError('workflow.conditions-required', 'a pass with conditions must list the conditions', {
      taskKey: task.key,
    });
  }
  // Nothing a reviewer sends is dropped unread: conditions and an override reason belong to a decision that
  // can carry them, and sent anywhere else they are refused rather than silently lost.
  if (event.outcome !== 'pass-with-conditions' && (event.conditions ?? []).length > 0) {
    throw new DomainError('request.invalid', `a "${event.outcome}" outcome takes no conditions`, {
      errors: [
        {
          field: 'conditions',
          reason: 'only a pass-with-conditions decision takes conditions',
          zh: '只有"有条件通过"的决定才可附条件',
        },
      ],
    });
  }
  const hardStops = context.decision.hardStops;
  const deciding = DECIDING_STAGES.includes(task.stage);
  const consistent = HARD_STOP_CONSISTENT_OUTCOMES.includes(event.outcome);
  if (!blank(event.overrideReason) && (!deciding || hardStops.length === 0 || consistent)) {
    throw new DomainError('request.invalid', 'there is no hard stop to override here', {
      errors: [
        {
          field: 'overrideReason',
          reason:
            'only a decision other than not-recommended on a case with hard stops takes an override reason',
          zh: '只有对存在否决项的案件作出"不推荐"以外的决定时，才可说明不适用否决项的理由',
        },
      ],
    });
  }
  if (deciding && hardStops.length > 0 && !consistent && blank(event.overrideReason)) {
    throw new DomainError(
      'workflow.override-required',
      `the decision has hard stops, so "${event.outcome}" needs an override reason; otherwise decide not-recommended`,
      { taskKey: task.key, outcome: event.outcome, hardStops: hardStops.map((stop) => stop.rule) },
    );
  }
}
