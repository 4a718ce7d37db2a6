/**
 * Which states a machine can get to. Guards are not evaluated: any guarded transition is taken to be
 * possible, so "reachable" means "reachable if the guards allow", and a state that cannot reach a final
 * state has no way out whatever the guards say. The search runs over the leaf states (atomic and final),
 * since a machine is always in leaves; a compound state is reachable when one of its leaves is.
 */
import { ancestorsOf, initialChild, type WorkflowStateNode } from './workflow-state-tree';

/** The transitions declared on a node, with their targets resolved. */
export interface NodeEdges {
  targets: WorkflowStateNode[]; // from on and always
  onDone: WorkflowStateNode[];
}
export type EdgeMap = ReadonlyMap<WorkflowStateNode, NodeEdges>;

/** Leaves entered when the node is targeted: the initial child of a compound state, every region of a parallel one. */
function entryLeaves(node: WorkflowStateNode): WorkflowStateNode[] {
  if (node.type === 'parallel') return node.children.flatMap(entryLeaves);
  if (node.type === 'compound') {
    const initial = initialChild(node);
    return initial ? entryLeaves(initial) : [node]; // a missing initial is reported by the verifier
  }
  return [node];
}

function successors(leaf: WorkflowStateNode, edges: EdgeMap): WorkflowStateNode[] {
  const active = [leaf, ...ancestorsOf(leaf)];
  const targets = active.flatMap((node) => edges.get(node)?.targets ?? []);
  // A final child completes its parent (and, approximately, a parallel grandparent), firing their onDone.
  if (leaf.type === 'final' && leaf.parent?.parent) {
    const completed = [leaf.parent, ...(leaf.parent.parent.type === 'parallel' ? [leaf.parent.parent] : [])];
    targets.push(...completed.flatMap((node) => edges.get(node)?.onDone ?? []));
  }
  return targets.flatMap(entryLeaves);
}

function leavesReachableFrom(start: WorkflowStateNode[], edges: EdgeMap): Set<WorkflowStateNode> {
  const seen = new Set<WorkflowStateNode>(start);
  const queue = [...start];
  while (queue.length > 0) {
    for (const next of successors(queue.shift() as WorkflowStateNode, edges)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

function isMachineFinal(node: WorkflowStateNode): boolean {
  return node.type === 'final' && node.parent !== undefined && node.parent.parent === undefined;
}

function isLeaf(node: WorkflowStateNode): boolean {
  return node.type === 'atomic' || node.type === 'final' || node.children.length === 0;
}

/** States not reachable from the initial state, outermost only (the children of an unreachable state are too). */
export function unreachableStates(
  root: WorkflowStateNode,
  nodes: WorkflowStateNode[],
  edges: EdgeMap,
): WorkflowStateNode[] {
  const reachable = new Set<WorkflowStateNode>();
  for (const leaf of leavesReachableFrom(entryLeaves(root), edges)) {
    [leaf, ...ancestorsOf(leaf)].forEach((node) => reachable.add(node));
  }
  return nodes.filter(
    (node) =>
      node !== root &&
      !reachable.has(node) &&
      (node.parent === root || reachable.has(node.parent as WorkflowStateNode)),
  );
}

/** Leaf states (other than the machine's final states) from which no final state of the machine can be reached. */
export function statesThatCannotFinish(nodes: WorkflowStateNode[], edges: EdgeMap): WorkflowStateNode[] {
  return nodes
    .filter((node) => node.parent !== undefined && isLeaf(node) && !isMachineFinal(node))
    .filter((leaf) => ![...leavesReachableFrom([leaf], edges)].some(isMachineFinal));
}
