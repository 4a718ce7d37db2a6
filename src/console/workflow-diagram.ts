import type { LocalizedText, MachineConfigJson } from '../definitions/definition.types';
import type { Lang } from './console-i18n';
import { escapeHtml } from './html';

export interface DiagramMarks {
  current: string;
  /** Top-level states the case has been in, in the order it went through them. */
  visited: string[];
}

/**
 * The case's workflow as an SVG drawn on the server: every top-level state of the machine config in file
 * order, the path taken filled, the current state outlined, what remains plain. The one function the case
 * page calls for its diagram; the Graphviz rendering of src/reports takes its place once it exists.
 * Boxes are sized by character count with CJK characters counted double, since no font metrics are
 * available on the server.
 */
export function workflowDiagramSvg(machine: MachineConfigJson, marks: DiagramMarks, lang: Lang): string {
  const states = Object.entries(machine.states).map(([name, node]) => ({
    name,
    label: ((node as { meta?: { label?: LocalizedText } }).meta?.label?.[lang] ?? name) as string,
  }));
  const boxH = 34;
  const gap = 18;
  const width = Math.max(...states.map((s) => textWidth(s.label))) + 40;
  const height = states.length * (boxH + gap);
  const parts: string[] = [];
  states.forEach((s, i) => {
    const y = i * (boxH + gap) + 4;
    const visited = marks.visited.includes(s.name);
    const current = marks.current === s.name;
    const fill = current ? '#0b5cad' : visited ? '#d6eadb' : '#ffffff';
    const stroke = current ? '#0b5cad' : visited ? '#1b6e33' : '#7a8795';
    const ink = current ? '#ffffff' : '#1d2733';
    parts.push(
      `<rect x="4" y="${y}" width="${width}" height="${boxH}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${current ? 3 : 1.5}"${visited || current ? '' : ' stroke-dasharray="4 3"'}/>`,
      `<text x="${4 + width / 2}" y="${y + boxH / 2 + 5}" text-anchor="middle" font-size="14" fill="${ink}"${current ? ' font-weight="700"' : ''}>${escapeHtml(s.label)}</text>`,
    );
    if (i < states.length - 1) {
      const x = 4 + width / 2;
      parts.push(
        `<path d="M${x} ${y + boxH} L${x} ${y + boxH + gap - 4}" stroke="#7a8795" stroke-width="1.5" marker-end="url(#arrow)"/>`,
      );
    }
  });
  const title =
    lang === 'zh'
      ? '流程图：已走过的环节为绿色，当前环节为蓝色'
      : 'Workflow: steps taken in green, the current step in blue';
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width + 8} ${height}" width="${width + 8}" height="${height}"><title>${escapeHtml(title)}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#7a8795"/></marker></defs>${parts.join('')}</svg>`;
}

function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1.1;
  return units * 7.5;
}
