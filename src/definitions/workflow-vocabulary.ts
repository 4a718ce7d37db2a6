/** The names the workflow implementation provides, as the loader checks workflow files against them. */
import { DEPARTMENT_PLACEHOLDERS } from '../workflow/task-states';
import {
  WORKFLOW_ACTION_NAMES,
  WORKFLOW_GUARD_NAMES,
  WORKFLOW_PARAMS,
} from '../workflow/workflow-implementations';
import type { WorkflowEvent } from '../workflow/workflow.types';
import type { WorkflowVocabulary } from './verify-workflow';

/** A vocabulary without the departments, which come from rules/departments.json. */
export type WorkflowNames = Omit<WorkflowVocabulary, 'departments'>;

// A Record over the union: adding an event type to WorkflowEvent without listing it here fails to compile.
const SENT_EVENTS: Record<WorkflowEvent['type'], true> = {
  TASK_COMPLETED: true,
  RESUBMIT: true,
  WITHDRAW: true,
  PHASE_SUBMITTED: true,
};

/** The events the service sends a case; a workflow listening for any other would wait forever. */
export const WORKFLOW_EVENT_TYPES = Object.keys(SENT_EVENTS) as readonly WorkflowEvent['type'][];

export const IMPLEMENTED_WORKFLOW_NAMES: WorkflowNames = {
  guards: WORKFLOW_GUARD_NAMES,
  actions: WORKFLOW_ACTION_NAMES,
  params: WORKFLOW_PARAMS,
  departmentPlaceholders: DEPARTMENT_PLACEHOLDERS,
  events: WORKFLOW_EVENT_TYPES,
};
