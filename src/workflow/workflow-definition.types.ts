/** What a workflow is to the workflow core: the loader (src/definitions) builds it from workflows/<name>.json. */

/** workflows/<type>.json — a plain xstate v5 machine config (JSON). */
export type MachineConfigJson = Record<string, unknown> & {
  id: string;
  initial: string;
  states: Record<string, unknown>;
};

export interface WorkflowDefinition {
  type: string; // the activity type this workflow was loaded for
  hash: string; // sha-256 (hex) of the canonical JSON of the machine config
  file: string;
  machine: MachineConfigJson;
}
