import { escapeHtml } from './html';

/**
 * A horizontal bar chart as SVG text, drawn on the server: no chart library and no script in the page.
 * Labels sit left of their bars; CJK characters are counted double for the label column's width.
 */
export function svgBarChart(title: string, bars: { label: string; value: number }[]): string {
  const rowH = 26;
  const labelW = Math.min(260, Math.max(60, ...bars.map((b) => textWidth(b.label))) + 12);
  const barW = 300;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * rowH + 8;
  const rows = bars.map((b, i) => {
    const y = i * rowH + 4;
    const w = Math.round((b.value / max) * barW);
    return (
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" font-size="13" fill="#1d2733">${escapeHtml(b.label)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${Math.max(w, 1)}" height="${rowH - 8}" fill="#0b5cad"/>` +
      `<text x="${labelW + w + 6}" y="${y + 16}" font-size="13" fill="#1d2733">${b.value}</text>`
    );
  });
  const width = labelW + barW + 50;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${escapeHtml(title)}</title>${rows.join('')}</svg>`;
}

function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1.1;
  return units * 6.8;
}
