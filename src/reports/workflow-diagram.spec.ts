import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineConfigJson } from '../definitions/definition.types';
import { loadDefinitions } from '../definitions/load-definitions';
import { renderWorkflowSvg, workflowDot } from './workflow-diagram';

const machine = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'workflows', 'standard-review.json'), 'utf8'),
) as MachineConfigJson;
const { vocabulary } = loadDefinitions(join(__dirname, '..', '..'));

const PATH_COLOUR = 'color="#1f5fbf"';
const edgeLine = (dot: string, from: string, to: string) =>
  dot.split('\n').find((l) => l.trim().startsWith(`"${from}" -> "${to}"`));
const nodeLine = (dot: string, name: string) =>
  dot.split('\n').find((l) => l.trim().startsWith(`"${name}" [`));

describe('workflowDot', () => {
  const dot = workflowDot({
    machine,
    visited: ['intake', 'countersign', 'decision', 'conditions', 'archived'],
    current: 'archived',
    lang: 'zh',
    vocabulary,
  });

  it('draws one node per top-level state, labelled from the file', () => {
    for (const [name, state] of Object.entries(machine.states)) {
      const label = (state as { meta: { label: { zh: string } } }).meta.label.zh;
      expect(nodeLine(dot, name)).toContain(`label="${label}"`);
    }
    expect(nodeLine(dot, 'choosing-mode')).toBeUndefined(); // the countersign's inner modes stay inside it
  });

  it('marks the path taken, restoring the state the machine passed straight through', () => {
    expect(edgeLine(dot, 'intake', 'assessment')).toContain(PATH_COLOUR);
    expect(edgeLine(dot, 'assessment', 'countersign')).toContain(PATH_COLOUR);
    expect(edgeLine(dot, 'decision', 'conditions')).toContain(PATH_COLOUR);
    expect(edgeLine(dot, 'intake', 'supplement')).toContain('style=dashed');
    expect(nodeLine(dot, 'assessment')).toContain(PATH_COLOUR);
    expect(nodeLine(dot, 'archived')).toContain('penwidth=2.2'); // where the case is now
    expect(nodeLine(dot, 'withdrawn')).not.toContain(PATH_COLOUR);
  });

  it('leaves a nested state\'s "#id" target as an edge from its top-level state', () => {
    expect(edgeLine(dot, 'countersign', 'supplement')).toContain('label="退回补正"');
  });

  it('labels edges with the outcomes and events in the words of the vocabulary, not their codes', () => {
    expect(edgeLine(dot, 'intake', 'assessment')).toContain('label="受理"');
    expect(edgeLine(dot, 'supplement', 'intake')).toContain('label="补正后重新提交"');
    expect(dot).not.toMatch(/label="[^"]*\b(approve|object|withdraw|resubmit)\b/);
  });

  it('sizes boxes for Chinese labels itself (Graphviz counts a CJK character as a space)', () => {
    const width = (name: string) => Number(/width=([\d.]+)/.exec(nodeLine(dot, name)!)![1]);
    expect(width('legality-review')).toBeGreaterThan(width('decision')); // 合法性审查 > 决定
    expect(width('legality-review')).toBeGreaterThanOrEqual((5 * 11) / 72);
  });

  it('is the same text for the same input', () => {
    const again = workflowDot({
      machine,
      visited: ['intake', 'countersign', 'decision', 'conditions', 'archived'],
      current: 'archived',
      lang: 'zh',
      vocabulary,
    });
    expect(again).toBe(dot);
  });

  it('renders to SVG with Graphviz', async () => {
    const svg = await renderWorkflowSvg(dot);
    expect(svg).toMatch(/^<\?xml|<svg/);
    expect(svg).toContain('合法性审查');
  });
});
