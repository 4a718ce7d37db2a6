/**
 * Whether the law requires the evaluation (广东省知识产权保护条例 Art. 11: major economic activities using
 * fiscal funds or state capital, talent and technology introduction and export among them): every decision
 * of every type says so, with its reason and basis, and says why not where the law does not require it.
 */
import { loadDefinitions } from '../../definitions/load-definitions';
import { changeFacts, factFixture, REPO_ROOT, type FactChange } from '../../../test/support/fact-fixtures';
import { decide } from '../decide';
import { evaluateRuleSet } from '../evaluate-rule-set';
import { normaliseFacts } from '../normalise-facts';
import { ACTIVITY_TYPES } from '../../../test/support/activity-types';

const catalogue = loadDefinitions(REPO_ROOT);
const SUBMITTED_AT = '2026-03-02T02:00:00Z';
const ART_11 = '广东省知识产权保护条例（2022）第十一条';

type Case = [type: string, rule: string, fires: FactChange, silent: FactChange];
const CASES: Case[] = [
  // a project with public money, whether fiscal funds or state capital; a purely private one is voluntary
  ['major-project', 'major.evaluation-mandatory-public-money', { fundingSource: 'state-capital', fiscalInvestmentCny: 0 }, { fundingSource: 'private', fiscalInvestmentCny: 0 }],
  ['major-project', 'major.evaluation-mandatory-public-money', { fundingSource: 'private', fiscalInvestmentCny: 2_000_000 }, { fundingSource: 'private', fiscalInvestmentCny: 0 }],
  // a hire with a government talent subsidy; the same hire paid by the enterprise alone is voluntary
  ['talent-introduction', 'talent.evaluation-mandatory-subsidy', { subsidyRequested: true }, { subsidyRequested: false }],
  // exporting technology developed with fiscal funds; a product export of the same is not a technology export
  ['technology-trade', 'trade.evaluation-mandatory-state-funded-technology', { stateFundedTechnology: true }, { stateFundedTechnology: true, subject: 'product' }],
  ['technology-trade', 'trade.evaluation-mandatory-state-funded-technology', { direction: 'import', stateFundedTechnology: true }, { direction: 'import', stateFundedTechnology: false }],
];

const decideOn = (type: string, change: FactChange) =>
  decide(catalogue.definitions[type as 'major-project'].rules, changeFacts(factFixture(`${type}.low`), change), SUBMITTED_AT);

it.each(CASES)('%s: %s makes the evaluation mandatory', async (type, rule, fires) => {
  const { mandatoryEvaluation } = await decideOn(type, fires);
  expect(mandatoryEvaluation).toMatchObject({ required: true, basis: ART_11, rules: [rule] });
  expect(mandatoryEvaluation?.reason.zh).toMatch(/应当开展知识产权分析评议/);
});

it.each(CASES)('%s: without the public money %s stays silent and the decision says why', async (type, rule, _fires, silent) => {
  const decision = await decideOn(type, silent);
  expect(decision.explanation.notFired.map((trace) => trace.rule)).toContain(rule);
  expect(decision.mandatoryEvaluation).toMatchObject({ required: false, rules: [] });
  expect(decision.mandatoryEvaluation?.basis).toContain(ART_11);
  expect(decision.mandatoryEvaluation?.reason.en).toMatch(/does not require|not among/);
});

it('a trade show is never mandatory by these rules, even with an exhibition subsidy, and the decision says so', async () => {
  const { mandatoryEvaluation } = await decideOn('trade-show', { fiscalSubsidyRequested: true });
  expect(mandatoryEvaluation).toMatchObject({ required: false, rules: [] });
  expect(mandatoryEvaluation?.basis).toBe('广东省知识产权保护条例（2022）第十一条、第二十九条');
});

it('every standard type says whether its evaluation is mandatory', async () => {
  for (const type of ACTIVITY_TYPES) {
    const decision = await decideOn(type, {});
    expect(typeof decision.mandatoryEvaluation?.required).toBe('boolean');
  }
});

/**
 * st-programme (assessed in phases): a fiscally funded programme project is evaluated by analogy with Art. 11
 * at approval, and its mid-term and acceptance assessments carry that on; every phase's decision says so.
 */
describe('st-programme: every phase says whether its evaluation is mandatory', () => {
  const definition = catalogue.definitions['st-programme'];
  type Phase = 'approval' | 'midterm' | 'acceptance';
  const rulesOf = (phase: Phase) => definition.phases!.find((p) => p.id === phase)!.rules;
  const factsOf = (phase: Phase, change: FactChange = {}) => changeFacts(factFixture(`st-programme.${phase}`), change);
  const ANALOGY = /参照适用于每个财政资助的计划项目/;

  it('approval with fiscal funding: required, Art. 11 by analogy and the S&T Progress Law on the project IP', async () => {
    const { mandatoryEvaluation } = await decide(rulesOf('approval'), factsOf('approval', { fiscalFundingCny: 1_000_000 }), SUBMITTED_AT);
    expect(mandatoryEvaluation).toMatchObject({ required: true, rules: ['st.approval.evaluation-mandatory-fiscal-funding'] });
    expect(mandatoryEvaluation?.basis).toMatch(ANALOGY);
    expect(mandatoryEvaluation?.basis).toContain('科学技术进步法（2021）第三十二条');
    expect(mandatoryEvaluation?.reason.en).toMatch(/by analogy/);
  });

  it('approval of a self-funded guidance project: the rule stays silent and the decision says why it is voluntary', async () => {
    const decision = await decide(rulesOf('approval'), factsOf('approval', { fiscalFundingCny: 0 }), SUBMITTED_AT);
    expect(decision.explanation.notFired.map((trace) => trace.rule)).toContain('st.approval.evaluation-mandatory-fiscal-funding');
    expect(decision.mandatoryEvaluation).toMatchObject({ required: false, rules: [], basis: ART_11 });
    expect(decision.mandatoryEvaluation?.reason.en).toMatch(/does not require/);
  });

  it.each([
    ['midterm', 'st.midterm.evaluation-mandatory-fiscal-project'],
    ['acceptance', 'st.acceptance.evaluation-mandatory-fiscal-project'],
  ] as [Phase, string][])('%s of a fiscally funded project: required, and says the phase itself rests on the task contract', async (phase, rule) => {
    const { mandatoryEvaluation } = await decide(rulesOf(phase), factsOf(phase), SUBMITTED_AT);
    expect(mandatoryEvaluation).toMatchObject({ required: true, rules: [rule] });
    expect(mandatoryEvaluation?.basis).toMatch(ANALOGY);
    expect(mandatoryEvaluation?.reason.zh).toMatch(/任务合同书/);
  });

  // Every project of this type is fiscally funded (a constant derived fact), so only hand-picked derived facts
  // can show the rule silent: the real rule set and input facts, with fiscallyFunded false.
  it.each([
    ['midterm', 'st.midterm.evaluation-mandatory-fiscal-project'],
    ['acceptance', 'st.acceptance.evaluation-mandatory-fiscal-project'],
  ] as [Phase, string][])('%s without fiscal funds: the rule stays silent and the decision says why', async (phase, rule) => {
    const rules = rulesOf(phase);
    const facts = factsOf(phase);
    const { derivedFacts } = await decide(rules, facts, SUBMITTED_AT);
    const decision = await evaluateRuleSet(rules, normaliseFacts(rules.facts, facts), { ...derivedFacts, fiscallyFunded: false }, SUBMITTED_AT);
    expect(decision.explanation.notFired.map((trace) => trace.rule)).toContain(rule);
    expect(decision.mandatoryEvaluation).toMatchObject({ required: false, rules: [], basis: ART_11 });
  });
});
