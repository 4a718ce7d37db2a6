import type { RuleProperties } from 'json-rules-engine';
import type { RuleSetDefinition } from './rule-set.types';
import { CompiledRuleSet } from './compiled-rule-set';

const label = { zh: '标签', en: 'label' };
const reason = { zh: '理由', en: 'reason' };

function ruleSet(rules: RuleProperties[]): RuleSetDefinition {
  return {
    type: 'trade-show',
    hash: 'h',
    factsSchema: {},
    facts: {
      input: { a: { kind: 'integer', label }, b: { kind: 'integer', label } },
      derived: { d: { kind: 'integer', label, compute: 0 } },
    },
    levels: { medium: 1, high: 2, critical: 3 },
    routeDefaults: {
      departments: [],
      mode: 'all',
      expertReviewAtLevel: null,
      legalityReviewOnHardStop: false,
    },
    files: [{ file: 'rules/trade-show/scoring.json', rules }],
    departments: [],
    measures: [{ code: 'm', zh: 'm', en: 'm' }],
  };
}
const ok = (
  name: string,
  conditions: RuleProperties['conditions'] = { all: [{ fact: 'a', operator: 'equal', value: 1 }] },
): RuleProperties => ({
  name,
  conditions,
  event: { type: 'finding', params: { dimension: 'market', points: 1, reason, basis: 'b', measure: 'm' } },
});

describe('CompiledRuleSet', () => {
  it('collects every fact the conditions read, including nested ones and facts used as values', () => {
    const compiled = new CompiledRuleSet(
      'h',
      ruleSet([
        ok('show.x', {
          any: [
            { not: { fact: 'd', operator: 'equal', value: 1 } },
            { all: [{ fact: 'a', operator: 'lessThan', value: { fact: 'b' } }] },
          ],
        }),
      ]),
    );
    expect(compiled.referencedFacts).toEqual(['a', 'b', 'd']);
    expect(compiled.ruleCount).toBe(1);
    expect(compiled.source('show.x')).toMatchObject({
      name: 'show.x',
      file: 'rules/trade-show/scoring.json',
      order: 0,
      eventType: 'finding',
      params: { dimension: 'market', points: 1 },
    });
  });

  it('refuses, listing every problem, a rule set that would miscount or misreport', () => {
    const rules: RuleProperties[] = [
      ok('show.dup'),
      ok('show.dup'),
      {
        name: 'show.bad-params',
        conditions: { all: [{ fact: 'zzz', operator: 'equal', value: 1 }] },
        event: {
          type: 'finding',
          params: { dimension: 'taste', points: '5', reason, basis: 'b', measure: 'nope' },
        },
      },
      { conditions: { all: [] }, event: { type: 'notice' } },
    ];
    let caught: unknown;
    try {
      new CompiledRuleSet('h', ruleSet(rules));
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'definition.invalid' });
    const problems = (caught as { details: { problems: { place: string; reason: string }[] } }).details
      .problems;
    expect(problems.map((p) => `${p.place} ${p.reason}`)).toEqual([
      '/rules/1/name rule name "show.dup" is used twice',
      '/rules/2/event/params/dimension unknown dimension "taste"',
      '/rules/2/event/params/points points must be a finite number',
      '/rules/2/event/params/measure measure "nope" is not in the catalogue',
      '/rules/2/conditions fact "zzz" is not in the facts contract',
      '/rules/3/name rule has no name',
      '/rules/3/event/type unknown event type "notice"',
    ]);
  });
});
