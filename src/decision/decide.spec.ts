/**
 * decide() over the real definitions in rules/ and the shared fact fixtures in test/fixtures/facts.
 * Reproducibility (docs/architecture.md invariant 2) is checked the way production meets it: a fresh load of the
 * files and a fresh engine must give the identical Decision.
 */
import canonicalize from 'canonicalize';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import type { FactSpec } from './rule-set.types';
import type { DefinitionCatalogue } from '../definitions/definition.types';
import { loadDefinitions } from '../definitions/load-definitions';
import { changeFacts, factFixture, REPO_ROOT } from '../../test/support/fact-fixtures';
import { decide } from './decide';
import type { Facts } from './decision.types';
import { resetRuleEngineCache, ruleEngineCacheStats } from './rule-engine-cache';

const SUBMITTED_AT = '2025-06-30T16:30:00.000Z'; // 1 July 2025, 00:30 in Beijing
const CASES = ACTIVITY_TYPES.flatMap((type) =>
  (['low', 'high'] as const).map((variant) => [type, variant] as const),
);

let catalogue: DefinitionCatalogue;
beforeAll(() => {
  catalogue = loadDefinitions(REPO_ROOT);
});

describe('decide over the real definitions', () => {
  it.each(CASES)(
    '%s (%s fixture): identical Decisions across two loads of the files and a cache reset',
    async (type, variant) => {
      const facts = factFixture(`${type}.${variant}`);
      resetRuleEngineCache();
      const first = await decide(catalogue.definitions[type].rules, facts, SUBMITTED_AT);
      const again = await decide(
        catalogue.definitions[type].rules,
        factFixture(`${type}.${variant}`),
        SUBMITTED_AT,
      );

      const reloaded = loadDefinitions(REPO_ROOT);
      resetRuleEngineCache();
      const afterReload = await decide(
        reloaded.definitions[type].rules,
        factFixture(`${type}.${variant}`),
        SUBMITTED_AT,
      );

      expect(reloaded.definitions[type].rules.hash).toBe(first.definitionHash);
      expect(again).toStrictEqual(first);
      expect(afterReload).toStrictEqual(first);
      expect(canonicalize(afterReload)).toBe(canonicalize(first));
      expect(JSON.parse(JSON.stringify(first))).toStrictEqual(first);
    },
  );

  it.each(CASES)(
    '%s (%s fixture): every rule of the set is explained exactly once',
    async (type, variant) => {
      const rules = catalogue.definitions[type].rules;
      const decision = await decide(rules, factFixture(`${type}.${variant}`), SUBMITTED_AT);
      const explained = [...decision.explanation.fired, ...decision.explanation.notFired]
        .map((t) => t.rule)
        .sort();
      expect(explained).toEqual(rules.files.flatMap((f) => f.rules.map((r) => r.name as string)).sort());
      expect(decision.derivedFacts).toEqual(expect.any(Object));
      expect(Object.keys(decision.derivedFacts).sort()).toEqual(Object.keys(rules.facts.derived).sort());
    },
  );

  it.each(ACTIVITY_TYPES)('%s: the high fixture scores above the low one', async (type) => {
    const rules = catalogue.definitions[type].rules;
    const low = await decide(rules, factFixture(`${type}.low`), SUBMITTED_AT);
    const high = await decide(rules, factFixture(`${type}.high`), SUBMITTED_AT);
    expect(high.score).toBeGreaterThan(low.score);
  });

  it('builds each rule set once, however many decisions use it', async () => {
    resetRuleEngineCache();
    const before = ruleEngineCacheStats().builds;
    for (const [type, variant] of [...CASES, ...CASES])
      await decide(catalogue.definitions[type].rules, factFixture(`${type}.${variant}`), SUBMITTED_AT);
    expect(ruleEngineCacheStats()).toEqual({
      size: ACTIVITY_TYPES.length,
      builds: before + ACTIVITY_TYPES.length,
    });
  });

  it('leaving out every optional input fact, at any depth, is a valid case: the rules see null', async () => {
    let checked = 0;
    for (const type of ACTIVITY_TYPES) {
      const rules = catalogue.definitions[type].rules;
      const facts = withoutOptionalFacts(rules.facts.input, factFixture(`${type}.high`)) as Facts;
      const optional = Object.entries(rules.facts.input)
        .filter(([, spec]) => spec.required === false)
        .map(([name]) => name);
      const decision = await decide(rules, facts, SUBMITTED_AT);
      const conditions = [...decision.explanation.fired, ...decision.explanation.notFired].flatMap(
        (t) => t.conditions,
      );
      for (const condition of conditions.filter((c) => optional.includes(c.fact) && !c.path)) {
        expect(condition.factResult).toBeNull();
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0); // the real contracts do have optional facts that rules read
  });

  it('a credit record without its optional end date and reason is read as open-ended', async () => {
    const rules = catalogue.definitions['trade-show'].rules;
    const base = factFixture('trade-show.low');
    const facts = changeFacts(base, {
      applicant: { creditRecords: [{ list: 'court-dishonest-debtor', listedOn: '2024-01-01' }] },
    });
    const decision = await decide(rules, facts, SUBMITTED_AT);
    expect(decision.derivedFacts.activeCreditLists).toEqual(['court-dishonest-debtor']);
  });

  it.each(ACTIVITY_TYPES)(
    '%s: a required input fact left out is DomainError facts.invalid naming it',
    async (type) => {
      const rules = catalogue.definitions[type].rules;
      const required = Object.entries(rules.facts.input)
        .filter(([, spec]) => spec.required !== false)
        .map(([name]) => name)
        .sort();
      const [first, second] = required.filter((name) => name !== 'applicant');
      const facts = changeFacts(factFixture(`${type}.low`), { [first]: undefined, [second]: undefined });
      await expect(decide(rules, facts, SUBMITTED_AT)).rejects.toMatchObject({
        name: 'DomainError',
        code: 'facts.invalid',
        details: { missing: [first, second] },
      });
    },
  );
});

/** The facts with every optional field removed, inside objects and arrays of objects too. */
function withoutOptionalFacts(
  specs: Record<string, FactSpec>,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, current] of Object.entries(value)) {
    const spec = specs[name];
    if (spec?.required === false) continue;
    if (spec?.fields && isObject(current)) kept[name] = withoutOptionalFacts(spec.fields, current);
    else if (spec?.items?.fields && Array.isArray(current))
      kept[name] = current.map((item) =>
        isObject(item) ? withoutOptionalFacts(spec.items?.fields ?? {}, item) : item,
      );
    else kept[name] = current;
  }
  return kept;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
