import type { Decision } from '../decision/decision.types';
import type { LocalizedText } from '../definitions/definition.types';

/**
 * The figures of a key-field report, from the archived evaluations in its scope. Pure. What goes in is
 * what the figures need and nothing that names anyone: no facts, no comments, and the title and applicant
 * only of a case whose applicant consented to publication.
 */
export interface FieldCase {
  type: string;
  level: string;
  outcome: string | null;
  decision: Pick<Decision, 'findings' | 'hardStops' | 'measures'>;
  /** Completed tasks: stage and when it opened and closed. */
  tasks: { stage: string; openedAt: string; closedAt: string }[];
  /** The case's title and applicant: only when the applicant consented, otherwise null. */
  consented: { title: string; applicant: string } | null;
}

/** An archived case the report may name, its applicant having consented on the case. */
export interface NamedCase {
  title: string;
  applicant: string;
  type: string;
  level: string;
  outcome: string | null;
}

export interface KeyFieldFigures {
  caseCount: number;
  byType: Record<string, number>;
  byLevel: Record<string, number>;
  byOutcome: Record<string, number>;
  topFindings: { rule: string; reason: LocalizedText; basis: string; count: number }[];
  topMeasures: { code: string; label: LocalizedText; count: number }[];
  /** Mean calendar days from a stage's task opening to its completion. */
  stageDays: { stage: string; tasks: number; meanDays: number }[];
  /**
   * The cases whose applicants consented to be named, by title. Absent from figures frozen before consent
   * existed: their reports keep the layout (and so the bytes) they were published with.
   */
  namedCases?: NamedCase[];
}

const TOP = 8;
const DAY_MS = 86_400_000;

export function keyFieldFigures(cases: FieldCase[]): KeyFieldFigures {
  const count = (key: (c: FieldCase) => string) =>
    sortedRecord(
      cases.reduce<Record<string, number>>((n, c) => ({ ...n, [key(c)]: (n[key(c)] ?? 0) + 1 }), {}),
    );
  const findings = new Map<string, KeyFieldFigures['topFindings'][number]>();
  const measures = new Map<string, KeyFieldFigures['topMeasures'][number]>();
  const stages = new Map<string, { tasks: number; ms: number }>();
  for (const c of cases) {
    for (const f of [...c.decision.findings, ...c.decision.hardStops]) {
      const seen = findings.get(f.rule) ?? { rule: f.rule, reason: f.reason, basis: f.basis, count: 0 };
      seen.count += 1;
      findings.set(f.rule, seen);
    }
    for (const m of c.decision.measures) {
      const seen = measures.get(m.code) ?? { code: m.code, label: { zh: m.zh, en: m.en }, count: 0 };
      seen.count += 1;
      measures.set(m.code, seen);
    }
    for (const t of c.tasks) {
      const s = stages.get(t.stage) ?? { tasks: 0, ms: 0 };
      s.tasks += 1;
      s.ms += Math.max(0, Date.parse(t.closedAt) - Date.parse(t.openedAt));
      stages.set(t.stage, s);
    }
  }
  const byCount = <T extends { count: number }>(a: T, b: T, ka: string, kb: string) =>
    b.count - a.count || ka.localeCompare(kb);
  return {
    caseCount: cases.length,
    byType: count((c) => c.type),
    byLevel: count((c) => c.level),
    byOutcome: count((c) => c.outcome ?? 'none'),
    topFindings: [...findings.values()].sort((a, b) => byCount(a, b, a.rule, b.rule)).slice(0, TOP),
    topMeasures: [...measures.values()].sort((a, b) => byCount(a, b, a.code, b.code)).slice(0, TOP),
    stageDays: [...stages.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([stage, s]) => ({
        stage,
        tasks: s.tasks,
        meanDays: Math.round((s.ms / s.tasks / DAY_MS) * 10) / 10,
      })),
    namedCases: cases
      .flatMap((c) =>
        c.consented ? [{ ...c.consented, type: c.type, level: c.level, outcome: c.outcome }] : [],
      )
      .sort((a, b) => a.title.localeCompare(b.title) || a.applicant.localeCompare(b.applicant)),
  };
}

/** Keys in a fixed order, so the same cases give the same JSON (and the same PDF). */
function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
