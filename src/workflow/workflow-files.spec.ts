/**
 * The workflow files against their implementations: every name they use exists with valid parameters,
 * every state says what it is, task states carry the agreed departments and time limits, and the four
 * types share one procedure. The loader checks names and reachability at start; these keep the files
 * and the code from drifting apart in the meantime.
 */
import { initialTransition, transition } from 'xstate';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import { type MachineConfigJson } from './workflow-definition.types';
import {
  createWorkflowMachine,
  WORKFLOW_ACTION_NAMES,
  WORKFLOW_GUARD_NAMES,
  WORKFLOW_PARAMS,
} from './workflow-implementations';
import { fakeDecision, loadWorkflow } from './workflow.fixtures';

interface Reference {
  kind: 'guard' | 'action';
  type: string;
  params?: Record<string, unknown>;
  place: string;
  taskStage?: unknown; // meta.stage of the nearest task state around the reference
}
type Json = Record<string, unknown>;

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const asRef = (value: unknown): { type: string; params?: Json } =>
  typeof value === 'string' ? { type: value } : (value as { type: string; params?: Json });

function references(machine: MachineConfigJson): Reference[] {
  const found: Reference[] = [];
  const visitTransitions = (value: unknown, place: string, taskStage: unknown) => {
    list(value as Json | Json[] | string).forEach((t, i) => {
      if (typeof t === 'string') return; // a bare target
      if (t.guard !== undefined)
        found.push({ kind: 'guard', ...asRef(t.guard), place: `${place}/${i}/guard`, taskStage });
      list(t.actions).forEach((a, j) =>
        found.push({ kind: 'action', ...asRef(a), place: `${place}/${i}/actions/${j}`, taskStage }),
      );
    });
  };
  const visitStates = (states: Json | undefined, place: string, outerStage: unknown) => {
    for (const [key, raw] of Object.entries(states ?? {})) {
      const state = raw as Json;
      const here = `${place}/${key}`;
      const taskStage = (state.meta as Json | undefined)?.stage ?? outerStage;
      for (const hook of ['entry', 'exit'] as const) {
        list(state[hook]).forEach((a, j) =>
          found.push({ kind: 'action', ...asRef(a), place: `${here}/${hook}/${j}`, taskStage }),
        );
      }
      for (const [event, t] of Object.entries((state.on as Json | undefined) ?? {}))
        visitTransitions(t, `${here}/on/${event}`, taskStage);
      visitTransitions(state.always, `${here}/always`, taskStage);
      visitTransitions(state.onDone, `${here}/onDone`, taskStage);
      visitStates(state.states as Json | undefined, `${here}/states`, taskStage);
    }
  };
  visitStates(machine.states, '/states', undefined);
  return found;
}

function allStates(states: Json, prefix = ''): [string, Json][] {
  return Object.entries(states).flatMap(([key, state]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [
      [path, state as Json] as [string, Json],
      ...allStates(((state as Json).states as Json) ?? {}, path),
    ];
  });
}

describe('workflow names', () => {
  it('lists exactly the guards and actions the machine implements', () => {
    const machine = createWorkflowMachine(loadWorkflow('major-project'));
    expect(Object.keys(machine.implementations.guards).sort()).toEqual([...WORKFLOW_GUARD_NAMES].sort());
    expect(Object.keys(machine.implementations.actions).sort()).toEqual([...WORKFLOW_ACTION_NAMES].sort());
  });
});

describe.each(ACTIVITY_TYPES)('the workflow of %s', (type) => {
  const definition = loadWorkflow(type);
  const machine = definition.machine;
  const states = allStates(machine.states);

  it('says what it is, for whoever opens it', () => {
    expect(typeof machine.$comment).toBe('string');
    expect(definition.file).toBe(`workflows/${machine.id}.json`);
  });

  it('uses only implemented guards and actions, with valid parameters', () => {
    const refs = references(machine);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const names: readonly string[] = ref.kind === 'guard' ? WORKFLOW_GUARD_NAMES : WORKFLOW_ACTION_NAMES;
      expect({ place: ref.place, known: names.includes(ref.type) }).toEqual({
        place: ref.place,
        known: true,
      });
      const allowed = WORKFLOW_PARAMS[ref.type as keyof typeof WORKFLOW_PARAMS] ?? {};
      expect({ place: ref.place, params: Object.keys(ref.params ?? {}).sort() }).toEqual({
        place: ref.place,
        params: Object.keys(allowed).sort(),
      });
      for (const [name, value] of Object.entries(ref.params ?? {})) {
        const values = allowed[name];
        const valid =
          values instanceof RegExp ? values.test(String(value)) : values.includes(value as string);
        expect({ place: ref.place, name, valid }).toEqual({
          place: ref.place,
          name,
          valid: true,
        });
      }
    }
  });

  it('opens tasks only for the stage of the state that opens them', () => {
    const openers = references(machine).filter((ref) => ref.type.startsWith('open'));
    expect(openers.length).toBeGreaterThanOrEqual(6);
    for (const ref of openers)
      expect({ place: ref.place, stage: ref.params?.stage }).toEqual({
        place: ref.place,
        stage: ref.taskStage,
      });
  });

  it('labels every state in Chinese and English', () => {
    for (const [path, state] of states) {
      const label = (state.meta as Json | undefined)?.label as Json | undefined;
      expect({ path, zh: typeof label?.zh, en: typeof label?.en }).toEqual({
        path,
        zh: 'string',
        en: 'string',
      });
    }
  });

  it('gives each task state its department and time limit', () => {
    const tasks = states
      .filter(([, state]) => (state.meta as Json | undefined)?.stage !== undefined)
      .map(([path, state]) => [path, state.meta] as [string, Json]);
    expect(
      Object.fromEntries(
        tasks.map(([path, meta]) => [path, [meta.stage, meta.department, meta.timeLimitWorkingDays]]),
      ),
    ).toEqual({
      intake: ['intake', 'ipo', 5],
      'expert-review': ['expert-review', 'experts', 10],
      countersign: ['countersign', '$route', 10],
      'legality-review': ['legality-review', 'justice', 7],
      decision: ['decision', '$competent', 5],
      conditions: ['conditions', '$competent', 20],
    });
  });

  it('ends in archived or withdrawn and uses no timers or context of its own', () => {
    const finals = states
      .filter(([path, s]) => s.type === 'final' && !path.includes('.'))
      .map(([path]) => path);
    expect(finals.sort()).toEqual(['archived', 'withdrawn']);
    const text = JSON.stringify(machine);
    expect(text).not.toContain('"after"');
    expect(machine).not.toHaveProperty('context');
  });

  it('shares the procedure of major-project', () => {
    expect(machine.states).toEqual(loadWorkflow('major-project').machine.states);
    expect(machine.initial).toBe('intake');
  });

  it('leaves xstate nothing to execute: every action is an assign', () => {
    const built = createWorkflowMachine(definition);
    const [start, initialActions] = initialTransition(built, {
      competentDepartment: 'ndrc',
      decision: fakeDecision(type, {
        mode: 'sequential',
        countersign: ['ndrc', 'finance'],
        expertReview: true,
      }),
    });
    expect(initialActions).toEqual([]);
    const [, actions] = transition(built, start, {
      type: 'TASK_COMPLETED',
      taskKey: 't1',
      outcome: 'accept',
    });
    expect(actions).toEqual([]);
  });
});
