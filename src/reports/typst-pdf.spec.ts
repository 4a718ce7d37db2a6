import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportDocument } from './report-document';
import { reportHtml } from './report-html';
import { TypstPdf } from './typst-pdf';

/** Strings that would be code or markup if the template read them as Typst (or the HTML as HTML). */
const HOSTILE = '#panic("boom") $x^2$ *bold* <script>alert(1)</script> \\ ] [';

const document: ReportDocument = {
  lang: 'zh',
  title: '知识产权分析评议报告',
  subtitle: HOSTILE,
  author: '测试',
  date: '2026-03-02T02:00:05.000Z',
  cover: [['申请人', HOSTILE]],
  interimMark: null,
  header: 'h',
  footer: 'f',
  sections: [{ heading: '一、测试', blocks: [{ kind: 'table', head: ['a', 'b'], rows: [[HOSTILE, '二']] }] }],
};

function text(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'typst-spec-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-']).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('TypstPdf', () => {
  const typst = new TypstPdf();

  it('shows every string as text, never as Typst code or markup', () => {
    const pdf = typst.render(document);
    expect(text(pdf).replace(/\s+/g, '')).toContain(HOSTILE.replace(/\s+/g, ''));
  });

  it('gives the same bytes for the same document, with the dates from the document', () => {
    const a = typst.render(document);
    const b = new TypstPdf().render(document);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(a.toString('latin1')).toContain('2026-03-02T02:00:05');
    expect(a.toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
  });

  it('escapes the same strings in the HTML version', () => {
    const html = reportHtml(document);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
