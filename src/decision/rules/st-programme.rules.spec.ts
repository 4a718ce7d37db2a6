/**
 * The real st-programme rule sets (rules/shared + rules/st-programme/<phase>) through decide(): every rule
 * of every phase fires on the facts it names and stays silent on the nearest facts outside it. Each case
 * starts from the phase's fixture (test/fixtures/facts/st-programme.<phase>.json), on which no rule of the
 * type fires, and changes only what it needs.
 */
import { loadDefinitions } from '../../definitions/load-definitions';
import { changeFacts, factFixture, REPO_ROOT, type FactChange } from '../../../test/support/fact-fixtures';
import { decide } from '../decide';
import type { Decision } from '../decision.types';

const definition = loadDefinitions(REPO_ROOT).definitions['st-programme'];
const SUBMITTED_AT = '2026-03-02T02:00:00Z';
type Phase = 'approval' | 'midterm' | 'acceptance';
const rulesOf = (phase: Phase) => definition.phases!.find((p) => p.id === phase)!.rules;
const decideIn = (phase: Phase, change: FactChange = {}) =>
  decide(rulesOf(phase), changeFacts(factFixture(`st-programme.${phase}`), change), SUBMITTED_AT);
/** The type's own risk rules that fired (whether the evaluation is mandatory: mandatory-evaluation.rules.spec.ts). */
const own = (decision: Decision) =>
  decision.explanation.fired
    .filter((trace) => trace.eventType !== 'mandatory-evaluation')
    .map((trace) => trace.rule)
    .filter((rule) => rule.startsWith('st.'));

const right = (change: object) => ({
  type: 'invention-patent',
  number: 'CN202610000009.1',
  filedOn: '2026-10-01',
  owner: '汕尾市海岸新材料科技有限公司',
  ownerIsUndertaker: true,
  status: 'pending',
  transferredAbroad: false,
  ...change,
});
const midRights = () => factFixture('st-programme.midterm').rights as object[];
const accRights = () => factFixture('st-programme.acceptance').rights as object[];
const targets = (change: object) => ({ ipTargets: change });
const zeroTargets = {
  inventionApplications: 0,
  inventionGrants: 0,
  pctApplications: 0,
  standards: 0,
  softwareCopyrights: 0,
  other: 0,
};

const CASES: { phase: Phase; rule: string; fires: FactChange; silent: FactChange }[] = [
  // 立项
  { phase: 'approval', rule: 'st.approval.no-targets', fires: targets(zeroTargets), silent: targets({ other: 1 }) },
  {
    phase: 'approval',
    rule: 'st.approval.invention-target-out-of-proportion',
    fires: { fiscalFundingCny: 3_000_000, ...targets({ inventionApplications: 0 }) },
    silent: { fiscalFundingCny: 2_999_999, ...targets({ inventionApplications: 0 }) },
  },
  {
    phase: 'approval',
    rule: 'st.approval.co-undertaker-ownership-open',
    fires: { coUndertakers: [{ name: '某大学', ownershipAgreed: false }] },
    silent: { coUndertakers: [] },
  },
  { phase: 'approval', rule: 'st.approval.no-patent-search', fires: { patentSearchDone: false }, silent: {} },
  { phase: 'approval', rule: 'st.approval.no-ip-plan', fires: { ipManagementPlan: false }, silent: {} },
  {
    phase: 'approval',
    rule: 'st.approval.no-ip-in-field',
    fires: { existingInventionPatentsInField: 0 },
    silent: { existingInventionPatentsInField: 1 },
  },
  {
    phase: 'approval',
    rule: 'st.approval.finance-joins',
    fires: { fiscalFundingCny: 5_000_000 },
    silent: { fiscalFundingCny: 4_999_999 },
  },
  {
    phase: 'approval',
    rule: 'st.approval.national-programme-experts',
    fires: { project: { level: 'national' } },
    silent: { project: { level: 'provincial' } },
  },
  // 中期: software copyrights 1 obtained of the target
  {
    phase: 'midterm',
    rule: 'st.midterm.completion-below-half',
    fires: targets({ softwareCopyrights: 3 }), // 33%
    silent: targets({ softwareCopyrights: 2 }), // 50%
  },
  {
    phase: 'midterm',
    rule: 'st.midterm.completion-below-30',
    fires: targets({ softwareCopyrights: 4 }), // 25%
    silent: targets({ softwareCopyrights: 3 }),
  },
  {
    phase: 'midterm',
    rule: 'st.midterm.completion-below-10',
    fires: targets({ softwareCopyrights: 11 }), // 9%
    silent: targets({ softwareCopyrights: 10 }), // 10%
  },
  {
    phase: 'midterm',
    rule: 'st.midterm.rights-owned-by-others',
    fires: { rights: [...midRights(), right({ owner: '某投资人', ownerIsUndertaker: false })] },
    silent: { rights: [...midRights(), right({})] },
  },
  {
    phase: 'midterm',
    rule: 'st.midterm.rights-abandoned',
    fires: { rights: [...midRights(), right({ status: 'abandoned' })] },
    silent: { rights: [...midRights(), right({ status: 'rejected' })] },
  },
  {
    phase: 'midterm',
    rule: 'st.midterm.foreign-transfer-unapproved',
    fires: { rights: [...midRights(), right({ status: 'transferred', transferredAbroad: true, transferApproved: false })] },
    silent: { rights: [...midRights(), right({ status: 'transferred', transferredAbroad: true, transferApproved: true })] },
  },
  {
    phase: 'midterm',
    rule: 'st.midterm.foreign-transfer-unapproved',
    fires: { rights: [...midRights(), right({ status: 'licensed', transferredAbroad: true })] }, // approval not stated
    silent: { rights: [...midRights(), right({ status: 'licensed', transferredAbroad: false })] },
  },
  // 验收: four invention applications (one granted) and two software copyrights obtained, all targets met
  {
    phase: 'acceptance',
    rule: 'st.acceptance.targets-not-reached',
    fires: {
      ...targets({ inventionApplications: 5 }),
      unmetTargetExplanations: [{ target: 'inventionApplications', explanation: '一项申请因技术路线调整未提出' }],
    },
    silent: targets({ inventionApplications: 4 }),
  },
  {
    phase: 'acceptance',
    rule: 'st.acceptance.completion-below-half',
    fires: {
      ...targets({ inventionApplications: 9 }),
      unmetTargetExplanations: [{ target: 'inventionApplications', explanation: '市场变化，部分技术以技术秘密保护' }],
    },
    silent: {
      ...targets({ inventionApplications: 8 }),
      unmetTargetExplanations: [{ target: 'inventionApplications', explanation: '同上' }],
    },
  },
  {
    phase: 'acceptance',
    rule: 'st.acceptance.rights-owned-by-others',
    fires: { rights: [...accRights(), right({ ownerIsUndertaker: false })] },
    silent: { rights: [...accRights(), right({})] },
  },
  {
    phase: 'acceptance',
    rule: 'st.acceptance.unexplained-unmet-target',
    fires: targets({ pctApplications: 1 }),
    silent: {
      ...targets({ pctApplications: 1 }),
      unmetTargetExplanations: [{ target: 'pctApplications', explanation: '目标市场调整，改为直接进入国家阶段' }],
    },
  },
  {
    phase: 'acceptance',
    rule: 'st.acceptance.foreign-transfer-unapproved',
    fires: { rights: [...accRights(), right({ status: 'transferred', transferredAbroad: true, transferApproved: false })] },
    silent: { rights: [...accRights(), right({ status: 'transferred', transferredAbroad: false })] },
  },
];

describe('st-programme rules (real files, three phases)', () => {
  it.each(['approval', 'midterm', 'acceptance'] as Phase[])('no rule of the type fires on the %s fixture', async (phase) => {
    const decision = await decideIn(phase);
    expect(own(decision)).toEqual([]);
    expect(decision.hardStops).toEqual([]);
  });

  it.each(CASES)('$rule fires on its facts and stays silent on the nearest others', async ({ phase, rule, fires, silent }) => {
    expect(own(await decideIn(phase, fires))).toContain(rule);
    expect(own(await decideIn(phase, silent))).not.toContain(rule);
  });

  it('has a case for every rule of every phase', () => {
    const rules = definition.phases!.flatMap((phase) =>
      phase.rules.files
        .flatMap((file) => file.rules.filter((r) => r.event.type !== 'mandatory-evaluation').map((r) => r.name!))
        .filter((name) => name.startsWith('st.')),
    );
    expect([...new Set(CASES.map((c) => c.rule))].sort()).toEqual([...new Set(rules)].sort());
  });

  it('an unmet target without a written explanation is a hard stop with its legal basis; an explained one is not', async () => {
    const unexplained = await decideIn('acceptance', targets({ pctApplications: 1 }));
    expect(unexplained.hardStops.map((stop) => stop.rule)).toEqual(['st.acceptance.unexplained-unmet-target']);
    expect(unexplained.hardStops[0].basis).toMatch(/国家科技重大专项知识产权管理暂行规定.*科学技术进步法（2021）第三十二条/);
    const transfer = await decideIn('midterm', {
      rights: [...midRights(), right({ status: 'transferred', transferredAbroad: true, transferApproved: false })],
    });
    expect(transfer.hardStops[0].basis).toBe('科学技术进步法（2021）第三十四条');
  });

  it('routes the approval to the IP office, with finance above the amount and experts for a national programme', async () => {
    expect((await decideIn('approval')).route.countersign.map((s) => s.department)).toEqual(['ipo']);
    const big = await decideIn('approval', { fiscalFundingCny: 8_000_000, project: { level: 'national' } });
    expect(big.route.countersign.map((s) => s.department)).toEqual(['ipo', 'finance']);
    expect(big.route.expertReview).toBe(true);
  });

  it('derives the completion per target and the report due dates the workflow waits for', async () => {
    const approval = await decideIn('approval');
    expect(approval.derivedFacts).toMatchObject({ totalTargets: 7, midtermReportDueOn: '2027-03-31' });
    const mid = await decideIn('midterm');
    expect(mid.derivedFacts).toMatchObject({
      inventionApplicationsObtained: 3,
      inventionGrantsObtained: 1,
      inventionApplicationsCompletion: 0.75,
      softwareCopyrightsCompletion: 0.5,
      pctApplicationsCompletion: null, // no target
      lowestCompletion: 0.5,
      acceptanceDueOn: '2028-03-31',
    });
  });

  it('bars a funded project of an Art. 49 offender, and not a project the programme takes on without funding', async () => {
    const offender = {
      applicant: {
        ...(factFixture('st-programme.approval').applicant as object),
        creditRecords: [{ list: 'court-dishonest-debtor', listedOn: '2025-03-02', reason: '拒不履行专利侵权纠纷生效判决' }],
      },
    };
    const funded = await decideIn('approval', offender);
    expect(funded.derivedFacts).toMatchObject({ fiscallyFunded: true });
    expect(funded.hardStops.map((stop) => stop.rule)).toContain('credit.fiscal-fund-bar');
    const unfunded = await decideIn('approval', { ...offender, fiscalFundingCny: 0 });
    expect(unfunded.derivedFacts).toMatchObject({ fiscallyFunded: false });
    expect(unfunded.hardStops.map((stop) => stop.rule)).not.toContain('credit.fiscal-fund-bar');
  });
});
