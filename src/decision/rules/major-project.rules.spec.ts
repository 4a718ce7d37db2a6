/**
 * The real rule set of `major-project` (rules/shared + rules/major-project, loaded by the real loader) run
 * through decide(). Every case starts from test/fixtures/facts/major-project.low.json and changes only what
 * it needs, so each row shows which facts make a rule fire and which keep it quiet.
 */
import { loadDefinitions } from '../../definitions/load-definitions';
import type { RuleSetDefinition } from '../rule-set.types';
import { changeFacts, factFixture, type FactChange, REPO_ROOT } from '../../../test/support/fact-fixtures';
import { decide } from '../decide';
import type { Decision } from '../decision.types';

const SUBMITTED_AT = '2026-03-02T02:00:00.000Z'; // 2026-03-02 10:00 in Beijing

let rules: RuleSetDefinition;
beforeAll(() => {
  rules = loadDefinitions(REPO_ROOT).definitions['major-project'].rules;
});

const decideLow = (change: FactChange = {}): Promise<Decision> =>
  decide(rules, changeFacts(factFixture('major-project.low'), change), SUBMITTED_AT);
const firedRules = (decision: Decision) => decision.explanation.fired.map((trace) => trace.rule);
const ownRule = (name: string) =>
  rules.files.flatMap((file) => file.rules).find((rule) => rule.name === name) as { event: { params: { basis?: string } } };

/** No fiscal money at all: fundingSource private and no fiscal input. */
const PRIVATE: FactChange = { fundingSource: 'private', fiscalInvestmentCny: 0 };

describe('major-project rules: the fixtures', () => {
  it('the low fixture is a clean case: no finding, no hard stop, level low', async () => {
    const decision = await decideLow();
    expect(decision.findings).toEqual([]);
    expect(decision.hardStops).toEqual([]);
    expect(decision.score).toBe(0);
    expect(decision.level).toBe('low');
  });

  it('the high fixture is critical and stopped by the Guangdong Art. 49 fund bar', async () => {
    const decision = await decide(rules, factFixture('major-project.high'), SUBMITTED_AT);
    expect(decision.level).toBe('critical');
    expect(decision.hardStops.map((stop) => stop.basis).join(' ')).toContain('广东省知识产权保护条例（2022）第四十九条');
    expect(decision.route.expertReview).toBe(true);
    expect(decision.route.legalityReview).toBe(true);
  });

  it('the fixtures carry exactly the input facts of the contract', () => {
    for (const name of ['major-project.low', 'major-project.high']) {
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
 * rules/major-project/ has a row (checked below); the legal anchors of docs/domain.md §4 are among them.
 */
type RuleCase = [string, string, FactChange, FactChange];
const RULE_CASES: RuleCase[] = [
  // ownership
  ['major.core-technology-disputed', '专利法（2020）第六条', { coreTechnologyOwnership: 'disputed' }, { coreTechnologyOwnership: 'owned' }],
  ['major.core-technology-not-held', '专利法（2020）第十一条、第十二条', { coreTechnologyOwnership: 'none' }, { coreTechnologyOwnership: 'exclusive-licence' }],
  ['major.core-technology-non-exclusive-licence', '专利法（2020）第十二条', { coreTechnologyOwnership: 'non-exclusive-licence' }, { coreTechnologyOwnership: 'exclusive-licence' }],
  ['major.core-technology-co-owned-with-public-money', '专利法（2020）第十四条', { coreTechnologyOwnership: 'co-owned', fundingSource: 'state-capital' }, { coreTechnologyOwnership: 'co-owned', ...PRIVATE }],
  // validity and protection
  ['major.no-core-invention-patent', '专利法（2020）第十一条', { coreInventionPatentsGranted: 0, pendingInventionApplications: 0 }, { coreInventionPatentsGranted: 0, pendingInventionApplications: 1 }],
  ['major.core-patents-pending-only', '专利法（2020）第三十九条', { coreInventionPatentsGranted: 0, pendingInventionApplications: 1 }, { coreInventionPatentsGranted: 1, pendingInventionApplications: 1 }],
  ['major.patent-stability-concern', '专利法（2020）第四十五条', { patentStabilityConcern: true }, { patentStabilityConcern: false }],
  // infringement
  ['major.no-fto-search', '广东省知识产权保护条例（2022）第十一条', { ftoSearchDone: false }, { ftoSearchDone: true }],
  ['major.blocking-patents-found', '专利法（2020）第十一条', { blockingPatentsFound: true }, { blockingPatentsFound: false }],
  ['major.ip-litigation-pending', '专利法（2020）第七十一条、第七十二条', { ipLitigationPending: true }, { ipLitigationPending: false }],
  // Guangdong Art. 36: government investment or fiscal support, with exposure to others' rights
  ['major.public-project-non-infringement-commitment', '广东省知识产权保护条例（2022）第三十六条', { ftoSearchDone: false }, { ftoSearchDone: false, ...PRIVATE }],
  ['major.public-project-non-infringement-commitment', '广东省知识产权保护条例（2022）第三十六条', { category: 'government-investment', ...PRIVATE, technologyImported: true }, { fundingSource: 'state-capital', fiscalInvestmentCny: 0, technologyImported: true }],
  // market
  ['major.target-markets-uncovered', '巴黎公约（1967年斯德哥尔摩文本）第四条之二', { targetMarkets: ['CN', 'DE', 'JP'] }, { targetMarkets: ['CN', 'DE', 'US'] }],
  ['major.home-market-uncovered', '专利法（2020）第十一条', { patentCoverageMarkets: ['DE', 'US'] }, { targetMarkets: ['DE'], patentCoverageMarkets: ['DE', 'US'] }],
  // compliance and management
  ['major.technology-imported', '技术进出口管理条例（2020年修订）第九条', { technologyImported: true }, { technologyImported: false }],
  ['major.sci-tech-project-without-ip-targets', '国家科技重大专项知识产权管理暂行规定（2010）第二十条', { ipTargets: undefined }, { ipTargets: undefined, category: 'industrial-plan' }],
  ['major.ip-targets-without-invention-applications', '国家科技重大专项知识产权管理暂行规定（2010）第二十条', { ipTargets: { inventionApplications: 0, pctApplications: 0 } }, { ipTargets: { inventionApplications: 0, pctApplications: 1 } }],
  // routing
  ['major.route-industrial-plan', '广东省知识产权保护条例（2022）第十一条', { category: 'industrial-plan' }, { category: 'government-investment' }],
  ['major.route-government-investment', '政府投资条例（2019）第十一条', { category: 'government-investment' }, { category: 'industrial-plan' }],
  ['major.route-innovation-project', '广东省知识产权保护条例（2022）第十一条', { category: 'innovation-project' }, { category: 'sci-tech-project' }],
  ['major.route-sci-tech-project', '广东省知识产权保护条例（2022）第十一条', { category: 'sci-tech-project' }, { category: 'innovation-project' }],
  ['major.route-technology-introduction', '广东省知识产权保护条例（2022）第十一条', { category: 'technology-introduction' }, { category: 'overseas-acquisition' }],
  ['major.route-overseas-acquisition', '企业境外投资管理办法', { category: 'overseas-acquisition' }, { category: 'technology-introduction' }],
  ['major.route-technology-imported', '技术进出口管理条例（2020年修订）第十条', { technologyImported: true }, { technologyImported: false }],
  ['major.route-fiscal-funds', '广东省知识产权保护条例（2022）第十一条、第四十九条', { fundingSource: 'fiscal' }, { fundingSource: 'state-capital', fiscalInvestmentCny: 0 }],
  // Jiangsu 2016: RMB 5 million for S&T activities, RMB 50 million for economic ones (at the threshold counts)
  ['major.fiscal-threshold-sci-tech', '金额门槛为运营方可配置的默认值', { fiscalInvestmentCny: 5_000_000 }, { fiscalInvestmentCny: 4_999_999 }],
  ['major.fiscal-threshold-sci-tech', '金额门槛为运营方可配置的默认值', { category: 'technology-introduction', fiscalInvestmentCny: 5_000_000 }, { category: 'overseas-acquisition', fiscalInvestmentCny: 5_000_000 }],
  ['major.fiscal-threshold-economic', '金额门槛为运营方可配置的默认值', { category: 'industrial-plan', fiscalInvestmentCny: 50_000_000 }, { category: 'industrial-plan', fiscalInvestmentCny: 49_999_999 }],
  ['major.fiscal-threshold-economic', '金额门槛为运营方可配置的默认值', { category: 'overseas-acquisition', fiscalInvestmentCny: 50_000_000 }, { category: 'sci-tech-project', fiscalInvestmentCny: 50_000_000 }],
  ['major.route-large-total-investment', '第十九条（政府的重大行政决策适用；其他审批参照）', { totalInvestmentCny: 1_000_000_000 }, { totalInvestmentCny: 999_999_999 }],
  ['major.route-legal-dispute', '第二十五条、第二十八条（政府的重大行政决策适用；其他审批参照）', { ipLitigationPending: true }, { ipLitigationPending: false }],
  ['major.route-legal-dispute', '第二十五条、第二十八条（政府的重大行政决策适用；其他审批参照）', { coreTechnologyOwnership: 'disputed' }, { coreTechnologyOwnership: 'co-owned' }],  // an acquisition needs IP due diligence (chain of title, change of control); a technology introduction does not buy a company
  ['major.acquisition-ip-due-diligence', '民法典（2020）第五百五十五条', { category: 'overseas-acquisition' }, { category: 'technology-introduction' }],
  // standards and supply: FRAND licences for SEPs; foreign export control of the equipment the project needs (absent = not stated)
  ['major.standard-essential-patents', '第二十四条', { standardEssentialPatentsInvolved: true }, { standardEssentialPatentsInvolved: false }],
  ['major.imported-controlled-equipment', '广东省知识产权保护条例（2022）第十一条', { dependsOnImportedControlledEquipment: true }, {}],
  // whether the evaluation is mandatory (more cases in mandatory-evaluation.rules.spec.ts)
  ['major.evaluation-mandatory-public-money', '广东省知识产权保护条例（2022）第十一条', { fundingSource: 'fiscal' }, PRIVATE],
];

describe('major-project rules: each rule fires on its facts and only then', () => {
  it.each(RULE_CASES)('%s cites %s', async (rule, basis, fires, quiet) => {
    expect(ownRule(rule).event.params.basis).toContain(basis);
    expect(firedRules(await decideLow(fires))).toContain(rule);
    expect(firedRules(await decideLow(quiet))).not.toContain(rule);
  });

  it('every rule of rules/major-project has a case above', () => {
    const own = rules.files.filter((file) => file.file.startsWith('rules/major-project/')).flatMap((file) => file.rules.map((rule) => rule.name));
    expect(own.filter((name) => !RULE_CASES.some(([rule]) => rule === name))).toEqual([]);
  });
});

describe('major-project rules: the fiscal-fund bar (Guangdong Art. 49, shared credit rules) reads fiscallyFunded', () => {
  const barred: FactChange = {
    applicant: { creditRecords: [{ list: 'samr-serious-violation', listedOn: '2025-06-10', reason: '故意侵犯商标专用权' }] },
  };
  const art49 = (decision: Decision) => decision.hardStops.filter((stop) => stop.basis.includes('第四十九条'));

  it.each<[string, FactChange, boolean]>([
    ['fiscal funding', { fundingSource: 'fiscal' }, true],
    ['mixed funding', { fundingSource: 'mixed', fiscalInvestmentCny: 0 }, true],
    ['fiscal input under a private label', { fundingSource: 'private', fiscalInvestmentCny: 1 }, true],
    ['state capital only (not fiscal money)', { fundingSource: 'state-capital', fiscalInvestmentCny: 0 }, false],
    ['private money only', PRIVATE, false],
  ])('%s: bar %s', async (_label, funding, stopped) => {
    const decision = await decideLow({ ...barred, ...funding });
    expect(decision.derivedFacts.fiscallyFunded).toBe(stopped);
    expect(art49(decision).length > 0).toBe(stopped);
    // Every hard stop goes to legality review (routing.json defaults).
    expect(decision.route.legalityReview).toBe(stopped);
  });
});

describe('major-project rules: level boundaries (rules/major-project/levels.json)', () => {
  // Private funding keeps the Art. 36 commitment finding out, so each score is the sum of the rules named.
  it.each<[string, FactChange, number, Decision['level']]>([
    ['non-exclusive licence (15)', { ...PRIVATE, coreTechnologyOwnership: 'non-exclusive-licence' }, 15, 'low'],
    ['no FTO search (20)', { ...PRIVATE, ftoSearchDone: false }, 20, 'medium'],
    ['blocking patents + non-exclusive licence (30 + 15)', { ...PRIVATE, blockingPatentsFound: true, coreTechnologyOwnership: 'non-exclusive-licence' }, 45, 'medium'],
    ['blocking patents + no FTO search (30 + 20)', { ...PRIVATE, blockingPatentsFound: true, ftoSearchDone: false }, 50, 'high'],
    ['disputed + blocking + weak IP targets (40 + 30 + 5)', { ...PRIVATE, coreTechnologyOwnership: 'disputed', blockingPatentsFound: true, ipTargets: { inventionApplications: 0, pctApplications: 0 } }, 75, 'high'],
    ['disputed + blocking + pending only (40 + 30 + 10)', { ...PRIVATE, coreTechnologyOwnership: 'disputed', blockingPatentsFound: true, coreInventionPatentsGranted: 0 }, 80, 'critical'],
  ])('%s', async (_label, change, score, level) => {
    const decision = await decideLow(change);
    expect(decision.score).toBe(score);
    expect(decision.level).toBe(level);
  });

  it('the boundaries above are the thresholds of levels.json', () => {
    expect(rules.levels).toEqual({ medium: 20, high: 50, critical: 80 });
  });
});

describe('major-project rules: routing', () => {
  const countersign = (decision: Decision) => decision.route.countersign.map((step) => step.department);

  it.each<[string, FactChange, string[], Decision['route']['mode'], boolean, boolean]>([
    ['innovation project with mixed funding (the low fixture)', {}, ['ipo', 'most', 'miit', 'finance'], 'all', false, false],
    ['private industrial plan', { ...PRIVATE, category: 'industrial-plan' }, ['ipo', 'ndrc', 'miit'], 'all', false, false],
    ['private government investment', { ...PRIVATE, category: 'government-investment' }, ['ipo', 'ndrc'], 'all', false, false],
    ['fiscal S&T project at the Jiangsu threshold', { category: 'sci-tech-project', fundingSource: 'fiscal', fiscalInvestmentCny: 5_000_000 }, ['ipo', 'most', 'finance'], 'all', true, false],
    ['private technology introduction importing technology', { ...PRIVATE, category: 'technology-introduction', technologyImported: true }, ['ipo', 'commerce', 'most'], 'all', false, false],
    ['private overseas acquisition', { ...PRIVATE, category: 'overseas-acquisition' }, ['ipo', 'commerce', 'ndrc'], 'all', false, false],
    ['private project of RMB 1 billion', { ...PRIVATE, totalInvestmentCny: 1_000_000_000 }, ['ipo', 'most', 'miit'], 'all', true, false],
    ['private project with pending litigation', { ...PRIVATE, ipLitigationPending: true }, ['ipo', 'most', 'miit'], 'all', false, true],
  ])('%s', async (_label, change, departments, mode, expertReview, legalityReview) => {
    const decision = await decideLow(change);
    expect(countersign(decision)).toEqual(departments);
    expect(decision.route.mode).toBe(mode);
    expect(decision.route.expertReview).toBe(expertReview);
    expect(decision.route.legalityReview).toBe(legalityReview);
  });

  it('the high fixture: government investment importing technology with fiscal money', async () => {
    const decision = await decide(rules, factFixture('major-project.high'), SUBMITTED_AT);
    expect(countersign(decision)).toEqual(['ipo', 'ndrc', 'commerce', 'finance']);
    expect(decision.route.reasons.map((reason) => reason.rule)).toEqual(
      expect.arrayContaining(['major.fiscal-threshold-economic', 'major.route-large-total-investment', 'policy.expert-review-at-level', 'policy.legality-review-on-hard-stop']),
    );
  });
});
