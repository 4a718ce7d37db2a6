import { factFixture } from '../../../test/support/fact-fixtures';
import type { Facts } from '../decision.types';
import { derivedFactsOf } from '../../../test/support/derived-facts-of';

/** The major-project derived facts as rules/major-project/derived.json declares them. */
const deriveMajorProjectFacts = (facts: object, submittedAt: string) =>
  derivedFactsOf('major-project', facts as Record<string, unknown>, submittedAt);

const SUBMITTED_AT = '2026-03-02T02:00:00Z';

const project = (change: Record<string, unknown> = {}): Facts => ({
  ...factFixture('major-project.low'),
  ...change,
});
const derive = (change: Record<string, unknown> = {}) =>
  deriveMajorProjectFacts(project(change), SUBMITTED_AT);

describe('deriveMajorProjectFacts', () => {
  it.each([
    ['fiscal', 0, true],
    ['mixed', 0, true],
    ['state-capital', 0, false], // state capital is not fiscal money (Guangdong Art. 49 bars fiscal funds)
    ['private', 0, false],
    ['private', 1, true], // fiscal input counts whatever the label says
    ['state-capital', 2_000_000, true],
  ])('funding %s with fiscal input %d: fiscally funded %s', (fundingSource, fiscalInvestmentCny, funded) => {
    expect(derive({ fundingSource, fiscalInvestmentCny }).fiscallyFunded).toBe(funded);
  });

  it.each([
    ['industrial-plan', 'economic'],
    ['government-investment', 'economic'],
    ['overseas-acquisition', 'economic'],
    ['innovation-project', 'sci-tech'],
    ['sci-tech-project', 'sci-tech'],
    ['technology-introduction', 'sci-tech'], // Jiangsu 2016 lists major technology introduction as an S&T activity
  ])('a %s is an %s activity', (category, kind) => {
    expect(derive({ category }).activityKind).toBe(kind);
  });

  it.each([
    [['CN', 'DE'], ['CN', 'DE', 'US'], 0],
    [['CN', 'DE', 'JP'], ['CN'], 2],
    [['CN', 'CN', 'JP'], [], 2], // a market listed twice is one market
    [[], ['US'], 0],
  ])(
    'target markets %j, patents filed in %j: %d markets uncovered',
    (targetMarkets, patentCoverageMarkets, uncovered) => {
      expect(derive({ targetMarkets, patentCoverageMarkets }).uncoveredTargetMarkets).toBe(uncovered);
    },
  );

  it('knows whether IP targets were set (absent optional facts arrive as null)', () => {
    expect(derive().ipTargetsSet).toBe(true);
    expect(derive({ ipTargets: null }).ipTargetsSet).toBe(false);
  });

  it('depends on the facts only, not on the submission time', () => {
    expect(deriveMajorProjectFacts(project(), '2020-01-01T00:00:00Z')).toEqual(derive());
  });
});
