/**
 * A report as plain data: a cover and numbered sections of a few kinds of block. The builders
 * (evaluation-report.ts, assessment-report.ts, key-field reports) fill it; the Typst template and the
 * HTML writer each render every kind of block once, so the PDF and the HTML version always say the same.
 * Every string is text, never markup: the template shows it as written (no injection through facts).
 */
export type ReportLang = 'zh' | 'en';

export type ReportBlock =
  | { kind: 'para'; text: string }
  /** Label / value rows. */
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; head: string[]; rows: string[][]; widths?: number[] }
  | { kind: 'list'; items: string[] }
  /** A small horizontal bar chart (the risk dimensions). */
  | { kind: 'bars'; items: { label: string; value: number }[]; max: number }
  /** An SVG drawing with its caption (the workflow diagram). */
  | { kind: 'figure'; svg: string; caption: string }
  /** Something the reader must not miss (hard stops, an interim report). */
  | { kind: 'note'; text: string }
  /** Hashes and other identifiers, in a narrow monospace-like block. */
  | { kind: 'codes'; rows: [string, string][] };

export interface ReportSection {
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  lang: ReportLang;
  /** The document title (cover and PDF metadata). */
  title: string;
  subtitle: string;
  /** PDF author metadata: the issuing body. */
  author: string;
  /** The case's time the report reflects (ISO): the PDF's dates come from it, never from the clock. */
  date: string;
  cover: [string, string][];
  /** Marked on every page when set (a report issued before its case closed). */
  interimMark: string | null;
  /** Running header from page 2 and the footer text of every page. */
  header: string;
  footer: string;
  sections: ReportSection[];
}
