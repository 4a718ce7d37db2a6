import { factFixture } from '../../../test/support/fact-fixtures';
import type { Facts } from '../decision.types';
import { derivedFactsOf } from '../../../test/support/derived-facts-of';

/** The technology-trade derived facts as rules/technology-trade/derived.json declares them. */
const deriveTechnologyTradeFacts = (facts: object, submittedAt: string) =>
  derivedFactsOf('technology-trade', facts as Record<string, unknown>, submittedAt);

const SUBMITTED_AT = '2026-03-02T02:00:00Z';

const trade = (change: Record<string, unknown> = {}): Facts => ({
  ...factFixture('technology-trade.low'),
  ...change,
});
const derive = (change: Record<string, unknown> = {}) =>
  deriveTechnologyTradeFacts(trade(change), SUBMITTED_AT);

describe('deriveTechnologyTradeFacts', () => {
  it.each([
    ['export', 'technology', true],
    ['export', 'both', true],
    ['export', 'product', false], // a product export transfers no technology
    ['import', 'technology', false],
    ['import', 'both', false],
  ])('%s of %s: technology export %s', (direction, subject, exported) => {
    expect(derive({ direction, subject }).technologyExport).toBe(exported);
  });

  it.each([
    [[], 0],
    [['tying'], 1],
    [['tying', 'tying'], 1],
    [['tying', 'no-challenge', 'exclusive-grant-back'], 3],
  ])('restrictive clauses %j count as %d', (restrictiveClauses, count) => {
    expect(derive({ restrictiveClauses }).restrictiveClauseCount).toBe(count);
  });

  it('is never fiscally funded, not even for state-funded technology', () => {
    expect(derive({ stateFundedTechnology: true }).fiscallyFunded).toBe(false);
  });

  it('depends on the facts only, not on the submission time', () => {
    expect(deriveTechnologyTradeFacts(trade(), '2020-01-01T00:00:00Z')).toEqual(derive());
  });
});
