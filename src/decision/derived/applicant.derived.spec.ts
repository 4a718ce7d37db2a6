import type { CreditRecord, Facts } from '../decision.types';
import { deriveApplicantFacts } from './applicant.derived';

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
      seriousInfringementRecordActive: false,
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
    expect(derived.seriousInfringementRecordActive).toBe(active);
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
    ['cnipa-dishonesty', true],
    ['patent-severe-dishonesty', true],
    ['samr-serious-violation', true],
    ['court-dishonest-debtor', false],
    ['exhibition-blacklist', false],
  ] as const)('an active %s record is a serious infringement record (Art. 49): %s', (list, serious) => {
    const derived = deriveApplicantFacts(applicantWith([{ list, listedOn: '2026-01-01' }]), SUBMITTED_AT);
    expect(derived.seriousInfringementRecordActive).toBe(serious);
  });
});
