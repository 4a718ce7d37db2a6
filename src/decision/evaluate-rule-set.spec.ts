import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RuleProperties } from 'json-rules-engine';
import type { FactSpec, LevelThresholds, RuleSetDefinition } from './rule-set.types';
import { DomainError } from '../common/domain-error';
import { evaluateRuleSet } from './evaluate-rule-set';
import { resetRuleEngineCache, ruleEngineCacheStats } from './rule-engine-cache';

const label = { zh: '标签', en: 'label' };
const text = (en: string) => ({ zh: `中文：${en}`, en });

const finding = (
  name: string,
  conditions: RuleProperties['conditions'],
  dimension: string,
  points: number,
  measure?: string,
): RuleProperties => ({
  name,
  conditions,
  event: {
    type: 'finding',
    params: {
      dimension,
      points,
      reason: text(name),
      basis: `basis of ${name}`,
      ...(measure ? { measure } : {}),
    },
  },
});

/** A small rule set in the real shape; its hash is computed like the loader's, so changed content means a new hash. */
function syntheticRuleSet(
  changes: { levels?: LevelThresholds; extraScoring?: RuleProperties[] } = {},
): RuleSetDefinition {
  const input: Record<string, FactSpec> = {
    applicant: { kind: 'object', label, fields: { name: { kind: 'string', label } } },
    patentsFiled: { kind: 'integer', label },
    countries: { kind: 'array', label, items: { kind: 'country', label } },
    nonCompeteEndsOn: { kind: 'date', label, required: false },
    candidate: {
      kind: 'object',
      label,
      fields: { role: { kind: 'string', label }, formerEmployer: { kind: 'string', label, required: false } },
    },
  };
  const definition: Omit<RuleSetDefinition, 'hash'> = {
    type: 'talent-introduction',
    factsSchema: {},
    facts: { input, derived: { monthsSinceDeparture: { kind: 'integer', label, compute: 0 } } },
    levels: changes.levels ?? { medium: 20, high: 40, critical: 60 },
    routeDefaults: {
      departments: ['ipo', 'hr'],
      mode: 'any',
      expertReviewAtLevel: 'high',
      legalityReviewOnHardStop: true,
    },
    files: [
      {
        file: 'rules/shared/credit.json',
        rules: [
          finding(
            'credit.applicant-named-x',
            { all: [{ fact: 'applicant', path: '$.name', operator: 'equal', value: 'X' }] },
            'compliance',
            7,
          ),
        ],
      },
      {
        file: 'rules/talent-introduction/hard-stops.json',
        rules: [
          {
            name: 'talent.blocked-employer',
            conditions: {
              all: [{ fact: 'candidate', path: '$.formerEmployer', operator: 'equal', value: 'Blocked Co' }],
            },
            event: {
              type: 'hard-stop',
              params: { reason: text('blocked'), basis: 'basis of block', measure: 'commitment' },
            },
          },
        ],
      },
      {
        file: 'rules/talent-introduction/routing.json',
        rules: [
          {
            name: 'talent.route-many-patents',
            conditions: { all: [{ fact: 'patentsFiled', operator: 'greaterThan', value: 5 }] },
            event: {
              type: 'route',
              params: {
                reason: text('many patents'),
                departments: ['justice', 'commerce'],
                mode: 'sequential',
              },
            },
          },
          {
            name: 'talent.route-us',
            conditions: { all: [{ fact: 'countries', operator: 'contains', value: 'US' }] },
            event: {
              type: 'route',
              params: { reason: text('US'), departments: ['commerce'], mode: 'all', legalityReview: true },
            },
          },
        ],
      },
      {
        file: 'rules/talent-introduction/scoring.json',
        rules: [
          finding(
            'talent.patents',
            { all: [{ fact: 'patentsFiled', operator: 'greaterThanInclusive', value: 1 }] },
            'ownership',
            10,
            'licence',
          ),
          finding(
            'talent.service-invention-window',
            {
              all: [
                { fact: 'monthsSinceDeparture', operator: 'lessThan', value: 12 },
                {
                  any: [
                    { fact: 'candidate', path: '$.role', operator: 'equal', value: 'inventor' },
                    { fact: 'candidate', path: '$.role', operator: 'equal', value: 'lead' },
                  ],
                },
              ],
            },
            'ownership',
            20,
            'clearance',
          ),
          finding(
            'talent.non-compete',
            { all: [{ not: { fact: 'nonCompeteEndsOn', operator: 'equal', value: null } }] },
            'compliance',
            15,
            'licence',
          ),
          finding(
            'talent.us',
            { all: [{ fact: 'countries', operator: 'contains', value: 'US' }] },
            'market',
            10,
          ),
          ...(changes.extraScoring ?? []),
        ],
      },
    ],
    departments: ['ipo', 'hr', 'justice', 'commerce'].map((code) => ({
      code,
      zh: code,
      en: code,
      part: label,
    })),
    measures: [
      { code: 'licence', zh: '取得许可', en: 'Obtain the licence' },
      { code: 'clearance', zh: '职务发明权属澄清', en: 'Service invention clearance' },
      { code: 'commitment', zh: '书面不侵权承诺', en: 'Written non-infringement commitment' },
    ],
  };
  const hash = createHash('sha256')
    .update(canonicalize(definition) as string)
    .digest('hex');
  return { ...definition, hash };
}

const baseFacts = () => ({
  applicant: { name: 'Acme' },
  patentsFiled: 0,
  countries: [] as string[],
  nonCompeteEndsOn: null as string | null,
  candidate: { role: 'engineer', formerEmployer: null as string | null },
});
const submittedAt = '2025-03-02T17:30:00.000Z';
const derived = { monthsSinceDeparture: 30 };

beforeEach(() => resetRuleEngineCache());

describe('evaluateRuleSet', () => {
  it('with nothing firing: score 0, level low, all six dimensions at 0, default route, every rule explained', async () => {
    const decision = await evaluateRuleSet(syntheticRuleSet(), baseFacts(), derived, submittedAt);
    expect(decision).toMatchObject({
      type: 'talent-introduction',
      submittedAt,
      score: 0,
      level: 'low',
      findings: [],
      hardStops: [],
      measures: [],
    });
    expect(decision.dimensions).toEqual({
      ownership: 0,
      infringement: 0,
      validity: 0,
      compliance: 0,
      market: 0,
      management: 0,
    });
    expect(decision.route.countersign.map((s) => s.department)).toEqual(['ipo', 'hr']);
    expect(decision.explanation.fired).toEqual([]);
    // rule-set order: shared file first, then the type's files in the order given
    expect(decision.explanation.notFired.map((t) => t.rule)).toEqual([
      'credit.applicant-named-x',
      'talent.blocked-employer',
      'talent.route-many-patents',
      'talent.route-us',
      'talent.patents',
      'talent.service-invention-window',
      'talent.non-compete',
      'talent.us',
    ]);
  });

  it('sums points per dimension and in total, orders findings by points then name, and advises measures', async () => {
    const facts = {
      ...baseFacts(),
      patentsFiled: 2,
      countries: ['US'],
      nonCompeteEndsOn: '2026-01-01',
      candidate: { role: 'inventor', formerEmployer: null },
    };
    const decision = await evaluateRuleSet(
      syntheticRuleSet(),
      facts,
      { monthsSinceDeparture: 3 },
      submittedAt,
    );
    expect(decision.findings.map((f) => [f.rule, f.points])).toEqual([
      ['talent.service-invention-window', 20],
      ['talent.non-compete', 15],
      ['talent.patents', 10],
      ['talent.us', 10],
    ]);
    expect(decision.dimensions).toEqual({
      ownership: 30,
      infringement: 0,
      validity: 0,
      compliance: 15,
      market: 10,
      management: 0,
    });
    expect(decision.score).toBe(55);
    expect(decision.level).toBe('high');
    expect(decision.findings[0]).toEqual({
      rule: 'talent.service-invention-window',
      dimension: 'ownership',
      points: 20,
      reason: text('talent.service-invention-window'),
      basis: 'basis of talent.service-invention-window',
      measure: 'clearance',
    });
    expect('measure' in decision.findings[3]).toBe(false);
    expect(decision.measures.map((m) => [m.code, m.rules])).toEqual([
      ['clearance', ['talent.service-invention-window']],
      ['licence', ['talent.non-compete', 'talent.patents']],
    ]);
  });

  it.each([
    [{ medium: 10, high: 40, critical: 60 }, 'medium'], // score 10 exactly at medium
    [{ medium: 11, high: 40, critical: 60 }, 'low'], // one below medium
    [{ medium: 5, high: 10, critical: 60 }, 'high'],
    [{ medium: 5, high: 11, critical: 60 }, 'medium'],
    [{ medium: 5, high: 8, critical: 10 }, 'critical'],
    [{ medium: 5, high: 8, critical: 11 }, 'high'],
  ])('levels %j with score 10 give %s', async (levels, level) => {
    const decision = await evaluateRuleSet(
      syntheticRuleSet({ levels }),
      { ...baseFacts(), patentsFiled: 1 },
      derived,
      submittedAt,
    );
    expect(decision.score).toBe(10);
    expect(decision.level).toBe(level);
  });

  it('merges the route: defaults, rule departments in order met, strictest mode, policies', async () => {
    const facts = {
      ...baseFacts(),
      patentsFiled: 9,
      countries: ['US'],
      candidate: { role: 'x', formerEmployer: 'Blocked Co' },
    };
    const decision = await evaluateRuleSet(syntheticRuleSet(), facts, derived, submittedAt);
    expect(decision.hardStops).toEqual([
      {
        rule: 'talent.blocked-employer',
        reason: text('blocked'),
        basis: 'basis of block',
        measure: 'commitment',
      },
    ]);
    expect(decision.score).toBe(20); // a hard stop adds no points
    expect(decision.level).toBe('medium');
    expect(decision.route.mode).toBe('sequential');
    expect(decision.route.countersign.map((s) => s.department)).toEqual(['ipo', 'hr', 'justice', 'commerce']);
    expect(decision.route.countersign[3].reasons.map((r) => r.rule)).toEqual([
      'talent.route-many-patents',
      'talent.route-us',
    ]);
    expect(decision.route.expertReview).toBe(false); // medium is below expertReviewAtLevel high
    expect(decision.route.legalityReview).toBe(true);
    expect(decision.route.reasons.map((r) => r.rule)).toEqual([
      'talent.route-many-patents',
      'talent.route-us',
      'policy.legality-review-on-hard-stop',
    ]);
    expect(decision.measures.map((m) => m.code)).toEqual(['licence', 'commitment']);
  });

  it('explains not-fired rules with the values the engine saw, flattening nested all/any/not with their place', async () => {
    const facts = { ...baseFacts(), candidate: { role: 'engineer', formerEmployer: null } };
    const decision = await evaluateRuleSet(
      syntheticRuleSet(),
      facts,
      { monthsSinceDeparture: 3 },
      submittedAt,
    );
    const window = decision.explanation.notFired.find((t) => t.rule === 'talent.service-invention-window');
    expect(window).toEqual({
      rule: 'talent.service-invention-window',
      file: 'rules/talent-introduction/scoring.json',
      eventType: 'finding',
      fired: false,
      conditions: [
        {
          place: '/all/0',
          fact: 'monthsSinceDeparture',
          operator: 'lessThan',
          value: 12,
          factResult: 3,
          result: true,
        },
        {
          place: '/all/1/any/0',
          fact: 'candidate',
          path: '$.role',
          operator: 'equal',
          value: 'inventor',
          factResult: 'engineer',
          result: false,
        },
        {
          place: '/all/1/any/1',
          fact: 'candidate',
          path: '$.role',
          operator: 'equal',
          value: 'lead',
          factResult: 'engineer',
          result: false,
        },
      ],
    });
    const nonCompete = decision.explanation.notFired.find((t) => t.rule === 'talent.non-compete');
    // under `not`: the leaf held (the date is null), so the rule did not fire
    expect(nonCompete?.conditions).toEqual([
      {
        place: '/all/0/not',
        fact: 'nonCompeteEndsOn',
        operator: 'equal',
        value: null,
        factResult: null,
        result: true,
      },
    ]);
  });

  it('lists fired rules in the explanation too', async () => {
    const decision = await evaluateRuleSet(
      syntheticRuleSet(),
      { ...baseFacts(), patentsFiled: 1 },
      derived,
      submittedAt,
    );
    expect(decision.explanation.fired).toEqual([
      {
        rule: 'talent.patents',
        file: 'rules/talent-introduction/scoring.json',
        eventType: 'finding',
        fired: true,
        conditions: [
          {
            place: '/all/0',
            fact: 'patentsFiled',
            operator: 'greaterThanInclusive',
            value: 1,
            factResult: 1,
            result: true,
          },
        ],
      },
    ]);
  });

  it('reports a path that matched nothing as null, and a fact compared with another fact with the value it resolved to', async () => {
    const extra = finding(
      'talent.compare',
      { all: [{ fact: 'patentsFiled', operator: 'greaterThan', value: { fact: 'monthsSinceDeparture' } }] },
      'validity',
      1,
    );
    const missingPath = finding(
      'talent.path',
      { all: [{ fact: 'applicant', path: '$.nickname', operator: 'equal', value: 'n' }] },
      'validity',
      1,
    );
    const decision = await evaluateRuleSet(
      syntheticRuleSet({ extraScoring: [extra, missingPath] }),
      { ...baseFacts(), patentsFiled: 5 },
      { monthsSinceDeparture: 3 },
      submittedAt,
    );
    expect(decision.explanation.fired.find((t) => t.rule === 'talent.compare')?.conditions[0]).toMatchObject({
      value: { fact: 'monthsSinceDeparture' },
      valueResult: 3,
      factResult: 5,
    });
    expect(decision.explanation.notFired.find((t) => t.rule === 'talent.path')?.conditions[0]).toMatchObject({
      factResult: null,
      result: false,
    });
  });

  it('includes exactly the contract derived facts, whatever else the code computed', async () => {
    const decision = await evaluateRuleSet(
      syntheticRuleSet(),
      baseFacts(),
      { monthsSinceDeparture: 4, notInContract: 1 },
      submittedAt,
    );
    expect(decision.derivedFacts).toEqual({ monthsSinceDeparture: 4 });
  });

  it('a required fact that a rule reads and that is missing is DomainError facts.invalid naming it', async () => {
    const { patentsFiled: _omitted, ...facts } = baseFacts();
    await expect(evaluateRuleSet(syntheticRuleSet(), facts, derived, submittedAt)).rejects.toMatchObject({
      name: 'DomainError',
      code: 'facts.invalid',
      details: { missing: ['patentsFiled'] },
    });
    const undefinedToo = { ...baseFacts(), countries: undefined, patentsFiled: undefined };
    await expect(
      evaluateRuleSet(syntheticRuleSet(), undefinedToo, derived, submittedAt),
    ).rejects.toMatchObject({ code: 'facts.invalid', details: { missing: ['countries', 'patentsFiled'] } });
  });

  it('a derived fact the definition declares but the code did not compute is a definition error', async () => {
    await expect(evaluateRuleSet(syntheticRuleSet(), baseFacts(), {}, submittedAt)).rejects.toMatchObject({
      code: 'definition.invalid',
      details: { missing: ['monthsSinceDeparture'] },
    });
  });

  it('a rule reading a fact outside the contract is a definition error, even when the client sent that fact', async () => {
    const stray = finding(
      'talent.stray',
      { all: [{ fact: 'stray', operator: 'equal', value: 1 }] },
      'validity',
      1,
    );
    const error = await evaluateRuleSet(
      syntheticRuleSet({ extraScoring: [stray] }),
      { ...baseFacts(), stray: 1 },
      derived,
      submittedAt,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'definition.invalid',
      details: {
        problems: [
          {
            file: 'rules/talent-introduction/scoring.json',
            place: '/rules/4/conditions',
            reason: 'fact "stray" is not in the facts contract',
          },
        ],
      },
    });
  });

  it('builds the engine once per hash', async () => {
    const rules = syntheticRuleSet();
    const before = ruleEngineCacheStats().builds;
    for (let i = 0; i < 3; i++)
      await evaluateRuleSet(rules, { ...baseFacts(), patentsFiled: i }, derived, submittedAt);
    await evaluateRuleSet({ ...rules }, baseFacts(), derived, submittedAt); // another object, same hash
    expect(ruleEngineCacheStats()).toEqual({ size: 1, builds: before + 1 });
    await evaluateRuleSet(
      syntheticRuleSet({ levels: { medium: 1, high: 2, critical: 3 } }),
      baseFacts(),
      derived,
      submittedAt,
    );
    expect(ruleEngineCacheStats()).toEqual({ size: 2, builds: before + 2 });
  });

  it('concurrent decisions on one cached engine each see all rules and only their own facts', async () => {
    // json-rules-engine keeps one run status per Engine: overlapping runs used to skip rules silently.
    const rules = syntheticRuleSet();
    const tick = async (n: number) => {
      for (let i = 0; i < n; i++) await null;
    };
    const runs = Array.from({ length: 40 }, (_, i) =>
      tick(i).then(() =>
        evaluateRuleSet(rules, { ...baseFacts(), patentsFiled: i % 2 }, derived, submittedAt),
      ),
    );
    const decisions = await Promise.all(runs);
    decisions.forEach((decision, i) => {
      expect(decision.explanation.fired.length + decision.explanation.notFired.length).toBe(8);
      expect(decision.score).toBe(i % 2 === 0 ? 0 : 10);
    });
  });

  it('a failed run does not block the runs after it', async () => {
    const rules = syntheticRuleSet();
    const { patentsFiled: _omitted, ...broken } = baseFacts();
    const [failed, ok] = await Promise.allSettled([
      evaluateRuleSet(rules, broken, derived, submittedAt),
      evaluateRuleSet(rules, { ...baseFacts(), patentsFiled: 1 }, derived, submittedAt),
    ]);
    expect(failed.status).toBe('rejected');
    expect(ok).toMatchObject({ status: 'fulfilled', value: { score: 10 } });
  });

  it('is deterministic: deep-equal and canonical-JSON-identical across runs and across a cache reset', async () => {
    const facts = {
      ...baseFacts(),
      patentsFiled: 9,
      countries: ['US'],
      nonCompeteEndsOn: '2026-01-01',
      candidate: { role: 'lead', formerEmployer: 'Blocked Co' },
    };
    const first = await evaluateRuleSet(syntheticRuleSet(), facts, { monthsSinceDeparture: 1 }, submittedAt);
    const second = await evaluateRuleSet(syntheticRuleSet(), facts, { monthsSinceDeparture: 1 }, submittedAt);
    resetRuleEngineCache();
    const afterReload = await evaluateRuleSet(
      syntheticRuleSet(),
      facts,
      { monthsSinceDeparture: 1 },
      submittedAt,
    );
    expect(second).toStrictEqual(first);
    expect(afterReload).toStrictEqual(first);
    expect(canonicalize(second)).toBe(canonicalize(first));
    expect(canonicalize(afterReload)).toBe(canonicalize(first));
    // survives storage: what a JSON column gives back is the same Decision
    expect(JSON.parse(JSON.stringify(first))).toStrictEqual(first);
  });

  it('shares no objects: mutating a Decision changes neither the cached rules, the facts nor the next Decision', async () => {
    const rules = syntheticRuleSet();
    const facts = { ...baseFacts(), patentsFiled: 1, countries: ['US'] };
    const first = await evaluateRuleSet(rules, facts, derived, submittedAt);
    first.findings[0].reason.en = 'tampered';
    (first.explanation.fired[0].conditions[0].value as string[]).push?.('tampered');
    (first.explanation.fired.find((t) => t.rule === 'talent.us')?.conditions[0].factResult as string[]).push(
      'tampered',
    );
    first.route.countersign[0].reasons[0].reason.en = 'tampered';
    expect(facts.countries).toEqual(['US']);
    const second = await evaluateRuleSet(rules, facts, derived, submittedAt);
    expect(second.findings[0].reason.en).toBe('talent.patents');
    expect(second.route.countersign[0].reasons[0].reason.en).not.toBe('tampered');
    expect((rules.files[3].rules[0].event.params as { reason: { en: string } }).reason.en).toBe(
      'talent.patents',
    );
  });
});
