/**
 * The real rule set of `technology-trade` (rules/shared + rules/technology-trade, loaded by the real loader)
 * run through decide(). Every case starts from test/fixtures/facts/technology-trade.low.json (an export of
 * free technology to Germany) and changes only what it needs.
 */
import { loadDefinitions } from '../../definitions/load-definitions';
import type { RuleSetDefinition } from '../rule-set.types';
import { changeFacts, factFixture, type FactChange, REPO_ROOT } from '../../../test/support/fact-fixtures';
import { decide } from '../decide';
import type { Decision } from '../decision.types';

const SUBMITTED_AT = '2026-03-02T02:00:00.000Z'; // 2026-03-02 10:00 in Beijing

let rules: RuleSetDefinition;
beforeAll(() => {
  rules = loadDefinitions(REPO_ROOT).definitions['technology-trade'].rules;
});

const decideLow = (change: FactChange = {}): Promise<Decision> =>
  decide(rules, changeFacts(factFixture('technology-trade.low'), change), SUBMITTED_AT);
const firedRules = (decision: Decision) => decision.explanation.fired.map((trace) => trace.rule);
const ownRule = (name: string) =>
  rules.files.flatMap((file) => file.rules).find((rule) => rule.name === name) as { event: { params: { basis?: string } } };

const IMPORT: FactChange = { direction: 'import' };
const RESTRICTED: FactChange = { technologyCatalogueClass: 'restricted' };
/** State-funded technology assigned abroad without approval (the kind of transaction Art. 34 reaches). */
const STATE_FUNDED: FactChange = { stateFundedTechnology: true, transactionKind: 'assignment' };
const PRODUCT_ONLY: FactChange = { subject: 'product', technologyCatalogueClass: 'not-applicable' };
const SPC_ART_10 = '最高人民法院关于审理技术合同纠纷案件适用法律若干问题的解释（2004年，2020年修正）第十条';

describe('technology-trade rules: the fixtures', () => {
  it('the low fixture is a clean case: no finding, no hard stop, level low', async () => {
    const decision = await decideLow();
    expect(decision.findings).toEqual([]);
    expect(decision.hardStops).toEqual([]);
    expect(decision.score).toBe(0);
    expect(decision.level).toBe('low');
  });

  it('the high fixture is critical and stopped by the control-list counterparty', async () => {
    const decision = await decide(rules, factFixture('technology-trade.high'), SUBMITTED_AT);
    expect(decision.level).toBe('critical');
    expect(decision.hardStops.map((stop) => stop.rule)).toEqual(['trade.control-list-counterparty']);
  });

  it('the fixtures carry exactly the input facts of the contract', () => {
    for (const name of ['technology-trade.low', 'technology-trade.high']) {
      const { applicant, ...facts } = factFixture(name);
      expect(applicant).toBeDefined();
      const required = Object.entries(rules.facts.input)
        .filter(([fact, spec]) => fact !== 'applicant' && spec.required !== false)
        .map(([fact]) => fact);
      expect(Object.keys(facts).filter((fact) => !(fact in rules.facts.input))).toEqual([]);
      expect(required.filter((fact) => !(fact in facts))).toEqual([]);
    }
  });
});

/**
 * [rule, legal basis it must cite, change that fires it, change that keeps it quiet]. Every rule of
 * rules/technology-trade/ has a row (checked below); the legal anchors of docs/domain.md §4 are among them.
 */
type RuleCase = [string, string, FactChange, FactChange];
const RULE_CASES: RuleCase[] = [
  // 技术进出口管理条例（2020年修订）: prohibited (hard stop), restricted (licence), free (contract registration)
  ['trade.prohibited-technology-import', '技术进出口管理条例（2020年修订）第九条', { ...IMPORT, technologyCatalogueClass: 'prohibited' }, { technologyCatalogueClass: 'prohibited' }],
  ['trade.prohibited-technology-export', '技术进出口管理条例（2020年修订）第二十九条', { technologyCatalogueClass: 'prohibited' }, { ...IMPORT, technologyCatalogueClass: 'prohibited' }],
  ['trade.restricted-technology-import-unlicensed', '技术进出口管理条例（2020年修订）第十条', { ...IMPORT, ...RESTRICTED }, { ...IMPORT, ...RESTRICTED, licenceObtained: true }],
  ['trade.restricted-technology-export-unlicensed', '技术进出口管理条例（2020年修订）第三十条', RESTRICTED, { ...RESTRICTED, licenceObtained: true }],
  ['trade.route-restricted-technology-export', '技术进出口管理条例（2020年修订）第三十二条、第三十四条', RESTRICTED, { ...IMPORT, ...RESTRICTED }],
  ['trade.route-restricted-technology-import', '技术进出口管理条例（2020年修订）第十一条、第十二条', { ...IMPORT, ...RESTRICTED }, RESTRICTED],
  ['trade.route-free-technology-import', '技术进出口管理条例（2020年修订）第十七条、第十九条', IMPORT, {}],
  ['trade.route-free-technology-export', '技术进出口管理条例（2020年修订）第三十六条、第三十八条', {}, IMPORT],
  ['trade.technology-not-classified', '技术进出口管理条例（2020年修订）第八条、第二十八条', { technologyCatalogueClass: 'not-applicable' }, PRODUCT_ONLY],
  // 出口管制法（2020）: control list = hard stop; dual-use items need a licence
  ['trade.control-list-counterparty', '出口管制法（2020）第十八条', { counterpartyOnControlList: true }, { counterpartyOnControlList: false }],
  ['trade.control-list-counterparty', '出口管制法（2020）第十八条', { ...IMPORT, counterpartyOnControlList: true }, IMPORT],
  ['trade.dual-use-export-unlicensed', '出口管制法（2020）第十二条', { dualUseItem: true }, { dualUseItem: true, licenceObtained: true }],
  ['trade.dual-use-export-unlicensed', '出口管制法（2020）第十二条', { dualUseItem: true, subject: 'both' }, { ...IMPORT, dualUseItem: true }],
  ['trade.route-export-control', '出口管制法（2020）第十二条、第十八条', { dualUseItem: true, licenceObtained: true }, {}],
  ['trade.route-export-control', '出口管制法（2020）第十二条、第十八条', { counterpartyOnControlList: true }, { dualUseItem: false, counterpartyOnControlList: false }],
  // 科学技术进步法（2021）第三十四条: state-funded technology abroad needs approval
  ['trade.state-funded-technology-export-unapproved', '科学技术进步法（2021）第三十四条', { ...STATE_FUNDED, transactionKind: 'exclusive-licence' }, { ...STATE_FUNDED, transactionKind: 'exclusive-licence', foreignTransferApproved: true }],
  ['trade.state-funded-technology-export-unapproved', '科学技术进步法（2021）第三十四条', { ...STATE_FUNDED, subject: 'both' }, { ...STATE_FUNDED, ...PRODUCT_ONLY }],
  // only a transfer or an exclusive licence needs the approval: a non-exclusive licence or a sale of products does not
  ['trade.state-funded-technology-export-unapproved', '科学技术进步法（2021）第三十四条', { ...STATE_FUNDED, transactionKind: 'assignment' }, { ...STATE_FUNDED, transactionKind: 'non-exclusive-licence' }],
  ['trade.state-funded-technology-export-unapproved', '科学技术进步法（2021）第三十四条', { ...STATE_FUNDED, transactionKind: 'exclusive-licence' }, { ...STATE_FUNDED, transactionKind: 'sale-of-products' }],
  ['trade.state-funded-transaction-kind-unstated', '科学技术进步法（2021）第三十四条', { stateFundedTechnology: true }, STATE_FUNDED],
  // 专利法（2020）第十条: assigning Chinese patents or applications abroad
  ['trade.chinese-patent-assignment-abroad', '专利法（2020）第十条第二款', { transactionKind: 'assignment' }, { transactionKind: 'exclusive-licence' }],
  ['trade.chinese-patent-assignment-abroad', '专利法（2020）第十条第二款', { transactionKind: 'assignment' }, { ...IMPORT, transactionKind: 'assignment' }],
  ['trade.route-state-funded-technology-export', '科学技术进步法（2021）第三十四条', { stateFundedTechnology: true, foreignTransferApproved: true }, { ...IMPORT, stateFundedTechnology: true }],
  // 专利法（2020）第十九条: confidentiality examination before filing abroad
  ['trade.secrecy-examination-missing', '专利法（2020）第十九条', { foreignFilingSecrecyCleared: false }, { ...IMPORT, foreignFilingSecrecyCleared: false }],
  ['trade.ownership-not-verified', '民法典（2020）第八百七十条', { ownershipVerified: false }, { ownershipVerified: false, ...PRODUCT_ONLY }],
  // 民法典（2020）第八百五十条 + SPC technology-contract interpretation Art. 10: restrictive clauses are void
  ['trade.clause-improvement-restriction', `民法典（2020）第八百五十条；${SPC_ART_10}第（一）项`, { restrictiveClauses: ['improvement-restriction'] }, { restrictiveClauses: ['tying'] }],
  ['trade.clause-exclusive-grant-back', `民法典（2020）第八百五十条；${SPC_ART_10}第（一）项`, { restrictiveClauses: ['exclusive-grant-back'] }, { restrictiveClauses: ['improvement-restriction'] }],
  ['trade.clause-export-market-limit', `民法典（2020）第八百五十条；${SPC_ART_10}第（三）项`, { restrictiveClauses: ['export-market-limit'] }, { restrictiveClauses: ['source-restriction'] }],
  ['trade.clause-tying', `民法典（2020）第八百五十条；${SPC_ART_10}第（四）项`, { restrictiveClauses: ['tying'] }, { restrictiveClauses: ['no-challenge'] }],
  ['trade.clause-source-restriction', `民法典（2020）第八百五十条；${SPC_ART_10}第（二）项、第（五）项`, { restrictiveClauses: ['source-restriction'] }, { restrictiveClauses: ['export-market-limit'] }],
  ['trade.clause-no-challenge', `民法典（2020）第八百五十条；${SPC_ART_10}第（六）项`, { restrictiveClauses: ['no-challenge'] }, { restrictiveClauses: ['exclusive-grant-back'] }],
  ['trade.several-restrictive-clauses', '民法典（2020）第八百五十条', { restrictiveClauses: ['tying', 'no-challenge'] }, { restrictiveClauses: ['tying', 'tying'] }],
  // FTO, Guangdong Art. 29 and US Section 337
  ['trade.export-without-fto', '广东省知识产权保护条例（2022）第二十九条', { ftoSearchDone: false }, { ...IMPORT, ftoSearchDone: false }],
  ['trade.import-without-fto', '专利法（2020）第十一条', { ...IMPORT, ...PRODUCT_ONLY, ftoSearchDone: false }, { ...IMPORT, ftoSearchDone: false }],
  ['trade.us-market-without-fto', '第337节', { ftoSearchDone: false, destinationMarkets: ['DE', 'US'] }, { ftoSearchDone: false }],
  ['trade.us-market-without-fto', '第337节', { ftoSearchDone: false, counterpartyCountry: 'US' }, { destinationMarkets: ['US'], counterpartyCountry: 'US' }],
  ['trade.section-337-exposure', '美国《1930年关税法》第337节（19 U.S.C. §1337）', { section337Exposure: true }, { section337Exposure: false }],
  ['trade.route-section-337', '广东省知识产权保护条例（2022）第十一条（技术出口的知识产权分析评议）', { section337Exposure: true }, {}],
  ['trade.export-without-customs-recordal', '知识产权海关保护条例（2018年修订）第七条', PRODUCT_ONLY, { ...PRODUCT_ONLY, customsRecordal: true }],  // 对外贸易法: a foreign licensor's abusive terms in an import; the same clauses in an export are ours to drop
  ['trade.abusive-licence-terms-import', '对外贸易法（2022年修正）第二十九条', { ...IMPORT, restrictiveClauses: ['no-challenge'] }, { restrictiveClauses: ['no-challenge'] }],
  ['trade.abusive-licence-terms-import', '对外贸易法（2022年修正）第二十九条', { ...IMPORT, restrictiveClauses: ['tying'] }, { ...IMPORT, restrictiveClauses: ['export-market-limit'] }],
  // export control beyond the lists: end user and end use (catch-all); free contracts are registered
  ['trade.end-user-unverified', '出口管制法（2020）第十二条第三款', { endUserVerified: false }, { endUserVerified: true }],
  ['trade.end-user-unverified', '出口管制法（2020）第十二条第三款', { endUserVerified: false }, { ...IMPORT, endUserVerified: false }],
  ['trade.free-technology-contract-unregistered', '自由类技术进出口合同登记', { contractRegistered: false }, { contractRegistered: true }],
  ['trade.free-technology-contract-unregistered', '自由类技术进出口合同登记', { contractRegistered: false }, { ...RESTRICTED, contractRegistered: false }],
  // sanctions: China's unreliable entity list; foreign sanctions and the duty not to implement them
  ['trade.unreliable-entity-counterparty', '不可靠实体清单规定（2020）', { counterpartyOnUnreliableEntityList: true }, { counterpartyOnUnreliableEntityList: false }],
  ['trade.foreign-sanctions-exposure', '反外国制裁法（2021）第十二条', { counterpartyUnderForeignSanctions: true }, {}],
  // whether the evaluation is mandatory (more cases in mandatory-evaluation.rules.spec.ts)
  ['trade.evaluation-mandatory-state-funded-technology', '广东省知识产权保护条例（2022）第十一条', { stateFundedTechnology: true }, { stateFundedTechnology: false }],
];

describe('technology-trade rules: each rule fires on its facts and only then', () => {
  it.each(RULE_CASES)('%s cites %s', async (rule, basis, fires, quiet) => {
    expect(ownRule(rule).event.params.basis).toContain(basis);
    expect(firedRules(await decideLow(fires))).toContain(rule);
    expect(firedRules(await decideLow(quiet))).not.toContain(rule);
  });

  it('every rule of rules/technology-trade has a case above', () => {
    const own = rules.files.filter((file) => file.file.startsWith('rules/technology-trade/')).flatMap((file) => file.rules.map((rule) => rule.name));
    expect(own.filter((name) => !RULE_CASES.some(([rule]) => rule === name))).toEqual([]);
  });
});

describe('technology-trade rules: hard stops', () => {
  it.each<[string, FactChange]>([
    ['trade.prohibited-technology-import', { ...IMPORT, technologyCatalogueClass: 'prohibited' }],
    ['trade.prohibited-technology-export', { technologyCatalogueClass: 'prohibited' }],
    ['trade.control-list-counterparty', { counterpartyOnControlList: true, dualUseItem: false }],
  ])('%s stops the trade without touching the score, and sends it to legality review', async (rule, change) => {
    const decision = await decideLow(change);
    expect(decision.hardStops.map((stop) => stop.rule)).toEqual([rule]);
    expect(decision.hardStops[0].measure).toBe('stop-transaction');
    expect(decision.score).toBe(0);
    expect(decision.level).toBe('low');
    expect(decision.route.legalityReview).toBe(true);
    expect(decision.route.reasons.map((reason) => reason.rule)).toContain('policy.legality-review-on-hard-stop');
  });

  it('a trade is no fiscal-fund application: the Guangdong Art. 49 bar never stops it', async () => {
    const decision = await decideLow({
      stateFundedTechnology: true,
      foreignTransferApproved: true,
      applicant: { creditRecords: [{ list: 'cnipa-dishonesty', listedOn: '2025-09-01' }] },
    });
    expect(decision.derivedFacts.fiscallyFunded).toBe(false);
    expect(decision.hardStops).toEqual([]);
  });
});

describe('technology-trade rules: level boundaries (rules/technology-trade/levels.json)', () => {
  it.each<[string, FactChange, number, Decision['level']]>([
    ['one void clause (10)', { restrictiveClauses: ['tying'] }, 10, 'low'],
    ['export without FTO search (20)', { ftoSearchDone: false }, 20, 'medium'],
    ['title not verified + one void clause (25 + 10)', { ownershipVerified: false, restrictiveClauses: ['tying'] }, 35, 'medium'],
    ['restricted export without licence (40)', RESTRICTED, 40, 'high'],
    ['restricted export without licence + title + clause (40 + 25 + 10)', { ...RESTRICTED, ownershipVerified: false, restrictiveClauses: ['tying'] }, 75, 'high'],
    ['restricted export and state-funded technology under exclusive licence, neither licensed nor approved (40 + 40)', { ...RESTRICTED, stateFundedTechnology: true, transactionKind: 'exclusive-licence' }, 80, 'critical'],
  ])('%s', async (_label, change, score, level) => {
    const decision = await decideLow(change);
    expect(decision.score).toBe(score);
    expect(decision.level).toBe(level);
  });

  it('the boundaries above are the thresholds of levels.json', () => {
    expect(rules.levels).toEqual({ medium: 20, high: 40, critical: 80 });
  });
});

describe('technology-trade rules: routing', () => {
  const countersign = (decision: Decision) => decision.route.countersign.map((step) => step.department);

  it.each<[string, FactChange, string[], Decision['route']['mode'], boolean, boolean]>([
    ['free technology export (the low fixture)', {}, ['ipo', 'commerce'], 'all', false, false],
    ['licensed restricted export: commerce, then science and technology', { ...RESTRICTED, licenceObtained: true }, ['ipo', 'commerce', 'most'], 'sequential', false, false],
    ['licensed restricted import', { ...IMPORT, ...RESTRICTED, licenceObtained: true }, ['ipo', 'commerce'], 'all', false, false],
    ['licensed dual-use export', { dualUseItem: true, licenceObtained: true }, ['ipo', 'commerce', 'customs'], 'all', false, false],
    ['approved export of state-funded technology', { stateFundedTechnology: true, foreignTransferApproved: true }, ['ipo', 'commerce', 'most'], 'all', false, false],
    ['Section 337 exposure', { section337Exposure: true }, ['ipo', 'commerce'], 'all', true, false],
    ['prohibited technology export', { technologyCatalogueClass: 'prohibited' }, ['ipo', 'commerce'], 'all', false, true],
  ])('%s', async (_label, change, departments, mode, expertReview, legalityReview) => {
    const decision = await decideLow(change);
    expect(countersign(decision)).toEqual(departments);
    expect(decision.route.mode).toBe(mode);
    expect(decision.route.expertReview).toBe(expertReview);
    expect(decision.route.legalityReview).toBe(legalityReview);
  });

  it('the high fixture: restricted dual-use export of state-funded technology to a listed party', async () => {
    const decision = await decide(rules, factFixture('technology-trade.high'), SUBMITTED_AT);
    expect(countersign(decision)).toEqual(['ipo', 'commerce', 'most', 'customs']);
    expect(decision.route.mode).toBe('sequential');
    expect(decision.route.expertReview).toBe(true);
    expect(decision.route.legalityReview).toBe(true);
  });
});
