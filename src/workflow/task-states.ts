import { DomainError } from '../common/domain-error';
import type { LocalizedText } from '../decision/rule-set.types';
import type { MachineConfigJson } from './workflow-definition.types';
import { STAGE_OUTCOMES, type Stage } from './workflow.types';

/**
 * Placeholders a task state may name instead of a department code: the department is only known per case.
 * `$competent`: the competent department named on the case; `$route`: the departments the rules routed to.
 */
export const DEPARTMENT_PLACEHOLDERS = ['$competent', '$route'] as const;
export type DepartmentPlaceholder = (typeof DEPARTMENT_PLACEHOLDERS)[number];

export const STAGES = Object.keys(STAGE_OUTCOMES) as Stage[];

/** What a task state's meta says about the tasks it opens. */
export interface TaskStateMeta {
  stage: Stage;
  department: string; // a department code or a placeholder
  timeLimitWorkingDays: number | null;
  label: LocalizedText;
  path: string; // state path in the file, e.g. "countersign"
}
export type TaskStateIndex = Partial<Record<Stage, TaskStateMeta>>;

interface StateConfigJson {
  meta?: { stage?: unknown; department?: unknown; timeLimitWorkingDays?: unknown; label?: unknown };
  states?: Record<string, StateConfigJson>;
}

/**
 * Collects the task states of a machine config, by stage. The workflow files are the one place that says
 * which department works a stage and how long it has; actions and effects read it from here.
 * The loader validates files fully; this only refuses what would make tasks ambiguous.
 */
export function readTaskStates(machine: MachineConfigJson, file: string): TaskStateIndex {
  const index: TaskStateIndex = {};
  const visit = (states: Record<string, StateConfigJson> | undefined, prefix: string): void => {
    for (const [key, state] of Object.entries(states ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      const meta = state.meta;
      if (meta?.stage !== undefined) {
        const stage = meta.stage as Stage;
        if (!STAGES.includes(stage)) invalid(file, path, `unknown stage "${String(meta.stage)}"`);
        if (index[stage])
          invalid(file, path, `stage "${stage}" is already worked in state "${index[stage]!.path}"`);
        if (typeof meta.department !== 'string') invalid(file, path, 'a task state needs meta.department');
        index[stage] = {
          stage,
          department: meta.department as string,
          timeLimitWorkingDays:
            typeof meta.timeLimitWorkingDays === 'number' ? meta.timeLimitWorkingDays : null,
          label: meta.label as LocalizedText,
          path,
        };
      }
      visit(state.states, path);
    }
  };
  visit(machine.states as Record<string, StateConfigJson>, '');
  return index;
}

/** The label of a top-level state, which is what the API shows as the case's state. */
export function topLevelLabel(machine: MachineConfigJson, stateKey: string): LocalizedText {
  const state = (machine.states as Record<string, { meta?: { label?: LocalizedText } }>)[stateKey];
  return state?.meta?.label ?? { zh: stateKey, en: stateKey };
}

function invalid(file: string, place: string, reason: string): never {
  throw new DomainError('definition.invalid', `${file}: ${reason} (at ${place})`, {
    problems: [{ file, place, reason }],
  });
}
