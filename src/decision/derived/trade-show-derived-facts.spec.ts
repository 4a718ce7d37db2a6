import type { Facts } from '../decision.types';
import { derivedFactsOf } from '../../../test/support/derived-facts-of';

/** The trade-show derived facts as rules/trade-show/derived.json declares them. */
const deriveTradeShowFacts = (facts: object, submittedAt: string) =>
  derivedFactsOf('trade-show', facts as Record<string, unknown>, submittedAt);

const SUBMITTED_AT = '2026-03-02T02:00:00Z'; // 2 March 2026, 10:00 in Beijing

function show(
  exhibition: Record<string, unknown> = {},
  fiscalSubsidyRequested: boolean | null = null,
): Facts {
  return {
    applicant: {
      name: '测试有限公司',
      creditCode: '91441500MA51XT7R1T',
      kind: 'enterprise',
      creditRecords: [],
      ipManagementCertified: true,
    },
    exhibition: {
      name: 'Show',
      country: 'JP',
      city: null,
      opensOn: '2026-06-10',
      durationDays: 3,
      bieRecognized: false,
      governmentHosted: null,
      ...exhibition,
    },
    exhibitsCount: 1,
    unfiledInventionsOnDisplay: 0,
    trademarkRegisteredInDestination: true,
    patentsInDestination: true,
    designsInDestination: true,
    ftoSearchDone: true,
    competitorRightsKnown: false,
    protectiveLetterFiled: false,
    priorShowComplaints: 0,
    localCounselArranged: true,
    exportControlledExhibits: false,
    exportLicenceObtained: null,
    fiscalSubsidyRequested,
  };
}

const derive = (exhibition: Record<string, unknown> = {}, subsidy: boolean | null = null) =>
  deriveTradeShowFacts(show(exhibition, subsidy), SUBMITTED_AT);

describe('deriveTradeShowFacts', () => {
  it.each([
    ['2026-03-31', 29],
    ['2026-04-01', 30],
    ['2026-03-02', 0],
    ['2026-02-27', -3], // already open
  ])('counts calendar days from submission to an opening on %s as %d', (opensOn, days) => {
    expect(derive({ opensOn }).daysUntilOpening).toBe(days);
  });

  it('counts from the China date of submission', () => {
    // 20:00 UTC on 1 March is 04:00 on 2 March in Beijing.
    expect(
      deriveTradeShowFacts(show({ opensOn: '2026-03-31' }), '2026-03-01T20:00:00Z').daysUntilOpening,
    ).toBe(29);
  });

  it.each([
    ['CN', false, false],
    ['DE', true, true],
    ['HK', true, false], // Hong Kong has its own IP registers
    ['US', true, false],
  ])('a show in %s is abroad: %s, a German fair: %s', (country, abroad, german) => {
    const derived = derive({ country });
    expect(derived.showAbroad).toBe(abroad);
    expect(derived.germanFair).toBe(german);
  });

  it.each([
    [false, null, false],
    [true, null, true],
    [false, true, true], // hosted by the Chinese government (Patent Law Art. 24(2))
    [false, false, false],
  ])(
    'BIE recognised %s, government hosted %s: grace period covered %s',
    (bieRecognized, governmentHosted, covered) => {
      expect(derive({ bieRecognized, governmentHosted }).gracePeriodCovered).toBe(covered);
    },
  );

  it.each([
    ['CN', 3, true],
    ['CN', 2, false],
    ['CN', 10, true],
    ['DE', 5, false], // the 2006 Measures reach shows held in China only
  ])('a show in %s lasting %d days requires a complaint body: %s', (country, durationDays, required) => {
    expect(derive({ country, durationDays }).domesticShowRequiresComplaintBody).toBe(required);
  });

  it.each([
    [true, true],
    [false, false],
    [null, false],
  ])('is fiscally funded when an exhibition subsidy is requested (%s): %s', (subsidy, funded) => {
    expect(derive({}, subsidy).fiscallyFunded).toBe(funded);
  });
});
