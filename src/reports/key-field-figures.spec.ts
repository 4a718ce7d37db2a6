import type { Decision } from '../decision/decision.types';
import { keyFieldFigures, type FieldCase } from './key-field-figures';

const finding = (rule: string) => ({
  rule,
  dimension: 'market' as const,
  points: 10,
  reason: { zh: `理由 ${rule}`, en: `reason ${rule}` },
  basis: `依据 ${rule}`,
});
const decision = (rules: string[], measures: string[]): FieldCase['decision'] => ({
  findings: rules.map(finding),
  hardStops: [] as Decision['hardStops'],
  measures: measures.map((code) => ({ code, zh: `措施 ${code}`, en: `measure ${code}`, rules })),
});

describe('keyFieldFigures', () => {
  const cases: FieldCase[] = [
    {
      type: 'b',
      level: 'high',
      outcome: 'pass',
      decision: decision(['r1', 'r2'], ['m1']),
      tasks: [{ stage: 'intake', openedAt: '2026-01-01T00:00:00Z', closedAt: '2026-01-03T00:00:00Z' }],
      consented: null,
    },
    {
      type: 'a',
      level: 'low',
      outcome: 'pass',
      decision: decision(['r2'], ['m1', 'm2']),
      tasks: [{ stage: 'intake', openedAt: '2026-01-01T00:00:00Z', closedAt: '2026-01-02T00:00:00Z' }],
      consented: { title: '参展评议', applicant: '同意公开的公司' },
    },
  ];

  it('names only the cases whose applicants consented', () => {
    expect(keyFieldFigures(cases).namedCases).toEqual([
      { title: '参展评议', applicant: '同意公开的公司', type: 'a', level: 'low', outcome: 'pass' },
    ]);
    expect(keyFieldFigures([cases[0]]).namedCases).toEqual([]);
  });

  it('counts by type, level and outcome, in a fixed key order', () => {
    const f = keyFieldFigures(cases);
    expect(f.caseCount).toBe(2);
    expect(Object.entries(f.byType)).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(f.byLevel).toEqual({ high: 1, low: 1 });
    expect(f.byOutcome).toEqual({ pass: 2 });
  });

  it('ranks findings and measures by frequency, and averages days per stage', () => {
    const f = keyFieldFigures(cases);
    expect(f.topFindings.map((x) => [x.rule, x.count])).toEqual([
      ['r2', 2],
      ['r1', 1],
    ]);
    expect(f.topMeasures.map((x) => [x.code, x.count])).toEqual([
      ['m1', 2],
      ['m2', 1],
    ]);
    expect(f.stageDays).toEqual([{ stage: 'intake', tasks: 2, meanDays: 1.5 }]);
  });

  it('gives the same figures whatever order the cases come in', () => {
    expect(JSON.stringify(keyFieldFigures([...cases].reverse()))).toBe(
      JSON.stringify(keyFieldFigures(cases)),
    );
  });
});
