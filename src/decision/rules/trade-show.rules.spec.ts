/**
 * The real trade-show rule set (rules/shared + rules/trade-show) through decide(): each legal anchor fires
 * on the facts it names and stays silent on the nearest facts that fall outside it. Every case starts
 * from the low fixture (a 3-day show in Japan opening 100 days after submission) and changes only what it
 * needs.
 */
import { loadDefinitions } from '../../definitions/load-definitions';
import { isValidCreditCode } from '../../common/credit-code';
import { decide } from '../decide';
import type { Decision } from '../decision.types';
import { derivedFactsOf } from '../../../test/support/derived-facts-of';
import { changeFacts, contractViolations, factFixture, REPO_ROOT, type FactChange } from '../../../test/support/fact-fixtures';
import sharedFacts from '../../../rules/shared/derived.json';
import tradeShowFacts from '../../../rules/trade-show/derived.json';

const rules = loadDefinitions(REPO_ROOT).definitions['trade-show'].rules;
/** 10:00 on 2 March 2026 in Beijing. */
const SUBMITTED_AT = '2026-03-02T02:00:00Z';

const decideLow = (change: FactChange = {}) => decide(rules, changeFacts(factFixture('trade-show.low'), change), SUBMITTED_AT);
/** The derived facts a current contract may declare (without those kept only to replay old decisions). */
const fired = (decision: Decision) => decision.explanation.fired.map((trace) => trace.rule);
const basisOf = (decision: Decision, rule: string) => [...decision.findings, ...decision.hardStops].find((item) => item.rule === rule)?.basis;

interface AnchorCase {
  rule: string;
  basis: string;
  fires: FactChange;
  silent: FactChange; // the nearest facts outside the rule
}

const ANCHORS: AnchorCase[] = [
  {
    // against pools and SEPs the answer is a licence or a design-around, advised whatever the protective letter
    rule: 'show.pool-or-standard-rights',
    basis: '欧盟法院 Huawei v ZTE 案判决（C-170/13，2015）；最高人民法院关于审理侵犯专利权纠纷案件应用法律若干问题的解释（二）（2016，2020年修正）第二十四条',
    fires: { competitorRightsKnown: true, knownRightsInPoolsOrStandards: true, protectiveLetterFiled: true },
    silent: { competitorRightsKnown: true, knownRightsInPoolsOrStandards: false, protectiveLetterFiled: true },
  },
  {
    rule: 'show.prior-judgment-against-exhibit',
    basis: '专利法（2020）第七十一条（故意侵权的惩罚性赔偿）',
    fires: { priorJudgmentAgainstExhibit: true },
    silent: { priorJudgmentAgainstExhibit: false },
  },
  {
    rule: 'show.unfiled-inventions-no-grace-period',
    basis: '专利法（2020）第二十二条、第二十四条；专利法实施细则（2023）第三十三条',
    fires: { unfiledInventionsOnDisplay: 2 },
    silent: { unfiledInventionsOnDisplay: 2, exhibition: { bieRecognized: true } },
  },
  {
    rule: 'show.unfiled-inventions-no-grace-period',
    basis: '专利法（2020）第二十二条、第二十四条；专利法实施细则（2023）第三十三条',
    fires: { unfiledInventionsOnDisplay: 1, exhibition: { governmentHosted: false } },
    silent: { unfiledInventionsOnDisplay: 1, exhibition: { governmentHosted: true } }, // hosted by the Chinese government
  },
  {
    rule: 'show.unfiled-inventions-grace-period',
    basis: '专利法（2020）第二十四条；专利法实施细则（2023）第三十三条',
    fires: { unfiledInventionsOnDisplay: 1, exhibition: { bieRecognized: true } },
    silent: { unfiledInventionsOnDisplay: 0, exhibition: { bieRecognized: true } },
  },
  {
    rule: 'show.no-trademark-in-destination',
    basis: '商标权地域性原则：保护工业产权巴黎公约（1967年斯德哥尔摩文本）第六条（商标独立性）、第十一条（国际展览会临时保护，依举办地法律）',
    fires: { trademarkRegisteredInDestination: false },
    silent: { trademarkRegisteredInDestination: true },
  },
  {
    // even at a BIE-recognised exposition, where Art. 11 temporary protection may apply, it is no registration
    rule: 'show.no-trademark-in-destination',
    basis: '商标权地域性原则：保护工业产权巴黎公约（1967年斯德哥尔摩文本）第六条（商标独立性）、第十一条（国际展览会临时保护，依举办地法律）',
    fires: { trademarkRegisteredInDestination: false, exhibition: { bieRecognized: true, country: 'AE' } },
    silent: { trademarkRegisteredInDestination: true, exhibition: { bieRecognized: true, country: 'AE' } },
  },
  {
    rule: 'show.no-patent-in-destination',
    basis: '保护工业产权巴黎公约（1967年斯德哥尔摩文本）第四条之二（专利独立性）',
    fires: { patentsInDestination: false },
    silent: { patentsInDestination: false, exhibitsCount: 0 },
  },
  {
    rule: 'show.no-design-in-destination',
    basis: '保护工业产权巴黎公约（1967年斯德哥尔摩文本）第四条、第五条之五',
    fires: { designsInDestination: false },
    silent: { designsInDestination: false, exhibitsCount: 0 },
  },
  {
    rule: 'show.no-fto-search',
    basis: '广东省知识产权保护条例（2022）第二十九条',
    fires: { ftoSearchDone: false },
    silent: { ftoSearchDone: false, exhibitsCount: 0 },
  },
  {
    rule: 'show.competitor-rights-known',
    basis: '广东省知识产权保护条例（2022）第二十九条',
    fires: { competitorRightsKnown: true },
    silent: { competitorRightsKnown: false },
  },
  {
    rule: 'show.german-fair-no-protective-letter',
    basis: '德国民事诉讼法（ZPO，2016年起的保护函登记文本）第945a条（保护函登记）',
    fires: { exhibition: { country: 'DE' } },
    silent: { exhibition: { country: 'DE' }, protectiveLetterFiled: true },
  },
  {
    rule: 'show.german-fair-no-protective-letter',
    basis: '德国民事诉讼法（ZPO，2016年起的保护函登记文本）第945a条（保护函登记）',
    fires: { exhibition: { country: 'DE' }, protectiveLetterFiled: false },
    silent: { exhibition: { country: 'AT' }, protectiveLetterFiled: false },
  },
  {
    rule: 'show.domestic-complaint-body',
    basis: '展会知识产权保护办法（2006）第六条（附条件）；广东省知识产权保护条例（2022）第三十一条第二款（广东省内必设）',
    fires: { exhibition: { country: 'CN', durationDays: 3 } },
    silent: { exhibition: { country: 'CN', durationDays: 2 } },
  },
  {
    rule: 'show.prior-show-complaints',
    basis: '展会知识产权保护办法（2006）第五条；广东省知识产权保护条例（2022）第三十六条',
    fires: { priorShowComplaints: 1 },
    silent: { priorShowComplaints: 0 },
  },
  {
    rule: 'show.repeat-infringer-barred',
    basis: '广东省知识产权保护条例（2022）第三十一条（主办方知识产权保护规则与参展合同条款，拒绝反复侵权者参加下届展会为主办方惯例，非法定禁止）',
    fires: { priorShowComplaints: 2 },
    silent: { priorShowComplaints: 1 },
  },
  {
    rule: 'show.export-controlled-exhibits',
    basis: '出口管制法（2020）第二条、第十二条',
    fires: { exportControlledExhibits: true, exportLicenceObtained: true }, // the licence cures the offence, not the exposure
    silent: { exportControlledExhibits: false },
  },
  {
    rule: 'show.abroad-no-local-counsel',
    basis: '广东省知识产权保护条例（2022）第二十九条',
    fires: { localCounselArranged: false },
    silent: { localCounselArranged: false, exhibition: { country: 'CN' } },
  },
  {
    rule: 'show.opening-too-soon-to-file',
    basis: '专利法（2020）第十九条；专利法实施细则（2023）第八条、第九条；保护工业产权巴黎公约（1967年斯德哥尔摩文本）第四条',
    // the confidentiality examination may take four months to its decision: 119 days is too short, 120 is not
    fires: { exhibition: { opensOn: '2026-06-29' }, unfiledInventionsOnDisplay: 1 },
    silent: { exhibition: { opensOn: '2026-06-30' }, unfiledInventionsOnDisplay: 1 },
  },
  {
    // a mark needs no confidentiality examination: an unregistered mark alone does not make the show too soon
    rule: 'show.opening-too-soon-to-file',
    basis: '专利法（2020）第十九条；专利法实施细则（2023）第八条、第九条；保护工业产权巴黎公约（1967年斯德哥尔摩文本）第四条',
    fires: { exhibition: { opensOn: '2026-03-31' }, trademarkRegisteredInDestination: false, unfiledInventionsOnDisplay: 1 },
    silent: { exhibition: { opensOn: '2026-03-31' }, trademarkRegisteredInDestination: false, patentsInDestination: false },
  },
  {
    // a domestic show: the Chinese filing itself is the measure, no foreign filing is at stake
    rule: 'show.opening-too-soon-to-file',
    basis: '专利法（2020）第十九条；专利法实施细则（2023）第八条、第九条；保护工业产权巴黎公约（1967年斯德哥尔摩文本）第四条',
    fires: { exhibition: { opensOn: '2026-03-31', country: 'DE' }, unfiledInventionsOnDisplay: 1 },
    silent: { exhibition: { opensOn: '2026-03-31', country: 'CN' }, unfiledInventionsOnDisplay: 1 },
  },
  {
    rule: 'show.opening-too-soon-to-file',
    basis: '专利法（2020）第十九条；专利法实施细则（2023）第八条、第九条；保护工业产权巴黎公约（1967年斯德哥尔摩文本）第四条',
    fires: { exhibition: { opensOn: '2026-03-10' }, unfiledInventionsOnDisplay: 1 },
    silent: { exhibition: { opensOn: '2026-03-10' } }, // nothing left to file
  },
  {
    // a protective letter at a German fair does not stop customs or criminal seizures of known competitor rights
    rule: 'show.protective-letter-limits',
    basis: '德国民事诉讼法（ZPO，2016年起的保护函登记文本）第945a条；欧盟海关知识产权执法条例（Regulation (EU) No 608/2013，2013）',
    fires: { exhibition: { country: 'DE' }, protectiveLetterFiled: true, competitorRightsKnown: true },
    silent: { exhibition: { country: 'DE' }, protectiveLetterFiled: true, competitorRightsKnown: false },
  },
  {
    rule: 'show.protective-letter-limits',
    basis: '德国民事诉讼法（ZPO，2016年起的保护函登记文本）第945a条；欧盟海关知识产权执法条例（Regulation (EU) No 608/2013，2013）',
    fires: { exhibition: { country: 'DE' }, protectiveLetterFiled: true, competitorRightsKnown: true },
    silent: { exhibition: { country: 'FR' }, protectiveLetterFiled: true, competitorRightsKnown: true }, // no German court
  },
  {
    rule: 'show.controlled-exhibits-without-licence',
    basis: '出口管制法（2020）第十二条、第三十四条',
    fires: { exportControlledExhibits: true, exportLicenceObtained: false },
    silent: { exportControlledExhibits: true, exportLicenceObtained: true },
  },
  {
    rule: 'show.controlled-exhibits-without-licence',
    basis: '出口管制法（2020）第十二条、第三十四条',
    fires: { exhibition: { country: 'CN' }, exportControlledExhibits: true, exportLicenceObtained: false }, // shown to foreign visitors at home
    silent: { exportControlledExhibits: true, exportLicenceObtained: undefined }, // not stated: the finding asks for it
  },
];

describe('trade-show rules (real files)', () => {
  it('fixtures satisfy the contract and carry valid credit codes', () => {
    for (const variant of ['low', 'high']) {
      const facts = factFixture(`trade-show.${variant}`);
      expect(contractViolations(rules.facts.input, facts)).toEqual([]);
      expect(isValidCreditCode(facts.applicant.creditCode)).toBe(true);
    }
  });

  it('derives exactly the derived facts the contracts declare', () => {
    const facts = factFixture('trade-show.high');
    expect(Object.keys(derivedFactsOf('shared', facts, SUBMITTED_AT)).sort()).toEqual(Object.keys(sharedFacts.derived).sort());
    expect(Object.keys(derivedFactsOf('trade-show', facts, SUBMITTED_AT)).sort()).toEqual(Object.keys(tradeShowFacts.derived).sort());
  });

  it('has an anchor case above for every scoring and hard-stop rule of rules/trade-show', () => {
    const own = rules.files
      .filter((file) => file.file.startsWith('rules/trade-show/'))
      .flatMap((file) => file.rules)
      .filter((rule) => rule.event.type === 'finding' || rule.event.type === 'hard-stop')
      .map((rule) => rule.name);
    expect(own.filter((name) => !ANCHORS.some((anchor) => anchor.rule === name))).toEqual([]);
  });

  it('finds nothing in the low fixture', async () => {
    const decision = await decideLow();
    expect(decision.findings).toEqual([]);
    expect(decision.hardStops).toEqual([]);
    expect(decision.level).toBe('low');
  });

  it.each(ANCHORS)('$rule fires on its facts with basis $basis', async ({ rule, basis, fires }) => {
    const decision = await decideLow(fires);
    expect(fired(decision)).toContain(rule);
    expect(basisOf(decision, rule)).toBe(basis);
  });

  it.each(ANCHORS)('$rule stays silent just outside them', async ({ rule, silent }) => {
    expect(fired(await decideLow(silent))).not.toContain(rule);
  });

  describe('levels (rules/trade-show/levels.json)', () => {
    const SIX_MONTHS: FactChange = { exhibition: { opensOn: '2026-09-02' } };
    it.each([
      ['no finding', {}, 0, 'low'],
      ['no trademark', { trademarkRegisteredInDestination: false }, 20, 'low'],
      ['known competitor rights', { competitorRightsKnown: true }, 25, 'medium'],
      ['known competitor rights + no trademark', { competitorRightsKnown: true, trademarkRegisteredInDestination: false }, 45, 'medium'],
      // opening in six months: time enough for the confidentiality examination (show.opening-too-soon-to-file)
      ['unfiled inventions at an ordinary fair + no designs', { unfiledInventionsOnDisplay: 1, designsInDestination: false, ...SIX_MONTHS }, 50, 'high'],
      ['... + known competitor rights', { unfiledInventionsOnDisplay: 1, designsInDestination: false, competitorRightsKnown: true, ...SIX_MONTHS }, 75, 'high'],
      ['... + export-controlled exhibits', { unfiledInventionsOnDisplay: 1, designsInDestination: false, exportControlledExhibits: true, ...SIX_MONTHS }, 80, 'critical'],
      ['... opening within four months', { unfiledInventionsOnDisplay: 1, designsInDestination: false }, 65, 'high'],
    ])('%s: score %d is %s', async (_, change, score, level) => {
      const decision = await decideLow(change);
      expect(decision.score).toBe(score);
      expect(decision.level).toBe(level);
    });
  });

  describe('routing (rules/trade-show/routing.json)', () => {
    const departments = (decision: Decision) => decision.route.countersign.map((step) => step.department);

    it.each([
      ['domestic show: the IP office alone', { exhibition: { country: 'CN' } }, ['ipo'], false, false],
      ['show abroad: commerce', {}, ['ipo', 'commerce'], false, false],
      ['controlled exhibits: commerce and customs', { exhibition: { country: 'CN' }, exportControlledExhibits: true, exportLicenceObtained: true }, ['ipo', 'commerce', 'customs'], false, false],
      ['known competitor rights: legal counsel', { competitorRightsKnown: true }, ['ipo', 'commerce', 'justice'], false, false],
      ['repeat infringer: legal counsel', { exhibition: { country: 'CN' }, priorShowComplaints: 2 }, ['ipo', 'justice'], false, false],
      ['one upheld complaint: no legal counsel yet', { exhibition: { country: 'CN' }, priorShowComplaints: 1 }, ['ipo'], false, false],
      ['exhibition subsidy: finance', { fiscalSubsidyRequested: true }, ['ipo', 'commerce', 'finance'], false, false],
      ['controlled exhibits without licence: legality review on the hard stop', { exportControlledExhibits: true, exportLicenceObtained: false }, ['ipo', 'commerce', 'customs'], false, true],
      ['high level: expert panel', { unfiledInventionsOnDisplay: 1, designsInDestination: false }, ['ipo', 'commerce'], true, false],
    ])('%s', async (_, change, expected, expertReview, legalityReview) => {
      const decision = await decideLow(change);
      expect(departments(decision)).toEqual(expected);
      expect(decision.route.mode).toBe('all');
      expect(decision.route.expertReview).toBe(expertReview);
      expect(decision.route.legalityReview).toBe(legalityReview);
    });
  });

  it('scores the high fixture critical with both hard stops', async () => {
    const decision = await decide(rules, factFixture('trade-show.high'), SUBMITTED_AT);
    expect(decision.level).toBe('critical');
    expect(decision.hardStops.map((stop) => stop.rule).sort()).toEqual(['credit.fiscal-fund-bar', 'show.controlled-exhibits-without-licence']);
    expect(decision.route.countersign.map((step) => step.department)).toEqual(['ipo', 'finance', 'commerce', 'customs', 'justice']); // finance first: the blacklist's ground is unstated and fiscal money is sought
    expect(decision.route.expertReview).toBe(true);
    expect(decision.route.legalityReview).toBe(true);
    expect(decision.derivedFacts).toMatchObject({
      daysUntilOpening: 18,
      showAbroad: true,
      gracePeriodCovered: false,
      germanFair: true,
      domesticShowRequiresComplaintBody: false,
      fiscallyFunded: true,
      activeCreditLists: ['exhibition-blacklist', 'samr-serious-violation'],
      activeCreditRecordCount: 2,
      activeCreditGrounds: ['unstated', 'wilful-ip-infringement'],
      fundBarGroundActive: true,
    });
  });
});
