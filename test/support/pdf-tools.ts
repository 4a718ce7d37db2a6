/**
 * Reading PDFs in tests with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm; installed by .ci/run), and
 * taking a binary HTTP answer as bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'supertest';

/** Where tests leave files a person may look at (page 1 of a report as PNG). */
export const ARTEFACTS_DIR = join(tmpdir(), 'ipr-test-artefacts');

/** The response body as a Buffer, whatever its media type. */
export function binary(request: Test): Test {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/** Runs a poppler tool on the PDF written to a temporary file (not every poppler build reads stdin). */
function poppler(pdf: Buffer, tool: string, args: (file: string) => string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ipr-pdf-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  try {
    return execFileSync(tool, args(file), { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF, page by page (pdftotext separates pages with a form feed). */
export function pdfPages(pdf: Buffer): string[] {
  const text = poppler(pdf, 'pdftotext', (f) => ['-enc', 'UTF-8', f, '-']);
  const pages = text.split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/** Whitespace-free text, so a phrase that the layout broke over lines or table cells still matches. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** pdfinfo's fields and the document's XMP metadata (where PDF/A declares itself: pdfaid:part, pdfaid:conformance). */
export function pdfInfo(pdf: Buffer): { fields: Record<string, string>; xmp: string } {
  const info = poppler(pdf, 'pdfinfo', (f) => [f]);
  const xmp = poppler(pdf, 'pdfinfo', (f) => ['-meta', f]);
  const fields: Record<string, string> = {};
  for (const line of info.split('\n')) {
    const m = /^([A-Za-z ]+):\s+(.*)$/.exec(line);
    if (m) fields[m[1]] = m[2].trim();
  }
  return { fields, xmp };
}

/** Fonts as pdffonts lists them: name, embedded, subset, with a Unicode map. */
export function pdfFonts(pdf: Buffer): { name: string; emb: boolean; sub: boolean; uni: boolean }[] {
  return poppler(pdf, 'pdffonts', (f) => [f])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { name: cols[0], emb: emb === 'yes', sub: sub === 'yes', uni: uni === 'yes' };
    });
}

/** Page 1 as a PNG file under ARTEFACTS_DIR; returns its path. */
export function pageOnePng(pdf: Buffer, name: string, dpi = 70): string {
  mkdirSync(ARTEFACTS_DIR, { recursive: true });
  const base = join(ARTEFACTS_DIR, name);
  poppler(pdf, 'pdftoppm', (f) => ['-f', '1', '-l', '1', '-r', String(dpi), '-png', '-singlefile', f, base]);
  return `${base}.png`;
}
