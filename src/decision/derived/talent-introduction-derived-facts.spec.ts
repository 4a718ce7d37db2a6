import type { Facts } from '../decision.types';
import { derivedFactsOf } from '../../../test/support/derived-facts-of';

/** The talent-introduction derived facts as rules/talent-introduction/derived.json declares them. */
const deriveTalentIntroductionFacts = (facts: object, submittedAt: string) =>
  derivedFactsOf('talent-introduction', facts as Record<string, unknown>, submittedAt);

/** 10:00 on 2 March 2026 in Beijing (still 1 March in some time zones west of UTC+8). */
const SUBMITTED_AT = '2026-03-02T02:00:00Z';

interface Variant {
  departedOn?: string | null;
  role?: string;
  confidentialityAgreement?: boolean;
  nonCompete?: Record<string, unknown>;
  subsidyRequested?: boolean | null;
}

function talent(variant: Variant = {}): Facts {
  return {
    applicant: {
      name: '测试有限公司',
      creditCode: '91441500MA4W3K2QXP',
      kind: 'enterprise',
      creditRecords: [],
      ipManagementCertified: true,
    },
    candidate: { name: '候选人', role: variant.role ?? 'engineer', field: '伺服控制' },
    formerEmployer: { name: '原单位', country: 'CN', competitor: false },
    departedOn: 'departedOn' in variant ? variant.departedOn : '2024-06-30',
    laborContractTerminated: true,
    confidentialityAgreement: variant.confidentialityAgreement ?? false,
    nonCompete: variant.nonCompete ?? { signed: false },
    applicationsSinceDeparture: 0,
    formerEmployerOwnedPatentsAsInventor: 0,
    plannedWorkOverlapsFormerDuties: false,
    claimedAchievementsVerified: true,
    exportControlledField: false,
    subsidyRequested: variant.subsidyRequested ?? null,
  };
}

const derive = (variant: Variant) => deriveTalentIntroductionFacts(talent(variant), SUBMITTED_AT);

describe('deriveTalentIntroductionFacts', () => {
  it.each([
    ['2025-03-03', 11],
    ['2025-03-02', 11], // the anniversary is the last day of the first year (Civil Code Arts. 201-202)
    ['2025-03-01', 12], // a year and a day: the service-invention window has closed
    ['2025-02-28', 12],
    ['2024-03-02', 23], // the last day of the second year
    ['2024-03-01', 24],
    ['2026-03-02', 0], // left that day
    ['2026-03-01', 0], // left the day before
  ])('counts months completed since a departure on %s as %d', (departedOn, months) => {
    const derived = derive({ departedOn });
    expect(derived.monthsSinceDeparture).toBe(months);
    expect(derived.stillEmployedElsewhere).toBe(false);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['in the future (serving notice)', '2026-04-30'],
  ])('treats a departure date %s as still employed, with no months since departure', (_, departedOn) => {
    const derived = derive({ departedOn: departedOn as string | null });
    expect(derived.stillEmployedElsewhere).toBe(true);
    expect(derived.monthsSinceDeparture).toBeNull();
  });

  describe('non-compete', () => {
    it.each([
      ['ends after the submission date', '2026-06-30', true],
      ['ends on the submission date (its last day)', '2026-03-02', true],
      ['ended the day before', '2026-03-01', false],
    ])('a signed non-compete that %s is running: %s', (_, endsOn, running) => {
      expect(derive({ nonCompete: { signed: true, endsOn } }).nonCompeteRunning).toBe(running);
    });

    it('is not running when not signed, whatever its end', () => {
      expect(derive({ nonCompete: { signed: false, endsOn: '2027-01-01' } }).nonCompeteRunning).toBe(false);
    });

    it.each([
      ['2024-03-03', true], // the statutory two years end on 2026-03-03
      ['2024-03-02', true], // ... on 2026-03-02, the submission date itself
      ['2024-03-01', false],
    ])(
      'without an end date it binds for the statutory two years from departure on %s: %s',
      (departedOn, running) => {
        expect(derive({ departedOn, nonCompete: { signed: true } }).nonCompeteRunning).toBe(running);
      },
    );

    it('stops binding at the two-year limit even where a longer end was agreed', () => {
      const derived = derive({
        departedOn: '2024-01-15',
        nonCompete: { signed: true, endsOn: '2027-01-15' },
      });
      expect(derived.nonCompeteRunning).toBe(false);
      expect(derived.nonCompeteDurationMonths).toBe(36);
    });

    it('binds a candidate still employed from the day they leave', () => {
      expect(
        derive({ departedOn: undefined, nonCompete: { signed: true, endsOn: '2028-01-01' } })
          .nonCompeteRunning,
      ).toBe(true);
      expect(derive({ departedOn: undefined, nonCompete: { signed: true } }).nonCompeteRunning).toBe(true);
    });

    it.each([
      ['2026-06-30', 24], // exactly two years from 2024-06-30
      ['2026-07-01', 25], // two years and a day exceed Art. 24
      ['2025-06-30', 12],
      ['2025-07-15', 13],
    ])('counts the duration to %s as %d months, a part month as a whole one', (endsOn, months) => {
      expect(derive({ nonCompete: { signed: true, endsOn } }).nonCompeteDurationMonths).toBe(months);
    });

    it('has no duration without an end date, without a departure date or without a signature', () => {
      expect(derive({ nonCompete: { signed: true } }).nonCompeteDurationMonths).toBeNull();
      expect(
        derive({ departedOn: undefined, nonCompete: { signed: true, endsOn: '2027-01-01' } })
          .nonCompeteDurationMonths,
      ).toBeNull();
      expect(
        derive({ nonCompete: { signed: false, endsOn: '2027-01-01' } }).nonCompeteDurationMonths,
      ).toBeNull();
    });

    it.each([
      ['senior-technical', false, true],
      ['senior-management', false, true],
      ['researcher', false, false],
      ['engineer', false, false],
      ['researcher', true, true], // "other staff bound to confidentiality" (Art. 24)
      ['other', true, true],
    ])(
      'role %s with confidentiality agreement %s may be bound by a non-compete: %s',
      (role, confidentialityAgreement, eligible) => {
        expect(derive({ role, confidentialityAgreement }).nonCompeteRoleEligible).toBe(eligible);
      },
    );

    it.each([
      ['2025-12-01', false, 3],
      ['2025-12-02', false, 2], // the third month ends that day: three months have not yet passed
      ['2025-12-01', true, null],
      ['2025-12-01', null, null], // not stated: nothing to count
    ])(
      'after leaving on %s with compensation paid %s, months unpaid are %s',
      (departedOn, compensationPaid, months) => {
        const derived = derive({
          departedOn,
          nonCompete: { signed: true, endsOn: '2027-12-01', compensationPaid },
        });
        expect(derived.nonCompeteCompensationUnpaidMonths).toBe(months);
      },
    );

    it('counts no unpaid months while the candidate is still employed', () => {
      expect(
        derive({ departedOn: undefined, nonCompete: { signed: true, compensationPaid: false } })
          .nonCompeteCompensationUnpaidMonths,
      ).toBeNull();
    });
  });

  it.each([
    [true, true],
    [false, false],
    [null, false],
  ])('is fiscally funded when a subsidy is requested (%s): %s', (subsidyRequested, funded) => {
    expect(derive({ subsidyRequested }).fiscallyFunded).toBe(funded);
  });
});
