import type { LocalizedText, MachineConfigJson } from '../definitions/definition.types';
import { type Vocabulary, type VocabularyGroup, vocabularyText } from '../definitions/vocabulary';

/**
 * The workflow of a case as a Graphviz diagram with the path it took marked: one node per top-level state
 * of the machine config (the countersign's inner modes stay inside its node), one edge per pair of states a
 * transition links, labelled with the outcomes or events that take it. Shared by the report and the web
 * console. `workflowDot` is pure (machine config + visited states + current state -> DOT text);
 * `renderWorkflowSvg` lays it out with Graphviz compiled to WebAssembly, no process and no network.
 */
export interface DiagramInput {
  machine: MachineConfigJson;
  /** Top-level states in the order the case entered them (repeats allowed: a return and a resubmission). */
  visited: string[];
  /** Where the case is now (marked more strongly than the path); null when unknown. */
  current: string | null;
  lang: 'zh' | 'en';
  /** Edge labels: the outcomes, countersign modes and events in the words of rules/vocabulary.json. */
  vocabulary: Vocabulary;
}

interface StateNode {
  type?: string;
  id?: string;
  meta?: { label?: LocalizedText };
  on?: Record<string, unknown>;
  always?: unknown;
  onDone?: unknown;
  states?: Record<string, StateNode>;
}

/** What takes a transition: an outcome or countersign mode a guard tests, or an event; labelled when drawn. */
interface EdgeLabel {
  group: Extract<VocabularyGroup, 'outcomes' | 'countersignModes' | 'events'>;
  code: string;
}

interface Edge {
  from: string;
  to: string;
  labels: EdgeLabel[];
}

const PATH_COLOUR = '#1f5fbf';
const CURRENT_FILL = '#dbe7fb';
const VISITED_FILL = '#eef3fb';
const FONT = 'Noto Sans SC';
const FONT_SIZE = 11;

export function workflowDot(input: DiagramInput): string {
  const states = input.machine.states as Record<string, StateNode>;
  const names = Object.keys(states);
  const edges = collectEdges(states);
  const { visited, pathPairs } = pathTaken(input.visited, edges);

  const lines = [
    `digraph ${quote(input.machine.id)} {`,
    `  graph [rankdir=TB, nodesep=0.35, ranksep=0.35, fontname=${quote(FONT)}];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#8a8f98", fontname=${quote(FONT)}, fontsize=${FONT_SIZE}, fixedsize=true, height=0.36];`,
    `  edge [color="#8a8f98", fontname=${quote(FONT)}, fontsize=8, fontcolor="#5a5f68", arrowsize=0.6];`,
  ];
  for (const name of names) {
    const node = states[name];
    const label = node.meta?.label?.[input.lang] ?? name;
    const attributes = [`label=${quote(label)}`, `width=${nodeWidth(label)}`];
    if (node.type === 'final') attributes.push('peripheries=2');
    if (name === input.current)
      attributes.push(`fillcolor=${quote(CURRENT_FILL)}`, `color=${quote(PATH_COLOUR)}`, 'penwidth=2.2');
    else if (visited.has(name))
      attributes.push(`fillcolor=${quote(VISITED_FILL)}`, `color=${quote(PATH_COLOUR)}`, 'penwidth=1.4');
    lines.push(`  ${quote(name)} [${attributes.join(', ')}];`);
  }
  for (const edge of edges) {
    const taken = pathPairs.has(`${edge.from}\u0000${edge.to}`);
    const words = edge.labels.map(
      ({ group, code }) => vocabularyText(input.vocabulary, group, code)?.[input.lang] ?? code,
    );
    const attributes = words.length > 0 ? [`label=${quote(words.join(' / '))}`] : [];
    if (taken)
      attributes.push(`color=${quote(PATH_COLOUR)}`, 'penwidth=2', `fontcolor=${quote(PATH_COLOUR)}`);
    else attributes.push('style=dashed');
    lines.push(
      `  ${quote(edge.from)} -> ${quote(edge.to)}${attributes.length ? ` [${attributes.join(', ')}]` : ''};`,
    );
  }
  lines.push('}');
  return lines.join('\n');
}

/**
 * The pairs of states the case moved between. The trail records where a step came to rest, so a state
 * the machine passes straight through (the risk assessment) is put back where exactly one such state links
 * the two.
 */
function pathTaken(states: string[], edges: Edge[]): { visited: Set<string>; pathPairs: Set<string> } {
  const pair = (a: string, b: string) => `${a}\u0000${b}`;
  const known = new Set(edges.map((e) => pair(e.from, e.to)));
  const visited = new Set(states);
  const pathPairs = new Set<string>();
  for (let i = 1; i < states.length; i++) {
    const [from, to] = [states[i - 1], states[i]];
    if (known.has(pair(from, to))) {
      pathPairs.add(pair(from, to));
      continue;
    }
    const via = edges.filter((e) => e.from === from && known.has(pair(e.to, to))).map((e) => e.to);
    if (via.length === 1) {
      pathPairs.add(pair(from, via[0])).add(pair(via[0], to));
      visited.add(via[0]);
    }
  }
  return { visited, pathPairs };
}

/** Graphviz as WebAssembly, instantiated once per process (a few tens of milliseconds). */
let vizInstance: Promise<{ renderString(dot: string, options: { format: string }): string }> | null = null;

export async function renderWorkflowSvg(dot: string): Promise<string> {
  vizInstance ??= (import('@viz-js/viz') as Promise<typeof import('@viz-js/viz')>).then((m) => m.instance());
  const viz = await vizInstance;
  return viz.renderString(dot, { format: 'svg' });
}

/**
 * Graphviz measures a CJK character as if it were a space, so boxes sized by it would clip Chinese
 * labels: the width comes from the label itself, a CJK character counting a full em, others about half.
 */
function nodeWidth(label: string): string {
  let ems = 0;
  for (const ch of label) ems += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55;
  const points = ems * FONT_SIZE + 22;
  return (Math.max(points, 60) / 72).toFixed(2);
}

/** Edges between top-level states, from `on`, `always` and `onDone`, also where a nested state leaves its parent. */
function collectEdges(states: Record<string, StateNode>): Edge[] {
  const byPair = new Map<string, Edge>();
  const add = (from: string, to: string | null, label: EdgeLabel | null) => {
    if (!to || to === from) return;
    const key = `${from}\u0000${to}`;
    const edge = byPair.get(key) ?? { from, to, labels: [] };
    if (label && !edge.labels.some((l) => l.group === label.group && l.code === label.code))
      edge.labels.push(label);
    byPair.set(key, edge);
  };
  const idIndex = indexIds(states);
  for (const [name, node] of Object.entries(states)) {
    walk(node, (transitions, event, siblings) => {
      for (const t of transitions) {
        const target = resolveTarget(t.target, siblings, states, idIndex);
        // Inside a compound state, a sibling target stays inside: only targets outside it are edges here.
        if (target === null) continue;
        add(name, target, t.label ?? event);
      }
    });
  }
  return [...byPair.values()];
}

interface Transition {
  target: string | null;
  label: EdgeLabel | null;
}

/** Calls `visit` for every transition list of the node and its descendants, with the names of their siblings. */
function walk(
  node: StateNode,
  visit: (transitions: Transition[], event: EdgeLabel | null, siblings: Set<string> | null) => void,
  siblings: Set<string> | null = null,
): void {
  for (const [event, spec] of Object.entries(node.on ?? {}))
    visit(transitionsOf(spec), eventLabel(event), siblings);
  if (node.always) visit(transitionsOf(node.always), null, siblings);
  if (node.onDone) visit(transitionsOf(node.onDone), null, siblings);
  const children = node.states ?? {};
  const names = new Set(Object.keys(children));
  for (const child of Object.values(children)) walk(child, visit, names);
}

function transitionsOf(spec: unknown): Transition[] {
  const list = Array.isArray(spec) ? spec : [spec];
  return list.flatMap((item): Transition[] => {
    if (typeof item === 'string') return [{ target: item, label: null }];
    if (typeof item !== 'object' || item === null) return [];
    const t = item as { target?: unknown; guard?: unknown };
    const target = Array.isArray(t.target) ? t.target[0] : t.target;
    return [{ target: typeof target === 'string' ? target : null, label: outcomeOf(t.guard) }];
  });
}

/** The outcome a guard like `{type: "outcomeIs", params: {outcome}}` tests, the most telling edge label. */
function outcomeOf(guard: unknown): EdgeLabel | null {
  if (typeof guard !== 'object' || guard === null) return null;
  const params = (guard as { params?: Record<string, unknown> }).params;
  if (typeof params?.outcome === 'string') return { group: 'outcomes', code: params.outcome };
  if (typeof params?.mode === 'string') return { group: 'countersignModes', code: params.mode };
  return null;
}

/** A completed task says nothing by itself (its outcome does); other events name the step. */
function eventLabel(event: string): EdgeLabel | null {
  return event === 'TASK_COMPLETED' ? null : { group: 'events', code: event };
}

/** A target as the top-level state it lands in; null for a sibling inside the same compound state. */
function resolveTarget(
  target: string | null,
  siblings: Set<string> | null,
  states: Record<string, StateNode>,
  ids: Map<string, string>,
): string | null {
  if (!target) return null;
  if (target.startsWith('#')) return ids.get(target.slice(1).split('.')[0]) ?? null;
  const first = target.split('.')[0];
  if (siblings) return null; // a nested state's plain target names one of its siblings
  return first in states ? first : null;
}

/** State ids (`"id": "supplement"`) -> the top-level state that holds them. */
function indexIds(states: Record<string, StateNode>): Map<string, string> {
  const ids = new Map<string, string>();
  const visit = (node: StateNode, top: string) => {
    if (node.id) ids.set(node.id, top);
    for (const child of Object.values(node.states ?? {})) visit(child, top);
  };
  for (const [name, node] of Object.entries(states)) visit(node, name);
  return ids;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
