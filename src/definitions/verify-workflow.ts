/**
 * Verifies a workflow file (an xstate v5 machine config) without building the machine. workflow.schema.json
 * says what keys and values a machine, a state, a transition and a state's meta may have (every state says
 * what it is, task states who acts and how long they have); this checks what a schema cannot: every name
 * used is implemented, every target exists, every state is reachable and can reach a final state. Runs on
 * `unknown`, skipping what the schema reports, so that all problems of a broken file are reported together.
 */
import { STAGE_OUTCOMES } from '../workflow/workflow.types';
import type { DefinitionProblem } from './definition-error';
import { childPointer } from './json-pointer';
import { checkAgainstSchema } from './definition-schemas';
import { shown, isRecord, type Report, reporterFor } from './json-shape';
import { phasesAwaitedOnEntry } from '../deadlines/report-deadlines';
import { checkDeadlineMeta } from './verify-deadline-meta';
import {
  type EdgeMap,
  type NodeEdges,
  statesThatCannotFinish,
  unreachableStates,
} from './workflow-reachability';
import {
  allNodes,
  buildStateTree,
  resolveTarget,
  statePath,
  type WorkflowStateNode,
} from './workflow-state-tree';

/**
 * The names a workflow may use: implemented guards and actions, department codes; optionally the params
 * each guard or action takes with their allowed values (a name not listed takes none), the department
 * placeholders (without a list, any "$name"), and the events the service sends.
 */
export interface WorkflowVocabulary {
  guards: readonly string[];
  actions: readonly string[];
  departments: Iterable<string>;
  params?: Partial<Record<string, Record<string, readonly string[] | RegExp>>>;
  departmentPlaceholders?: readonly string[];
  events?: readonly string[];
}

/** Departments known only when the case runs, e.g. "$competent" (the deciding one), "$route" (the routed ones). */
const DEPARTMENT_PLACEHOLDER = /^\$[a-z][A-Za-z-]*$/;

interface Context {
  root: WorkflowStateNode;
  vocabulary: WorkflowVocabulary;
  departments: ReadonlySet<string>;
  stages: Map<string, string>; // stage -> path of the state that works it
  report: Report;
}

export function verifyWorkflow(
  file: string,
  machine: unknown,
  vocabulary: WorkflowVocabulary,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const report = reporterFor(file, problems);
  checkAgainstSchema('workflow.schema.json', machine, report);
  if (!isRecord(machine) || !isRecord(machine.states) || Object.keys(machine.states).length === 0)
    return problems;
  const root = buildStateTree(machine);
  const context: Context = {
    root,
    vocabulary,
    departments: new Set(vocabulary.departments),
    stages: new Map(),
    report,
  };
  const nodes = allNodes(root);
  const edges = new Map<WorkflowStateNode, NodeEdges>();
  for (const node of nodes) {
    checkStateNode(node, context);
    edges.set(node, transitionsOf(node, context));
  }
  checkGraph(root, nodes, edges, report);
  return problems;
}

function checkGraph(
  root: WorkflowStateNode,
  nodes: WorkflowStateNode[],
  edges: EdgeMap,
  report: Report,
): void {
  const initial = typeof root.config.initial === 'string' ? root.config.initial : '?';
  for (const node of unreachableStates(root, nodes, edges)) {
    report(node.pointer, `state "${statePath(node)}" is not reachable from the initial state "${initial}"`);
  }
  for (const node of statesThatCannotFinish(nodes, edges)) {
    report(node.pointer, `state "${statePath(node)}" cannot reach a final state`);
  }
}

function checkStateNode(node: WorkflowStateNode, context: Context): void {
  const { config, pointer } = node;
  const { report } = context;
  if (node.parent) checkMeta(node, context);
  // The inferred type (compound when it has child states) is the tree's, so these are checked on the tree.
  if (config.onDone !== undefined && node.type !== 'compound' && node.type !== 'parallel')
    report(childPointer(pointer, 'onDone'), 'onDone belongs to compound and parallel states');
  checkInitial(node, report);
  for (const hook of ['entry', 'exit'] as const) {
    if (config[hook] !== undefined) checkActions(config[hook], childPointer(pointer, hook), context);
  }
}

function checkInitial(node: WorkflowStateNode, report: Report): void {
  const { config, pointer } = node;
  const where = childPointer(pointer, 'initial');
  if (node.type === 'compound') {
    const keys = Object.keys(config.states as Record<string, unknown>);
    if (typeof config.initial !== 'string' || !keys.includes(config.initial)) {
      report(
        where,
        `initial must name one of the child states (${keys.join(', ')}), found ${shown(config.initial)}`,
      );
    }
  } else if (config.initial !== undefined && node.type !== 'final') {
    report(
      where,
      node.type === 'parallel'
        ? 'a parallel state enters all its regions and has no initial'
        : 'initial needs child states',
    );
  }
}

/** Task states name a known stage, worked in this state only, and a known department. */
function checkMeta(node: WorkflowStateNode, context: Context): void {
  const { departments, vocabulary, report } = context;
  const place = childPointer(node.pointer, 'meta');
  const meta = node.config.meta;
  if (!isRecord(meta)) return;
  checkDeadlineMeta(meta, place, departments, report);
  const at = (key: string) => childPointer(place, key);
  const department = meta.department;
  if (typeof department === 'string') {
    const placeholders = vocabulary.departmentPlaceholders;
    const isPlaceholder = (code: string) =>
      placeholders ? placeholders.includes(code) : DEPARTMENT_PLACEHOLDER.test(code);
    if (!departments.has(department) && !isPlaceholder(department)) {
      const instead = placeholders
        ? ` nor one of ${placeholders.join(', ')}`
        : ', nor a placeholder like "$competent"';
      report(at('department'), `department "${department}" is not in rules/departments.json${instead}`);
    }
  }
  // A report reminder counts back from the due date of the report the state waits for: it needs one.
  if (meta.reportReminder !== undefined && phasesAwaitedOnEntry(node.config.entry).length === 0)
    report(at('reportReminder'), 'reportReminder belongs to a state whose entry awaits a phase (awaitPhase)');
  if (typeof meta.stage === 'string') {
    const stages = Object.keys(STAGE_OUTCOMES);
    const stage = meta.stage;
    const workedIn = context.stages.get(stage);
    if (!stages.includes(stage))
      report(at('stage'), `stage must be one of ${stages.join(', ')}, found "${stage}"`);
    // Tasks of a stage take their department and time limit from the one state that works the stage.
    else if (workedIn !== undefined)
      report(at('stage'), `stage "${stage}" is already worked in state "${workedIn}"`);
    else context.stages.set(stage, statePath(node));
  }
}

function transitionsOf(node: WorkflowStateNode, context: Context): NodeEdges {
  const { config, pointer } = node;
  const edges: NodeEdges = { targets: [], onDone: [] };
  if (isRecord(config.on)) {
    for (const [event, transitions] of Object.entries(config.on)) {
      const place = childPointer(pointer, 'on', event);
      const events = context.vocabulary.events;
      if (events && event !== '*' && !events.includes(event)) {
        context.report(place, `event "${event}" is never sent (events: ${events.join(', ')})`);
      }
      edges.targets.push(...transitionTargets(transitions, place, node, context));
    }
  }
  if (config.always !== undefined)
    edges.targets.push(...transitionTargets(config.always, childPointer(pointer, 'always'), node, context));
  if (config.onDone !== undefined)
    edges.onDone.push(...transitionTargets(config.onDone, childPointer(pointer, 'onDone'), node, context));
  return edges;
}

/** A transition is a target string, a { target, guard, actions } object, or an array of either. */
function transitionTargets(
  value: unknown,
  place: string,
  from: WorkflowStateNode,
  context: Context,
): WorkflowStateNode[] {
  if (Array.isArray(value))
    return value.flatMap((one, index) => transitionTargets(one, childPointer(place, index), from, context));
  if (typeof value === 'string') return targetsOf(value, place, from, context);
  if (!isRecord(value)) return [];
  const transition = value;
  if (transition.guard !== undefined)
    checkNamed(transition.guard, childPointer(place, 'guard'), 'guard', context);
  if (transition.actions !== undefined)
    checkActions(transition.actions, childPointer(place, 'actions'), context);
  const target = transition.target;
  if (target === undefined) return []; // targetless: actions only, the state stays
  const where = childPointer(place, 'target');
  if (Array.isArray(target))
    return target.flatMap((one, index) => targetsOf(one, childPointer(where, index), from, context));
  return targetsOf(target, where, from, context);
}

function targetsOf(
  target: unknown,
  place: string,
  from: WorkflowStateNode,
  { root, report }: Context,
): WorkflowStateNode[] {
  if (typeof target !== 'string' || target === '') return [];
  const resolved = resolveTarget(root, from, target);
  if ('reason' in resolved) {
    report(place, resolved.reason);
    return [];
  }
  return [resolved.node];
}

function checkActions(value: unknown, place: string, context: Context): void {
  if (Array.isArray(value))
    value.forEach((action, index) => checkNamed(action, childPointer(place, index), 'action', context));
  else checkNamed(value, place, 'action', context);
}

/** A guard or action is referenced by name: "name" or { "type": "name", "params": {...} }. */
function checkNamed(
  reference: unknown,
  place: string,
  kind: 'guard' | 'action',
  { vocabulary, report }: Context,
): void {
  const known = kind === 'guard' ? vocabulary.guards : vocabulary.actions;
  const isObject = isRecord(reference);
  const name = isObject ? reference.type : reference;
  const namePlace = isObject ? childPointer(place, 'type') : place;
  if (typeof name !== 'string') return;
  if (!known.includes(name))
    report(namePlace, `unknown ${kind} "${name}" (implemented: ${known.join(', ') || 'none'})`);
  else if (vocabulary.params)
    checkParams(name, isObject ? reference.params : undefined, vocabulary.params[name] ?? {}, place, report);
}

/** Every declared param is required (an outcomeIs without its outcome would never be true) and has a known value. */
function checkParams(
  name: string,
  given: unknown,
  declared: Record<string, readonly string[] | RegExp>,
  place: string,
  report: Report,
): void {
  const where = childPointer(place, 'params');
  if (given !== undefined && !isRecord(given)) return;
  const params = given ?? {};
  const names = Object.keys(declared);
  for (const key of Object.keys(params)) {
    if (!names.includes(key))
      report(
        childPointer(where, key),
        `"${name}" takes ${names.length ? `only ${names.join(', ')}` : 'no params'}`,
      );
  }
  for (const [key, values] of Object.entries(declared)) {
    // A pattern stands for names that are data (a phase, a derived fact), a list for a closed vocabulary.
    const ok =
      values instanceof RegExp
        ? typeof params[key] === 'string' && values.test(params[key] as string)
        : values.includes(params[key] as string);
    if (!ok) {
      const expected = values instanceof RegExp ? `matching ${values.source}` : `among ${values.join(', ')}`;
      report(childPointer(where, key), `"${name}" needs ${key} ${expected}, found ${shown(params[key])}`);
    }
  }
}
