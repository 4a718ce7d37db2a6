import type { CreditRecord, Facts } from '../decision.types';
import { derivedFactsOf } from '../../../test/support/derived-facts-of';

/** The applicant derived facts as rules/shared/derived.json declares them. */
const deriveApplicantFacts = (facts: object, submittedAt: string) =>
  derivedFactsOf('shared', facts as Record<string, unknown>, submittedAt);

const applicantWith = (creditRecords: CreditRecord[]): Facts => ({
  applicant: {
    name: '测试有限公司',
    creditCode: '91441500MA4W3K2QXP',
    kind: 'enterprise',
    creditRecords,
    ipManagementCertified: true,
  },
});

/** 09:00 on 25 November 2026 in Beijing. */
const SUBMITTED_AT = '2026-11-25T01:00:00Z';

describe('deriveApplicantFacts', () => {
  it('reports nothing active without records', () => {
    expect(deriveApplicantFacts(applicantWith([]), SUBMITTED_AT)).toEqual({
      activeCreditLists: [],
      activeCreditRecordCount: 0,
      activeCreditGrounds: [],
      fundBarGroundActive: false,
    });
  });

  it.each([
    ['listed that very day', { listedOn: '2026-11-25' }, true],
    ['listed tomorrow', { listedOn: '2026-11-26' }, false],
    ['expiring that day (last day counts)', { listedOn: '2025-01-01', expiresOn: '2026-11-25' }, true],
    ['expired the day before', { listedOn: '2025-01-01', expiresOn: '2026-11-24' }, false],
    ['no end, three years ago to the day (last day of the period)', { listedOn: '2023-11-25' }, true],
    ['no end, three years and a day ago', { listedOn: '2023-11-24' }, false],
    ['no end, expiresOn null as normalised', { listedOn: '2024-02-01', expiresOn: null }, true],
    [
      'an explicit end beyond three years wins over the default',
      { listedOn: '2022-01-01', expiresOn: '2027-01-01' },
      true,
    ],
  ])('a record %s is active: %s', (_, dates, active) => {
    const derived = deriveApplicantFacts(
      applicantWith([{ list: 'cnipa-dishonesty', ...dates }]),
      SUBMITTED_AT,
    );
    expect(derived.activeCreditRecordCount).toBe(active ? 1 : 0);
    expect(derived.activeCreditLists).toEqual(active ? ['cnipa-dishonesty'] : []);
    // No ground stated and no reason to read it from.
    expect(derived.activeCreditGrounds).toEqual(active ? ['unstated'] : []);
  });

  it('reads the submission date in China time, not UTC', () => {
    const facts = applicantWith([{ list: 'court-dishonest-debtor', listedOn: '2026-11-25' }]);
    // 23:59 on the 24th in UTC is already 07:59 on the 25th in Beijing.
    expect(deriveApplicantFacts(facts, '2026-11-24T23:59:00Z').activeCreditRecordCount).toBe(1);
    expect(deriveApplicantFacts(facts, '2026-11-24T15:59:00Z').activeCreditRecordCount).toBe(0);
  });

  it('lists active codes once each, sorted, and counts every active record', () => {
    const derived = deriveApplicantFacts(
      applicantWith([
        { list: 'samr-serious-violation', listedOn: '2026-01-01' },
        { list: 'court-dishonest-debtor', listedOn: '2025-06-01' },
        { list: 'samr-serious-violation', listedOn: '2025-03-01' },
        { list: 'exhibition-blacklist', listedOn: '2020-01-01' },
      ]),
      SUBMITTED_AT,
    );
    expect(derived.activeCreditLists).toEqual(['court-dishonest-debtor', 'samr-serious-violation']);
    expect(derived.activeCreditRecordCount).toBe(3);
  });

  it.each([
    ['cnipa-dishonesty', { ground: 'wilful-ip-infringement' }, true],
    ['court-dishonest-debtor', { ground: 'refusal-to-execute-ip-judgment' }, true],
    ['samr-serious-violation', { reason: '生产销售不合格食品' }, false], // a SAMR listing on a non-IP ground
    ['cnipa-dishonesty', { ground: 'non-normal-patent-filing' }, false], // stricter review, not a bar
    ['patent-severe-dishonesty', {}, false], // unstated: verified before funds, never a bar by itself
    ['exhibition-blacklist', { reason: '侵犯商标专用权构成假冒注册商标罪' }, true],
  ] as const)(
    'an active %s record with %j bars fiscal funds (Guangdong Art. 49, by its ground): %s',
    (list, ground, bars) => {
      const derived = deriveApplicantFacts(
        applicantWith([{ list, listedOn: '2026-01-01', ...ground } as CreditRecord]),
        SUBMITTED_AT,
      );
      expect(derived.fundBarGroundActive).toBe(bars);
    },
  );

  it('lists the grounds of the active records once each, sorted', () => {
    const derived = deriveApplicantFacts(
      applicantWith([
        { list: 'samr-serious-violation', listedOn: '2026-01-01', ground: 'ip-crime' },
        { list: 'cnipa-dishonesty', listedOn: '2026-01-01', reason: '非正常专利申请' },
        { list: 'cnipa-dishonesty', listedOn: '2026-02-01', ground: 'ip-crime' },
        { list: 'cnipa-dishonesty', listedOn: '2020-01-01', ground: 'wilful-ip-infringement' }, // expired
      ]),
      SUBMITTED_AT,
    );
    expect(derived.activeCreditGrounds).toEqual(['ip-crime', 'non-normal-patent-filing']);
  });
});
