import { ACTIVITY_TYPES } from '../../../test/support/activity-types';
import { loadDefinitions } from '../../definitions/load-definitions';
import { factFixture, REPO_ROOT } from '../../../test/support/fact-fixtures';
import { normaliseFacts } from '../normalise-facts';
import type { FactContract } from '../rule-set.types';
import { deriveFacts, evaluate } from './derive-facts';

const SUBMITTED_AT = '2025-06-30T16:30:00.000Z';
const catalogue = loadDefinitions(REPO_ROOT);
const label = { zh: '标签', en: 'label' };

describe('deriveFacts over the shipped declarations', () => {
  it.each(ACTIVITY_TYPES)(
    '%s: computes exactly the derived facts of the merged contract (shared + type)',
    (type) => {
      const rules = catalogue.definitions[type].rules;
      const facts = normaliseFacts(rules.facts, factFixture(`${type}.high`));
      expect(Object.keys(deriveFacts(rules.facts, facts, SUBMITTED_AT))).toEqual(
        Object.keys(rules.facts.derived),
      );
    },
  );

  it.each(ACTIVITY_TYPES)('%s: the applicant facts are the same in every type', (type) => {
    const rules = catalogue.definitions[type].rules;
    const other = catalogue.definitions[ACTIVITY_TYPES[0]].rules;
    const facts = normaliseFacts(rules.facts, factFixture(`${type}.high`));
    const shared = ['activeCreditLists', 'activeCreditRecordCount', 'seriousInfringementRecordActive'];
    const pick = (all: Record<string, unknown>) => shared.map((name) => all[name]);
    expect(pick(deriveFacts(rules.facts, facts, SUBMITTED_AT))).toEqual(
      pick(deriveFacts(other.facts, facts, SUBMITTED_AT)),
    );
  });
});

describe('deriveFacts', () => {
  const contract = (derived: FactContract['derived']): FactContract => ({ input: {}, derived });

  it('computes in declaration order, so a later derived fact reads an earlier one', () => {
    const derived = deriveFacts(
      contract({
        days: {
          kind: 'integer',
          label,
          compute: { fn: 'daysUntil', args: { date: { fact: 'show.opensOn' } } },
        },
        soon: {
          kind: 'boolean',
          label,
          compute: {
            fn: 'not',
            args: { condition: { fn: 'atLeast', args: { value: { fact: 'days' }, min: 30 } } },
          },
        },
      }),
      { show: { opensOn: '2026-03-10' } },
      '2026-03-01T02:00:00Z',
    );
    expect(derived).toEqual({ days: 9, soon: true });
  });

  it('reads a missing path as null and never the clock: the submission date is the only date', () => {
    const scope = { a: { b: null } };
    const context = { submissionDate: '2026-01-01' };
    expect(evaluate({ fact: 'a.b.c' }, scope, context)).toBeNull();
    expect(evaluate({ fact: 'x' }, scope, context)).toBeNull();
    expect(evaluate({ fn: 'submissionDate' }, scope, context)).toBe('2026-01-01');
    expect(evaluate(['x', { fact: 'a.b' }, 3], scope, context)).toEqual(['x', null, 3]);
  });

  it('refuses a function that is not in the vocabulary (the loader refuses it first)', () => {
    expect(() => evaluate({ fn: 'toString' }, {}, { submissionDate: '2026-01-01' })).toThrow(
      'Unknown derivation function "toString"',
    );
  });
});
