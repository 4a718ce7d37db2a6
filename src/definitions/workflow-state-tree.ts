/**
 * The state nodes of an xstate v5 machine config, and transition targets resolved the way xstate resolves
 * them (resolveTarget in xstate's source): "sibling" and "sibling.child" from the parent, ".child" from the
 * node itself (from the root, ".child" is the only relative form), "#id" or "#id.child.path" by id, where
 * the machine id names the root.
 */
import { childPointer } from './json-pointer';
import { isRecord } from './json-shape';

export type StateNodeType = 'atomic' | 'compound' | 'parallel' | 'final';

export interface WorkflowStateNode {
  key: string;
  path: string[]; // keys from the root; [] for the root
  pointer: string; // JSON pointer of the node's config in the file
  config: Record<string, unknown>;
  type: StateNodeType;
  parent?: WorkflowStateNode;
  children: WorkflowStateNode[];
}

/** Builds the tree from whatever parts of the config are objects; the verifier reports the rest. */
export function buildStateTree(machine: Record<string, unknown>): WorkflowStateNode {
  return buildNode(machine, '(machine)', [], '', undefined);
}

function buildNode(
  config: Record<string, unknown>,
  key: string,
  path: string[],
  pointer: string,
  parent: WorkflowStateNode | undefined,
): WorkflowStateNode {
  const states = isRecord(config.states) ? config.states : {};
  const hasChildren = Object.keys(states).length > 0;
  const type: StateNodeType =
    config.type === 'final'
      ? 'final'
      : config.type === 'parallel'
        ? 'parallel'
        : hasChildren
          ? 'compound'
          : 'atomic';
  const node: WorkflowStateNode = { key, path, pointer, config, type, parent, children: [] };
  for (const [childKey, childConfig] of Object.entries(states)) {
    if (!isRecord(childConfig)) continue;
    node.children.push(
      buildNode(childConfig, childKey, [...path, childKey], childPointer(pointer, 'states', childKey), node),
    );
  }
  return node;
}

export function statePath(node: WorkflowStateNode): string {
  return node.path.length === 0 ? '(machine)' : node.path.join('.');
}

export function childNamed(node: WorkflowStateNode, key: string): WorkflowStateNode | undefined {
  return node.children.find((child) => child.key === key);
}

/** The child entered when the node itself is targeted (compound states only). */
export function initialChild(node: WorkflowStateNode): WorkflowStateNode | undefined {
  return typeof node.config.initial === 'string' ? childNamed(node, node.config.initial) : undefined;
}

export function allNodes(root: WorkflowStateNode): WorkflowStateNode[] {
  return [root, ...root.children.flatMap(allNodes)];
}

export function ancestorsOf(node: WorkflowStateNode): WorkflowStateNode[] {
  return node.parent ? [node.parent, ...ancestorsOf(node.parent)] : [];
}

/** The node a target names, or why it names none. */
export function resolveTarget(
  root: WorkflowStateNode,
  from: WorkflowStateNode,
  target: string,
): { node: WorkflowStateNode } | { reason: string } {
  if (target.startsWith('#')) {
    const [id, ...rest] = target.slice(1).split('.');
    const start = allNodes(root).find((node) =>
      node === root ? root.config.id === id : node.config.id === id,
    );
    if (!start) return { reason: `target "${target}": no state has the id "${id}"` };
    return follow(start, rest, target);
  }
  if (target.startsWith('.')) return follow(from, target.slice(1).split('.'), target);
  if (!from.parent)
    return { reason: `target "${target}" is not valid on the machine itself; did you mean ".${target}"?` };
  return follow(from.parent, target.split('.'), target);
}

function follow(
  start: WorkflowStateNode,
  keys: string[],
  target: string,
): { node: WorkflowStateNode } | { reason: string } {
  let node = start;
  for (const key of keys) {
    const child = childNamed(node, key);
    if (!child) return { reason: `target "${target}": "${statePath(node)}" has no state "${key}"` };
    node = child;
  }
  return { node };
}
