import type { ReportBlock, ReportDocument } from './report-document';

/**
 * The HTML version of a report: the same document as the PDF, for reading in a browser. Self-contained
 * (inline style, inline SVG), and every string escaped: facts and comments are shown, never run.
 */
export function reportHtml(doc: ReportDocument): string {
  const interim = doc.interimMark ? `<p class="interim">${esc(doc.interimMark)}</p>` : '';
  return `<!doctype html>
<html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)} · ${esc(doc.subtitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(doc.title)}</h1>
<p class="subtitle">${esc(doc.subtitle)}</p>
${interim}
${fields(doc.cover)}
</header>
<main>
${doc.sections.map((s) => `<section>\n<h2>${esc(s.heading)}</h2>\n${s.blocks.map(block).join('\n')}\n</section>`).join('\n')}
</main>
<footer>${esc(doc.footer)}</footer>
</body>
</html>
`;
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'para':
      return `<p>${esc(b.text)}</p>`;
    case 'fields':
      return fields(b.rows);
    case 'codes':
      return fields(b.rows, 'codes');
    case 'table':
      return `<table><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'bars':
      return `<table class="bars">${b.items
        .map(
          (i) =>
            `<tr><th>${esc(i.label)}</th><td><span style="width:${((100 * i.value) / Math.max(b.max, 1)).toFixed(1)}%"></span></td><td class="n">${i.value}</td></tr>`,
        )
        .join('')}</table>`;
    case 'figure':
      // Our own Graphviz output from a definition file; its labels are escaped by Graphviz itself.
      return `<figure>${b.svg.replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?/, '')}<figcaption>${esc(b.caption)}</figcaption></figure>`;
    case 'note':
      return `<p class="note">${esc(b.text)}</p>`;
  }
}

function fields(rows: [string, string][], className = 'fields'): string {
  return `<table class="${className}">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\n/g, '<br>');
}

const STYLE = `
body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d2733;max-width:860px;margin:2rem auto;padding:0 1rem;line-height:1.6;font-size:15px}
h1{color:#1f4e8c;margin-bottom:.2rem}h2{color:#1f4e8c;font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #c5ccd6}
.subtitle{color:#5a6472;margin-top:0}.interim{color:#b3261e;font-weight:bold}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #c5ccd6;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#e6ebf2}table.fields th,table.codes th{background:#f3f5f8;width:32%}table.codes td{font-size:.8rem;word-break:break-all}
table.bars th{width:28%;background:none}table.bars td span{display:block;height:.7rem;background:#1f4e8c}table.bars td.n{width:3em;text-align:right}
.note{background:#fdf1ef;border-left:3px solid #b3261e;padding:.5rem}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.85rem;color:#5a6472}
footer{color:#5a6472;font-size:.8rem;margin:2rem 0}`;
