/**
 * The shared credit rules (rules/shared/credit.json) run in every type's rule set; here through the real
 * talent-introduction and trade-show sets. Each list fires its finding while a record is active and not
 * once it has lapsed; the Guangdong Art. 49 fund bar stops a case only where fiscal money is asked for.
 */
import { loadDefinitions } from '../../definitions/load-definitions';
import { decide } from '../decide';
import type { CreditRecord, Decision, Facts } from '../decision.types';
import { changeFacts, factFixture, REPO_ROOT, type FactChange } from '../../../test/support/fact-fixtures';

const catalogue = loadDefinitions(REPO_ROOT);
/** 10:00 on 2 March 2026 in Beijing. */
const SUBMITTED_AT = '2026-03-02T02:00:00Z';

/** How each type asks for fiscal money, which is what makes Art. 49 bite. */
const FISCAL_FUNDING: Partial<Record<string, FactChange>> = {
  'talent-introduction': { subsidyRequested: true },
  'trade-show': { fiscalSubsidyRequested: true },
};

const withApplicant = (facts: Facts, applicant: Partial<Facts['applicant']>): Facts => ({ ...facts, applicant: { ...facts.applicant, ...applicant } });
const fired = (decision: Decision) => decision.explanation.fired.map((trace) => trace.rule);

/** Listed a year before submission, no end: active for three years. */
const active = (list: CreditRecord['list']): CreditRecord => ({ list, listedOn: '2025-03-02' });
/** Listed more than three years before submission, no end: lapsed. */
const lapsed = (list: CreditRecord['list']): CreditRecord => ({ list, listedOn: '2023-03-01' });

const LIST_RULES: { list: CreditRecord['list']; rule: string; dimension: string; basis: string }[] = [
  { list: 'cnipa-dishonesty', rule: 'credit.cnipa-dishonesty-active', dimension: 'compliance', basis: '国家知识产权局知识产权信用管理规定（2022）（严重失信主体的管理措施：财政性资金项目申请从严审批）' },
  {
    list: 'patent-severe-dishonesty',
    rule: 'credit.patent-severe-dishonesty-active',
    dimension: 'compliance',
    basis: '专利领域严重失信联合惩戒对象名单管理办法（试行）（2019）；关于对知识产权（专利）领域严重失信主体开展联合惩戒的合作备忘录（2018）',
  },
  // lists that are not about IP count against management; the ground decides about the Art. 49 bar
  { list: 'samr-serious-violation', rule: 'credit.samr-serious-violation-active', dimension: 'management', basis: '市场监督管理严重违法失信名单管理办法（2021）' },
  { list: 'court-dishonest-debtor', rule: 'credit.court-dishonest-debtor-active', dimension: 'management', basis: '最高人民法院关于公布失信被执行人名单信息的若干规定（2013年，2017年修正）第八条' },
  { list: 'exhibition-blacklist', rule: 'credit.exhibition-blacklist-active', dimension: 'compliance', basis: '广东省知识产权保护条例（2022）第三十一条（主办方知识产权保护规则与参展合同条款，拒绝反复侵权者参加下届展会为主办方惯例，非法定禁止）' },
];

describe.each(Object.keys(FISCAL_FUNDING) as string[])('credit rules in the %s rule set (real files)', (type) => {
  const rules = catalogue.definitions[type].rules;
  const low = () => factFixture(`${type}.low`);
  const decideWith = (facts: Facts) => decide(rules, facts, SUBMITTED_AT);
  const withRecords = (creditRecords: CreditRecord[], change: FactChange = {}) => withApplicant(changeFacts(low(), change), { creditRecords });

  it('runs the shared credit file first', () => {
    expect(rules.files[0].file).toBe('rules/shared/credit.json');
  });

  it.each(LIST_RULES)('$rule fires while a $list record is active, with basis $basis', async ({ list, rule, dimension, basis }) => {
    const decision = await decideWith(withRecords([active(list)]));
    expect(fired(decision)).toContain(rule);
    expect(decision.findings.find((finding) => finding.rule === rule)).toMatchObject({ dimension, basis, measure: 'credit-repair' });
  });

  it.each(LIST_RULES)('$rule is silent once the $list record has lapsed', async ({ list, rule }) => {
    expect(fired(await decideWith(withRecords([lapsed(list)])))).not.toContain(rule);
  });

  it.each(LIST_RULES)('$rule is silent after an explicit end date', async ({ list, rule }) => {
    expect(fired(await decideWith(withRecords([{ list, listedOn: '2025-03-02', expiresOn: '2026-03-01' }])))).not.toContain(rule);
  });

  it('credit.several-active-records fires on two active records, not on one active and one lapsed', async () => {
    expect(fired(await decideWith(withRecords([active('court-dishonest-debtor'), active('court-dishonest-debtor')])))).toContain(
      'credit.several-active-records',
    );
    expect(fired(await decideWith(withRecords([active('court-dishonest-debtor'), lapsed('cnipa-dishonesty')])))).not.toContain(
      'credit.several-active-records',
    );
  });

  it.each([
    ['an uncertified enterprise', { kind: 'enterprise', ipManagementCertified: false }, true],
    ['an uncertified university', { kind: 'university', ipManagementCertified: false }, true],
    ['a certified enterprise', { kind: 'enterprise', ipManagementCertified: true }, false],
    ['a government body (the standard is not for it)', { kind: 'government', ipManagementCertified: false }, false],
  ] as const)('credit.no-ip-compliance-certification for %s: %s', async (_, applicant, fires) => {
    const decision = await decideWith(withApplicant(low(), applicant));
    expect(fired(decision).includes('credit.no-ip-compliance-certification')).toBe(fires);
    if (fires) expect(decision.measures.map((measure) => measure.code)).toContain('ip-compliance-system');
  });

  describe('credit.fiscal-fund-bar (广东省知识产权保护条例（2022）第四十九条): keyed on the ground, not the list', () => {
    const fiscal = FISCAL_FUNDING[type] as FactChange;
    const listed = (list: CreditRecord['list'], reason: string | undefined, ground?: CreditRecord['ground']): CreditRecord => ({
      list,
      listedOn: '2025-03-02',
      ...(reason === undefined ? {} : { reason }),
      ...(ground === undefined ? {} : { ground }),
    });
    const stops = (decision: Decision) => decision.hardStops.map((stop) => stop.rule);

    it.each([
      ['a SAMR listing for wilful trademark infringement', listed('samr-serious-violation', '故意侵犯他人注册商标专用权，情节严重'), 'wilful-ip-infringement'],
      ['a court listing for refusing to pay a patent judgment', listed('court-dishonest-debtor', '拒不履行专利侵权纠纷生效判决'), 'refusal-to-execute-ip-judgment'],
      ['a conviction for selling counterfeit marked goods', listed('samr-serious-violation', '销售假冒注册商标的商品罪，判处罚金'), 'ip-crime'],
      ['a CNIPA listing whose ground the caller states', listed('cnipa-dishonesty', undefined, 'other-serious-ip-infringement'), 'other-serious-ip-infringement'],
    ])('stops a fiscally funded case for %s, shows the ground, and sends it to legality review', async (_, record, ground) => {
      const decision = await decideWith(withRecords([record], fiscal));
      expect(decision.hardStops).toEqual([
        expect.objectContaining({ rule: 'credit.fiscal-fund-bar', basis: '广东省知识产权保护条例（2022）第四十九条', measure: 'credit-repair' }),
      ]);
      expect(decision.derivedFacts).toMatchObject({ activeCreditGrounds: [ground], fundBarGroundActive: true });
      expect(fired(decision)).toContain('credit.fund-bar-ground-active');
      expect(decision.route.legalityReview).toBe(true);
      expect(decision.route.countersign.map((step) => step.department)).toContain('finance');
    });

    it.each([
      ['a CNIPA listing for non-normal patent filings', listed('cnipa-dishonesty', '非正常专利申请'), 'non-normal-patent-filing'],
      ['a CNIPA listing for bad-faith trademark filings', listed('cnipa-dishonesty', '恶意商标注册申请'), 'bad-faith-trademark-filing'],
      ['a SAMR listing for food safety', listed('samr-serious-violation', '生产经营不符合食品安全标准的食品，情节严重'), 'non-ip'],
      ['a court listing for an unpaid loan', listed('court-dishonest-debtor', '拒不履行借款合同纠纷生效判决'), 'non-ip'],
    ])('does not stop a fiscally funded case for %s', async (_, record, ground) => {
      const decision = await decideWith(withRecords([record], fiscal));
      expect(stops(decision)).toEqual([]);
      expect(decision.derivedFacts).toMatchObject({ activeCreditGrounds: [ground], fundBarGroundActive: false });
      expect(fired(decision)).not.toContain('credit.fund-bar-ground-active');
    });

    it('a CNIPA dishonesty listing means stricter review of a fiscal application: finance and the expert panel, no bar', async () => {
      const decision = await decideWith(withRecords([listed('cnipa-dishonesty', '非正常专利申请')], fiscal));
      expect(fired(decision)).toEqual(expect.arrayContaining(['credit.cnipa-dishonesty-active', 'credit.route-stricter-review']));
      expect(decision.route.expertReview).toBe(true);
      expect(decision.route.countersign.map((step) => step.department)).toContain('finance');
      // the same listing without fiscal money: the finding, but no stricter-review route
      expect(fired(await decideWith(withRecords([listed('cnipa-dishonesty', '非正常专利申请')])))).not.toContain('credit.route-stricter-review');
    });

    it('a ground neither stated nor readable asks for verification, with legal counsel where fiscal money is sought, and does not bar', async () => {
      const decision = await decideWith(withRecords([listed('cnipa-dishonesty', undefined)], fiscal));
      expect(stops(decision)).toEqual([]);
      expect(decision.derivedFacts).toMatchObject({ activeCreditGrounds: ['unstated'] });
      expect(fired(decision)).toEqual(expect.arrayContaining(['credit.ground-unstated', 'credit.route-ground-unstated-fiscal']));
      expect(decision.measures.map((measure) => measure.code)).toContain('credit-ground-verification');
      expect(decision.route.legalityReview).toBe(true);
      // a stated ground settles it
      const stated = await decideWith(withRecords([listed('cnipa-dishonesty', undefined, 'non-normal-patent-filing')], fiscal));
      expect(fired(stated)).not.toContain('credit.ground-unstated');
    });

    it('does not stop a case without fiscal funding, though the finding stands', async () => {
      const decision = await decideWith(withRecords([listed('samr-serious-violation', '故意侵犯注册商标专用权')]));
      expect(decision.hardStops).toEqual([]);
      expect(fired(decision)).toContain('credit.fund-bar-ground-active');
    });

    it('does not stop once the record has lapsed (three years without an end date)', async () => {
      const record = { ...listed('samr-serious-violation', '故意侵犯注册商标专用权'), listedOn: '2023-03-01' };
      expect((await decideWith(withRecords([record], fiscal))).hardStops).toEqual([]);
    });

    it('bars up to the last day of the third year and not the day after', async () => {
      const on = (listedOn: string) => withRecords([{ list: 'court-dishonest-debtor', listedOn, ground: 'refusal-to-execute-ip-judgment' }], fiscal);
      expect((await decideWith(on('2023-03-02'))).hardStops.map((stop) => stop.rule)).toEqual(['credit.fiscal-fund-bar']);
      expect((await decideWith(on('2023-03-01'))).hardStops).toEqual([]);
    });
  });
});
