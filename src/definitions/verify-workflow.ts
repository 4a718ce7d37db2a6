/**
 * Verifies a workflow file (an xstate v5 machine config) without building the machine: every name it uses
 * is implemented, every target exists, every state is reachable and can reach a final state, every state
 * says what it is (meta.label) and task states say who acts and how long they have. Runs on `unknown` so
 * that all problems of a broken file are reported together.
 */
import { STAGE_OUTCOMES } from '../workflow/workflow.types';
import type { DefinitionProblem } from './definition-error';
import { childPointer, jsonPointer } from './json-pointer';
import {
  checkKeys,
  checkLocalizedText,
  checkNonEmptyString,
  shown,
  expectObject,
  isPositiveInteger,
  isRecord,
  type Report,
  reporterFor,
} from './json-shape';
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

const ROOT_KEYS = [
  'id',
  'initial',
  'states',
  'on',
  'always',
  'entry',
  'exit',
  'context',
  'description',
  'version',
  'meta',
];
const STATE_KEYS = [
  'type',
  'initial',
  'states',
  'on',
  'always',
  'entry',
  'exit',
  'onDone',
  'meta',
  'description',
  'tags',
  'output',
  'id',
];
const TRANSITION_KEYS = ['target', 'guard', 'actions', 'reenter', 'description', 'meta'];
const STATE_TYPES = ['atomic', 'compound', 'parallel', 'final'];
/** Keys refused with a reason, because the generic "unknown key" would not say what to do instead. */
const REFUSED_STATE_KEYS: Record<string, string> = {
  after:
    'delayed transitions ("after") are not allowed: xstate timers are not restored from persisted snapshots, so deadlines are database rows a scheduler acts on (docs/architecture.md invariant 5)',
  invoke:
    '"invoke" is not allowed: the workflow is a pure transition function; the service shell runs side effects',
};
const REFUSED_TRANSITION_KEYS: Record<string, string> = {
  cond: '"cond" is the xstate v4 name: use "guard"',
  internal: '"internal" is the xstate v4 name: use "reenter"',
};
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
  const config = expectObject(machine, '', report, 'the machine config');
  if (!config) return problems;
  checkConfigKeys(config, ROOT_KEYS, REFUSED_STATE_KEYS, '', report);
  checkNonEmptyString(config.id, jsonPointer('id'), report, 'id');
  if (!isRecord(config.states) || Object.keys(config.states).length === 0) {
    report(jsonPointer('states'), `states must be a non-empty object, found ${shown(config.states)}`);
    return problems;
  }
  const root = buildStateTree(config);
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
  if (node.parent) {
    checkConfigKeys(config, STATE_KEYS, REFUSED_STATE_KEYS, pointer, report);
    // Dots and hashes are path and id syntax in targets: a key holding them could not be targeted.
    if (/[.#]/.test(node.key) || node.key === '')
      report(pointer, `state name "${node.key}" must not be empty or contain "." or "#"`);
    checkStateType(node, report);
    checkMeta(node, context);
  }
  if (config.states !== undefined && !isRecord(config.states))
    report(childPointer(pointer, 'states'), 'states must be an object');
  if (isRecord(config.states)) {
    for (const [key, child] of Object.entries(config.states)) {
      if (!isRecord(child))
        report(childPointer(pointer, 'states', key), `a state must be an object, found ${shown(child)}`);
    }
  }
  checkInitial(node, report);
  for (const hook of ['entry', 'exit'] as const) {
    if (config[hook] !== undefined) checkActions(config[hook], childPointer(pointer, hook), context);
  }
}

function checkStateType(node: WorkflowStateNode, report: Report): void {
  const { config, pointer } = node;
  const type = config.type;
  if (type === 'history')
    report(
      childPointer(pointer, 'type'),
      'history states are not supported: a case resumes from its persisted snapshot',
    );
  else if (type !== undefined && !STATE_TYPES.includes(type as string)) {
    report(
      childPointer(pointer, 'type'),
      `type must be one of ${STATE_TYPES.join(', ')}, found ${shown(type)}`,
    );
  }
  const hasStates = isRecord(config.states) && Object.keys(config.states).length > 0;
  if ((type === 'atomic' || type === 'final') && hasStates)
    report(childPointer(pointer, 'states'), `a state of type ${type} has no child states`);
  if (type === 'final') {
    for (const key of ['on', 'always', 'onDone', 'initial']) {
      if (config[key] !== undefined)
        report(childPointer(pointer, key), `a final state has no "${key}": the case ends here`);
    }
  }
  if (config.onDone !== undefined && node.type !== 'compound' && node.type !== 'parallel') {
    report(childPointer(pointer, 'onDone'), 'onDone belongs to compound and parallel states');
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

/** meta.label on every state; task states name their stage, department and time limit. */
function checkMeta(node: WorkflowStateNode, context: Context): void {
  const { departments, vocabulary, report } = context;
  const place = childPointer(node.pointer, 'meta');
  const meta = expectObject(node.config.meta, place, report, 'meta (with label { zh, en })');
  if (!meta) return;
  checkDeadlineMeta(meta, place, departments, report);
  const at = (key: string) => childPointer(place, key);
  checkLocalizedText(meta.label, at('label'), report, 'label');
  const department = meta.department;
  if (department !== undefined) {
    const placeholders = vocabulary.departmentPlaceholders;
    const isPlaceholder = (code: string) =>
      placeholders ? placeholders.includes(code) : DEPARTMENT_PLACEHOLDER.test(code);
    if (!(typeof department === 'string' && (departments.has(department) || isPlaceholder(department)))) {
      const instead = placeholders
        ? ` nor one of ${placeholders.join(', ')}`
        : ', nor a placeholder like "$competent"';
      report(at('department'), `department ${shown(department)} is not in rules/departments.json${instead}`);
    }
  }
  if (meta.timeLimitWorkingDays !== undefined && !isPositiveInteger(meta.timeLimitWorkingDays)) {
    report(
      at('timeLimitWorkingDays'),
      `timeLimitWorkingDays must be a whole number above 0, found ${shown(meta.timeLimitWorkingDays)}`,
    );
  }
  if (meta.stage !== undefined) {
    const stages = Object.keys(STAGE_OUTCOMES);
    const stage = meta.stage as string;
    const workedIn = context.stages.get(stage);
    if (!stages.includes(stage))
      report(at('stage'), `stage must be one of ${stages.join(', ')}, found ${shown(meta.stage)}`);
    // Tasks of a stage take their department and time limit from the one state that works the stage.
    else if (workedIn !== undefined)
      report(at('stage'), `stage "${stage}" is already worked in state "${workedIn}"`);
    else context.stages.set(stage, statePath(node));
    if (department === undefined)
      report(place, 'a task state (with meta.stage) needs meta.department: who acts');
  }
}

function transitionsOf(node: WorkflowStateNode, context: Context): NodeEdges {
  const { config, pointer } = node;
  const edges: NodeEdges = { targets: [], onDone: [] };
  if (config.on !== undefined) {
    const on = expectObject(config.on, childPointer(pointer, 'on'), context.report, 'on');
    for (const [event, transitions] of Object.entries(on ?? {})) {
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
  const transition = expectObject(
    value,
    place,
    context.report,
    'a transition (target, or { target, guard, actions })',
  );
  if (!transition) return [];
  checkConfigKeys(transition, TRANSITION_KEYS, REFUSED_TRANSITION_KEYS, place, context.report);
  if (transition.guard !== undefined)
    checkNamed(transition.guard, childPointer(place, 'guard'), 'guard', context);
  if (transition.actions !== undefined)
    checkActions(transition.actions, childPointer(place, 'actions'), context);
  if (transition.reenter !== undefined && typeof transition.reenter !== 'boolean') {
    context.report(childPointer(place, 'reenter'), 'reenter must be true or false');
  }
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
  if (typeof target !== 'string' || target === '') {
    report(place, `a target must be a state name, found ${shown(target)}`);
    return [];
  }
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
  if (isObject) checkKeys(reference, ['type', 'params'], place, report);
  const name = isObject ? reference.type : reference;
  const namePlace = isObject ? childPointer(place, 'type') : place;
  if (typeof name !== 'string') report(namePlace, `a ${kind} is referenced by name, found ${shown(name)}`);
  else if (!known.includes(name))
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
  if (given !== undefined && !isRecord(given)) {
    report(where, `params must be an object, found ${shown(given)}`);
    return;
  }
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

function checkConfigKeys(
  config: Record<string, unknown>,
  allowed: readonly string[],
  refused: Record<string, string>,
  place: string,
  report: Report,
): void {
  for (const [key, reason] of Object.entries(refused)) {
    if (key in config) report(childPointer(place, key), reason);
  }
  checkKeys(config, [...allowed, ...Object.keys(refused)], place, report);
}
