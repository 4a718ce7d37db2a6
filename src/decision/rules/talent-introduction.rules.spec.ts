/**
 * The real talent-introduction rule set (rules/shared + rules/talent-introduction) through decide(): each
 * legal anchor fires on the facts it names and stays silent on the nearest facts that fall outside it.
 * Every case starts from the low fixture and changes only what it needs.
 */
import { loadDefinitions } from '../../definitions/load-definitions';
import { isValidCreditCode } from '../../common/credit-code';
import { decide } from '../decide';
import type { Decision } from '../decision.types';
import { derivedFactsOf } from '../../../test/support/derived-facts-of';
import { changeFacts, contractViolations, factFixture, REPO_ROOT, type FactChange } from '../../../test/support/fact-fixtures';
import sharedFacts from '../../../rules/shared/derived.json';
import talentFacts from '../../../rules/talent-introduction/derived.json';

const rules = loadDefinitions(REPO_ROOT).definitions['talent-introduction'].rules;
/** 10:00 on 2 March 2026 in Beijing; the low fixture's candidate left on 30 June 2024 (20 months before). */
const SUBMITTED_AT = '2026-03-02T02:00:00Z';

const decideLow = (change: FactChange = {}) => decide(rules, changeFacts(factFixture('talent-introduction.low'), change), SUBMITTED_AT);
/** The derived facts a current contract may declare (without those kept only to replay old decisions). */
const fired = (decision: Decision) => decision.explanation.fired.map((trace) => trace.rule);
const basisOf = (decision: Decision, rule: string) =>
  [...decision.findings, ...decision.hardStops].find((item) => item.rule === rule)?.basis;

/** A non-compete the low fixture's candidate (left 2024-06-30) is bound by until its statutory end. */
const bindingNonCompete = { signed: true, endsOn: '2026-06-30', overlapsNewRole: true };

interface AnchorCase {
  rule: string;
  basis: string;
  fires: FactChange;
  silent: FactChange; // the nearest facts outside the rule
}

const ANCHORS: AnchorCase[] = [
  {
    // a third engineer from the same competitor for the same work; from a non-competitor it is no pattern
    rule: 'talent.several-hires-same-competitor',
    basis: '反不正当竞争法（2025年修订）第十条（2019年文本第九条）',
    fires: { formerEmployer: { competitor: true }, colleaguesHiredFromSameEmployer: 2 },
    silent: { formerEmployer: { competitor: true }, colleaguesHiredFromSameEmployer: 1 },
  },
  {
    rule: 'talent.several-hires-same-competitor',
    basis: '反不正当竞争法（2025年修订）第十条（2019年文本第九条）',
    fires: { formerEmployer: { competitor: true }, colleaguesHiredFromSameEmployer: 3 },
    silent: { formerEmployer: { competitor: false }, colleaguesHiredFromSameEmployer: 3 },
  },
  {
    rule: 'talent.declassification-period',
    basis: '保守国家秘密法（2024年修订）第四十六条',
    fires: { inDeclassificationPeriod: true },
    silent: { inDeclassificationPeriod: false },
  },
  {
    rule: 'talent.service-invention-window',
    basis: '专利法（2020）第六条；专利法实施细则（2023）第十三条第（三）项',
    fires: { departedOn: '2025-03-02', applicationsSinceDeparture: 1 }, // no dates, but the year has not run out
    silent: { departedOn: '2025-03-01', applicationsSinceDeparture: 1 },
  },
  {
    // evaluated 18 months after leaving: an application filed in month 5 is inside the window all the same
    rule: 'talent.service-invention-window',
    basis: '专利法（2020）第六条；专利法实施细则（2023）第十三条第（三）项',
    fires: { departedOn: '2024-09-01', applicationsSinceDeparture: 1, relatedApplicationFilingDates: ['2025-02-01'] },
    silent: { departedOn: '2024-09-01', applicationsSinceDeparture: 1, relatedApplicationFilingDates: ['2025-09-02'] },
  },
  {
    // the window ends on the same day a year after departure, and that day counts
    rule: 'talent.service-invention-window',
    basis: '专利法（2020）第六条；专利法实施细则（2023）第十三条第（三）项',
    fires: { departedOn: '2025-03-01', applicationsSinceDeparture: 2, relatedApplicationFilingDates: ['2026-03-02', '2026-03-01'] },
    silent: { departedOn: '2025-03-01', applicationsSinceDeparture: 1, relatedApplicationFilingDates: ['2026-03-02'] },
  },
  {
    // more than a year since leaving and no dates: the window cannot be judged, so the dates are asked for
    rule: 'talent.service-invention-filing-dates-missing',
    basis: '专利法（2020）第六条；专利法实施细则（2023）第十三条第（三）项',
    fires: { departedOn: '2024-09-01', applicationsSinceDeparture: 1 },
    silent: { departedOn: '2024-09-01', applicationsSinceDeparture: 1, relatedApplicationFilingDates: ['2025-10-01'] },
  },
  {
    rule: 'talent.service-invention-filing-dates-missing',
    basis: '专利法（2020）第六条；专利法实施细则（2023）第十三条第（三）项',
    fires: { departedOn: '2024-09-01', applicationsSinceDeparture: 1 },
    silent: { departedOn: '2025-09-01', applicationsSinceDeparture: 1 }, // within the year: every application is inside it
  },
  {
    rule: 'talent.service-invention-window-planned-work',
    basis: '专利法（2020）第六条；专利法实施细则（2023）第十三条',
    fires: { departedOn: '2025-09-01', plannedWorkOverlapsFormerDuties: true },
    silent: { departedOn: '2025-03-01', plannedWorkOverlapsFormerDuties: true },
  },
  {
    rule: 'talent.still-employed',
    basis: '专利法（2020）第六条；专利法实施细则（2023）第十三条',
    fires: { departedOn: undefined },
    silent: { departedOn: '2026-03-02' }, // left that day
  },
  {
    rule: 'talent.unterminated-contract-joint-liability',
    basis: '劳动合同法（2012年修正）第九十一条',
    fires: { laborContractTerminated: false },
    silent: { laborContractTerminated: true, departedOn: '2026-03-01' },
  },
  {
    rule: 'talent.non-compete-binding',
    basis: '劳动合同法（2012年修正）第二十三条、第二十四条；最高人民法院关于审理劳动争议案件适用法律问题的解释（二）（2025，2025年9月1日施行）第十三条',
    fires: { candidate: { role: 'senior-technical' }, nonCompete: bindingNonCompete },
    silent: { candidate: { role: 'senior-technical' }, nonCompete: { ...bindingNonCompete, endsOn: '2026-03-01' } },
  },
  {
    rule: 'talent.non-compete-exceeds-two-years',
    basis: '劳动合同法（2012年修正）第二十四条',
    fires: { nonCompete: { signed: true, endsOn: '2026-07-01' } }, // two years and a day after 2024-06-30
    silent: { nonCompete: { signed: true, endsOn: '2026-06-30' } },
  },
  {
    rule: 'talent.non-compete-role-ineligible',
    basis: '劳动合同法（2012年修正）第二十四条；最高人民法院关于审理劳动争议案件适用法律问题的解释（二）（2025，2025年9月1日施行）第十三条',
    fires: { candidate: { role: 'researcher' }, nonCompete: bindingNonCompete },
    silent: { candidate: { role: 'researcher' }, confidentialityAgreement: true, nonCompete: bindingNonCompete },
  },
  {
    rule: 'talent.non-compete-compensation-unpaid',
    basis: '最高人民法院关于审理劳动争议案件适用法律问题的解释（一）（2020）第三十八条',
    fires: { departedOn: '2025-12-01', nonCompete: { signed: true, endsOn: '2027-12-01', compensationPaid: false } },
    silent: { departedOn: '2025-12-02', nonCompete: { signed: true, endsOn: '2027-12-01', compensationPaid: false } },
  },
  {
    rule: 'talent.trade-secret-confidentiality',
    basis: '反不正当竞争法（2025年修订）第十条（2019年文本第九条）',
    fires: { confidentialityAgreement: true, formerEmployer: { competitor: true } },
    silent: { confidentialityAgreement: true },
  },
  {
    rule: 'talent.trade-secret-confidentiality',
    basis: '反不正当竞争法（2025年修订）第十条（2019年文本第九条）',
    fires: { candidate: { role: 'senior-management' }, plannedWorkOverlapsFormerDuties: true }, // senior staff owe secrecy without an agreement
    silent: { candidate: { role: 'engineer' }, plannedWorkOverlapsFormerDuties: true },
  },
  {
    rule: 'talent.planned-work-overlaps-former-duties',
    basis: '反不正当竞争法（2025年修订）第十条（2019年文本第九条）；专利法（2020）第十一条',
    fires: { plannedWorkOverlapsFormerDuties: true },
    silent: { plannedWorkOverlapsFormerDuties: false, formerEmployer: { competitor: true } },
  },
  {
    rule: 'talent.inventor-on-former-employer-patents',
    basis: '专利法（2020）第十一条',
    fires: { formerEmployerOwnedPatentsAsInventor: 1 },
    silent: { formerEmployerOwnedPatentsAsInventor: 0 },
  },
  {
    rule: 'talent.claimed-achievements-unverified',
    basis: '专利法（2020）第六条、第十六条',
    fires: { claimedAchievementsVerified: false },
    silent: { claimedAchievementsVerified: true },
  },
  {
    rule: 'talent.export-controlled-field',
    basis: '出口管制法（2020）第二条第三款、第十二条；两用物项出口管制条例（2024）',
    fires: { exportControlledField: true },
    silent: { exportControlledField: false },
  },
  {
    // checked, and nothing controlled reaches a foreign party: a domestic hire, no export, no finding
    rule: 'talent.export-controlled-field',
    basis: '出口管制法（2020）第二条第三款、第十二条；两用物项出口管制条例（2024）',
    fires: { exportControlledField: true, controlledItemsToForeignParties: null },
    silent: { exportControlledField: true, controlledItemsToForeignParties: false },
  },
  {
    // a foreign national joins the controlled work: a deemed export (出口管制法 Art. 2 para. 3)
    rule: 'talent.deemed-export',
    basis: '出口管制法（2020）第二条第三款、第十二条；两用物项出口管制条例（2024）',
    fires: { exportControlledField: true, controlledItemsToForeignParties: true },
    silent: { exportControlledField: true, controlledItemsToForeignParties: false },
  },
  {
    rule: 'talent.deemed-export',
    basis: '出口管制法（2020）第二条第三款、第十二条；两用物项出口管制条例（2024）',
    fires: { exportControlledField: true, controlledItemsToForeignParties: true },
    silent: { exportControlledField: false, controlledItemsToForeignParties: true },
  },
  {
    rule: 'talent.foreign-former-employer-law',
    basis: '涉外民事关系法律适用法（2010）第四十三条、第四十八条',
    fires: { formerEmployer: { country: 'US' }, plannedWorkOverlapsFormerDuties: true },
    silent: { formerEmployer: { country: 'US' } }, // nothing the foreign employer could claim
  },
];

describe('talent-introduction rules (real files)', () => {
  it('fixtures satisfy the contract and carry valid credit codes', () => {
    for (const variant of ['low', 'high']) {
      const facts = factFixture(`talent-introduction.${variant}`);
      expect(contractViolations(rules.facts.input, facts)).toEqual([]);
      expect(isValidCreditCode(facts.applicant.creditCode)).toBe(true);
    }
  });

  it('derives exactly the derived facts the contracts declare', () => {
    const facts = factFixture('talent-introduction.high');
    expect(Object.keys(derivedFactsOf('shared', facts, SUBMITTED_AT)).sort()).toEqual(Object.keys(sharedFacts.derived).sort());
    expect(Object.keys(derivedFactsOf('talent-introduction', facts, SUBMITTED_AT)).sort()).toEqual(Object.keys(talentFacts.derived).sort());
  });

  it('has an anchor case above for every scoring and hard-stop rule of rules/talent-introduction', () => {
    const own = rules.files
      .filter((file) => file.file.startsWith('rules/talent-introduction/'))
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

  it('has no hard stop of its own', () => {
    expect(rules.files.find((file) => file.file === 'rules/talent-introduction/hard-stops.json')?.rules).toEqual([]);
  });

  describe('levels (rules/talent-introduction/levels.json)', () => {
    it.each([
      ['no finding', {}, 0, 'low'],
      ['overlap + unverified achievements', { plannedWorkOverlapsFormerDuties: true, claimedAchievementsVerified: false }, 20, 'low'],
      ['export control + unverified achievements', { exportControlledField: true, claimedAchievementsVerified: false }, 25, 'medium'],
      ['joint liability + unverified achievements', { laborContractTerminated: false, claimedAchievementsVerified: false }, 45, 'medium'],
      ['joint liability + export control', { laborContractTerminated: false, exportControlledField: true }, 50, 'high'],
      [
        'still employed + joint liability + inventor + unverified',
        { departedOn: undefined, laborContractTerminated: false, formerEmployerOwnedPatentsAsInventor: 2, claimedAchievementsVerified: false },
        75,
        'high',
      ],
      [
        'still employed + joint liability + export control + unverified',
        { departedOn: undefined, laborContractTerminated: false, exportControlledField: true, claimedAchievementsVerified: false },
        80,
        'critical',
      ],
    ])('%s: score %d is %s', async (_, change, score, level) => {
      const decision = await decideLow(change);
      expect(decision.score).toBe(score);
      expect(decision.level).toBe(level);
    });
  });

  describe('routing (rules/talent-introduction/routing.json)', () => {
    const departments = (decision: Decision) => decision.route.countersign.map((step) => step.department);

    it.each([
      ['defaults only', {}, ['hrss', 'ipo'], false, false],
      ['contract not ended: legal counsel and legality review', { laborContractTerminated: false }, ['hrss', 'ipo', 'justice'], false, true],
      ['still employed: legal counsel and legality review', { departedOn: '2026-05-31' }, ['hrss', 'ipo', 'justice'], false, true],
      ['binding non-compete: legal counsel', { candidate: { role: 'senior-management' }, nonCompete: bindingNonCompete }, ['hrss', 'ipo', 'justice'], false, false],
      ['export-controlled field: commerce', { exportControlledField: true }, ['hrss', 'ipo', 'commerce'], false, false],
      ['export-controlled field, checked: nothing reaches a foreign party, no commerce', { exportControlledField: true, controlledItemsToForeignParties: false }, ['hrss', 'ipo'], false, false],
      ['deemed export: commerce', { exportControlledField: true, controlledItemsToForeignParties: true }, ['hrss', 'ipo', 'commerce'], false, false],
      ['talent subsidy: finance', { subsidyRequested: true }, ['hrss', 'ipo', 'finance'], false, false],
      ['high level: expert panel', { laborContractTerminated: true, exportControlledField: true, departedOn: undefined, formerEmployerOwnedPatentsAsInventor: 1, claimedAchievementsVerified: false, plannedWorkOverlapsFormerDuties: true }, ['hrss', 'ipo', 'justice', 'commerce'], true, true],
    ])('%s', async (_, change, expected, expertReview, legalityReview) => {
      const decision = await decideLow(change);
      expect(departments(decision)).toEqual(expected);
      expect(decision.route.mode).toBe('all');
      expect(decision.route.expertReview).toBe(expertReview);
      expect(decision.route.legalityReview).toBe(legalityReview);
    });
  });

  it('scores the high fixture critical, stops it on the Art. 49 fund bar and routes it everywhere it concerns', async () => {
    const decision = await decide(rules, factFixture('talent-introduction.high'), SUBMITTED_AT);
    expect(decision.level).toBe('critical');
    expect(decision.hardStops.map((stop) => stop.rule)).toEqual(['credit.fiscal-fund-bar']);
    expect(decision.route.countersign.map((step) => step.department)).toEqual(['hrss', 'ipo', 'finance', 'justice', 'commerce']); // finance first: the credit rules run first (stricter review of a fiscal application)
    expect(decision.route.expertReview).toBe(true);
    expect(decision.route.legalityReview).toBe(true);
    expect(decision.derivedFacts).toMatchObject({
      monthsSinceDeparture: 4,
      stillEmployedElsewhere: false,
      nonCompeteRunning: true,
      nonCompeteDurationMonths: 36,
      nonCompeteRoleEligible: true,
      nonCompeteCompensationUnpaidMonths: 4,
      fiscallyFunded: true,
      activeCreditLists: ['court-dishonest-debtor', 'patent-severe-dishonesty'],
      // the court listing for an unpaid patent judgment bars (Art. 49 (2)); the non-normal filings alone would not
      activeCreditGrounds: ['non-normal-patent-filing', 'refusal-to-execute-ip-judgment'],
      fundBarGroundActive: true,
    });
  });
});
