import type { LocalizedText, WorkflowDefinition } from './definition.types';

/** The zh/en label a workflow file gives a state, for list views that do not run the machine. */
export function stateLabel(workflow: WorkflowDefinition, state: string): LocalizedText | null {
  const node = workflow.machine.states[state] as { meta?: { label?: LocalizedText } } | undefined;
  return node?.meta?.label ?? null;
}
