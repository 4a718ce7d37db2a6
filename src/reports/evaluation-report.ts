import { withoutEvaluationBasis } from './evaluation-basis-blocks';
import type { TimelineEntry } from '../audit/audit-timeline';
import type { EvaluationBasis } from '../decision/decision.types';
import {
  type LocalizedText,
  type RuleSetDefinition,
  type WorkflowDefinition,
} from '../definitions/definition.types';
import type { EvaluationView } from '../evaluations/evaluation.view';
import type { Vocabulary } from '../definitions/vocabulary';
import type { ContractField } from '../definitions/contract-fields';
import { factRows } from './fact-fields';
import {
  legalBases,
  levelBlocks,
  measureBlocks,
  mandatoryEvaluationBlocks,
  riskBlocks,
  routeBlocks,
} from './decision-blocks';
import {
  applicantLimitationsBlocks,
  evaluatorBlocks,
  evaluatorLine,
  searchAndRightsBlocks,
} from './evaluation-basis-blocks';
import type { ReportBlock, ReportDocument, ReportLang, ReportSection } from './report-document';
import { aside, chinaDate, chinaTime, pick, t, type Words, wordsIn } from './report-labels';

/**
 * The evaluation report (评议报告) of a case, in the structure of an IP analysis-and-evaluation report
 * (GB/T 37286-2019 知识产权分析评议服务 服务规范 and CNIPA guidance): cover, nine sections, traceability.
 * Pure: everything it shows comes from the case as the API shows it, its trail and its pinned definitions,
 * so the same case state gives the same document (and the same PDF bytes).
 */
export interface EvaluationReportInput {
  lang: ReportLang;
  evaluation: EvaluationView;
  /** The case's trail without access events, in chain order. */
  trail: TimelineEntry[];
  rules: RuleSetDefinition;
  workflow: WorkflowDefinition;
  /** The type's name (rules/<type>/activity.json). */
  activity: LocalizedText;
  /** The applicant's and the type's facts contract as labelled fields (reportFactFields). */
  factFields: ContractField[];
  /** The workflow diagram with the path taken (workflow-diagram.ts). */
  diagramSvg: string;
  /** The words for outcomes, levels, dimensions, roles and statuses (rules/vocabulary.json). */
  vocabulary: Vocabulary;
}

/** Events that are about reports, not about the case: left out so issuing a report does not change the next one. */
export const REPORT_ACTIONS = ['report.issued'];

export const REPORT_TITLE: LocalizedText = {
  zh: '知识产权分析评议报告',
  en: 'IP Analysis and Evaluation Report',
};
export const ENGINE_NAME: LocalizedText = {
  zh: '知识产权审查评议引擎',
  en: 'IP Review Engine',
};

/** The top-level states the case entered, in order, from its transitions. */
export function visitedStates(trail: TimelineEntry[]): string[] {
  return trail.filter((e) => e.action === 'workflow.transition' && e.toState).map((e) => e.toState!);
}

export function buildEvaluationReport(input: EvaluationReportInput): ReportDocument {
  const { lang, evaluation: c, rules, workflow } = input;
  const word = wordsIn(input.vocabulary, lang);
  const trail = input.trail.filter((e) => !REPORT_ACTIONS.includes(e.action));
  const dept = (code: string) => {
    const d = rules.departments.find((x) => x.code === code);
    return d ? d[lang] : code;
  };
  const decision = c.decision;
  const decisionEvent = [...trail].reverse().find((e) => e.action === 'decision.made') ?? null;
  const facts = (decisionEvent?.payload.facts as Record<string, unknown> | undefined) ?? {};
  const closing =
    [...trail].reverse().find((e) => e.action === 'workflow.transition' && e.payload.status === 'closed') ??
    null;
  const stateName = (state: string) =>
    pick(
      (workflow.machine.states[state] as { meta?: { label?: LocalizedText } })?.meta?.label ?? state,
      lang,
    );
  const interim = c.status !== 'closed';

  const sections: ReportSection[] = [
    {
      heading: t(lang, '一、评议对象与目的', '1. Object and purpose'),
      blocks: [
        {
          kind: 'para',
          text: t(
            lang,
            `本报告对“${c.title}”（${pick(input.activity, lang)}）进行知识产权分析评议，申请人为${c.applicant.name}。评议旨在识别该活动在权属、侵权、稳定性、合规、布局和管理方面的知识产权风险，提出防控措施，供${dept(c.competentDepartment)}决策参考。本报告不替代主管部门的决定。`,
            `This report evaluates the intellectual property of "${c.title}" (${pick(input.activity, lang)}), applicant ${c.applicant.name}. It identifies IP risks in ownership, infringement, validity, compliance, market coverage and management, proposes measures, and supports the decision of the ${dept(c.competentDepartment)}. It does not replace that decision.`,
          ),
        },
        ...mandatoryEvaluationBlocks(decision, lang),
      ],
    },
    {
      heading: t(lang, '二、评议依据与范围', '2. Bases and scope'),
      blocks: [
        { kind: 'para', text: t(lang, '评议所依据的法律法规和规范：', 'Legal bases applied:') },
        { kind: 'list', items: legalBases(decision) },
        {
          kind: 'codes',
          rows: [
            [t(lang, '规则集版本（SHA-256）', 'Rule set (SHA-256)'), c.definition.rulesHash],
            [t(lang, '流程版本（SHA-256）', 'Workflow (SHA-256)'), c.definition.workflowHash],
            [t(lang, '规则文件', 'Rule files'), rules.files.map((f) => f.file).join(', ')],
            [t(lang, '事实提交时间', 'Facts submitted at'), chinaTime(decision.submittedAt)],
          ],
        },
        ...searchAndRightsBlocks(decision.evaluationBasis, rules.factsSchema, lang),
      ],
    },
    {
      heading: t(lang, '三、基本事实', '3. Facts'),
      blocks: [
        {
          kind: 'para',
          text: t(
            lang,
            '以下为申请人提交并经受理的事实（最近一次提交）。',
            'The facts as submitted and accepted (latest submission).',
          ),
        },
        { kind: 'fields', rows: factRows(withoutEvaluationBasis(input.factFields), facts, lang) },
      ],
    },
    { heading: t(lang, '四、风险分析', '4. Risk analysis'), blocks: riskBlocks(decision, lang, word) },
    {
      heading: t(lang, '五、风险等级', '5. Risk level'),
      blocks: levelBlocks(decision, rules.levels, lang, word),
    },
    { heading: t(lang, '六、风险防控措施', '6. Measures'), blocks: measureBlocks(decision, lang) },
    {
      heading: t(lang, '七、审查过程与意见', '7. Course of the review and opinions'),
      blocks: [
        ...evaluatorBlocks(decision.evaluationBasis, rules.factsSchema, lang),
        ...routeBlocks(decision, dept, lang, word),
        {
          kind: 'figure',
          svg: input.diagramSvg,
          caption: t(
            lang,
            `审查流程（蓝色为本案实际经过的路径，当前：${stateName(c.state)}）`,
            `The procedure (blue: the path this case took; now: ${stateName(c.state)})`,
          ),
        },
        opinionsTable(trail, dept, stateName, lang, word),
      ],
    },
    { heading: t(lang, '八、结论', '8. Conclusion'), blocks: conclusionBlocks(c, trail, lang, word) },
    {
      heading: t(lang, '九、局限性说明', '9. Limitations'),
      blocks: [
        {
          kind: 'list',
          items: [
            t(
              lang,
              '本评议以申请人提交的事实为依据，未对事实的真实性进行独立调查；事实有误或变化时结论可能不同。',
              'The evaluation rests on the facts as submitted; their truth was not independently investigated. Other facts may lead to another result.',
            ),
            t(
              lang,
              '风险分值和等级由规则集按上述版本计算，反映规则所覆盖的情形，不构成对具体权利有效性或侵权与否的法律意见。',
              'Score and level come from the rule set of the version above and cover the situations its rules describe; they are not a legal opinion on the validity or infringement of any particular right.',
            ),
            t(
              lang,
              '除事实中载明的检索外，本评议未进行专利、商标或其他权利的检索；检索的范围和截止日期以事实所载为准。',
              'Apart from searches stated in the facts, no patent, trade mark or other search was carried out for this evaluation; the scope and cut-off date of any search are those the facts give.',
            ),
            t(
              lang,
              '本报告反映报告版本所对应时点的案件状态。',
              'This report reflects the case as it stood at the report version given.',
            ),
          ],
        },
        ...applicantLimitationsBlocks(decision.evaluationBasis, rules.factsSchema, lang),
      ],
    },
    {
      heading: t(lang, '附：可追溯信息', 'Annex: traceability'),
      blocks: [
        {
          kind: 'codes',
          rows: [
            [t(lang, '案件编号', 'Case'), c.id],
            [t(lang, '报告版本', 'Report version'), String(c.version)],
            [t(lang, '规则集哈希', 'Rule set hash'), c.definition.rulesHash],
            [t(lang, '流程哈希', 'Workflow hash'), c.definition.workflowHash],
            ...chainRow(t(lang, '评议决定事件', 'Decision event'), decisionEvent, lang),
            ...chainRow(t(lang, '办结事件', 'Closing event'), closing, lang),
          ],
        },
        {
          kind: 'para',
          text: t(
            lang,
            '核验方法：计算本PDF文件的SHA-256（如 sha256sum report.pdf），以 GET /api/v1/reports/verify?sha256=<哈希> 查询，或将文件以 POST /api/v1/reports/verify（Content-Type: application/pdf）提交。出具本报告时，审计链中记录了 report.issued 事件及该哈希；核验结果给出案件、报告版本和该事件在审计链中的序号与哈希。文件任何一个字节被改动都将无法通过核验。',
            "To verify: compute the SHA-256 of this PDF file (e.g. sha256sum report.pdf) and ask GET /api/v1/reports/verify?sha256=<hash>, or POST the file to /api/v1/reports/verify (Content-Type: application/pdf). Issuing this report recorded a report.issued event with that hash in the audit chain; the answer names the case, the report version and the event's sequence number and hash. A single changed byte fails the check.",
          ),
        },
      ],
    },
  ];

  const title = pick(REPORT_TITLE, lang);
  return {
    lang,
    title,
    subtitle: c.title,
    author: pick(ENGINE_NAME, lang),
    date: c.updatedAt,
    interimMark: interim ? t(lang, '中期报告 · 案件尚未办结', 'INTERIM — case not closed') : null,
    header: `${title} · ${c.title}`,
    footer: `${t(lang, '案件', 'Case')} ${c.id} · ${t(lang, '报告版本', 'version')} ${c.version}`,
    cover: [
      [t(lang, '评议事项', 'Subject'), c.title],
      [t(lang, '案件编号', 'Case number'), c.id],
      [t(lang, '申请人', 'Applicant'), c.applicant.name],
      [t(lang, '统一社会信用代码', 'Credit code'), c.applicant.creditCode],
      [t(lang, '活动类型', 'Activity type'), pick(input.activity, lang)],
      [t(lang, '主管部门', 'Competent department'), dept(c.competentDepartment)],
      ...evaluatorCoverRow(decision.evaluationBasis, lang),
      [t(lang, '提交日期', 'Submitted'), chinaDate(c.createdAt)],
      [
        interim ? t(lang, '当前状态', 'State') : t(lang, '办结日期', 'Closed'),
        interim ? stateName(c.state) : aside(lang, chinaDate(c.updatedAt), stateName(c.state)),
      ],
      [
        t(lang, '风险等级', 'Risk level'),
        aside(lang, word('levels', decision.level), String(decision.score)),
      ],
      [
        t(lang, '结论', 'Outcome'),
        c.outcome ? word('outcomes', c.outcome) : t(lang, '尚未作出', 'not yet taken'),
      ],
      [t(lang, '报告版本', 'Report version'), aside(lang, String(c.version), chinaTime(c.updatedAt))],
    ],
    sections,
  };
}

function opinionsTable(
  trail: TimelineEntry[],
  dept: (code: string) => string,
  stateName: (state: string) => string,
  lang: ReportLang,
  word: Words,
): ReportBlock {
  const done = trail.filter((e) => e.action === 'task.completed');
  if (done.length === 0)
    return { kind: 'para', text: t(lang, '尚无部门意见。', 'No department has given an opinion yet.') };
  return {
    kind: 'table',
    head: [
      t(lang, '部门 / 环节', 'Department / stage'),
      t(lang, '经办', 'By'),
      t(lang, '时间', 'When'),
      t(lang, '意见', 'Outcome'),
      t(lang, '说明', 'Comment'),
    ],
    rows: done.map((e) => [
      `${dept(String(e.payload.department))} / ${stateName(String(e.payload.stage))}`,
      // The applicant side reads no official's name or key id: the role (aside) stands for them.
      aside(lang, e.actor.name ?? e.actor.id ?? '—', word('roles', e.actor.role)),
      chinaTime(e.occurredAt),
      word('outcomes', e.outcome),
      e.comment ?? '—',
    ]),
    widths: [2.2, 2, 1.6, 1.2, 3],
  };
}

function conclusionBlocks(
  c: EvaluationView,
  trail: TimelineEntry[],
  lang: ReportLang,
  word: Words,
): ReportBlock[] {
  const fulfilled = trail.find((e) => e.action === 'task.completed' && e.payload.stage === 'conditions');
  const rows: [string, string][] = [
    [
      t(lang, '结论', 'Outcome'),
      c.outcome ? word('outcomes', c.outcome) : t(lang, '尚未作出', 'not yet taken'),
    ],
    [t(lang, '案件状态', 'Case'), word('caseStatuses', c.status)],
  ];
  if (c.conditions.length > 0) {
    rows.push([
      t(lang, '条件落实', 'Conditions met'),
      fulfilled
        ? aside(
            lang,
            word('outcomes', fulfilled.outcome),
            `${chinaTime(fulfilled.occurredAt)}${t(lang, '，', ', ')}${fulfilled.actor.name ?? fulfilled.actor.id}`,
          )
        : t(lang, '尚未落实', 'not yet'),
    ]);
  }
  if (c.overrideReason)
    rows.push([t(lang, '否决项不适用的理由', 'Why the hard stops do not apply'), c.overrideReason]);
  const blocks: ReportBlock[] = [{ kind: 'fields', rows }];
  if (c.conditions.length > 0) {
    blocks.push({ kind: 'para', text: t(lang, '附加条件：', 'Conditions:') });
    blocks.push({ kind: 'list', items: c.conditions });
  }
  return blocks;
}

function chainRow(label: string, e: TimelineEntry | null, lang: ReportLang): [string, string][] {
  if (!e) return [[label, t(lang, '尚无', 'none yet')]];
  return [[label, `#${e.seq} · ${chinaTime(e.occurredAt)} · ${e.hash}`]];
}

/** The cover names who evaluated, where the facts say (decision.evaluationBasis.evaluator). */
function evaluatorCoverRow(basis: EvaluationBasis | undefined, lang: ReportLang): [string, string][] {
  const line = evaluatorLine(basis, lang);
  return line === null ? [] : [[t(lang, '评议人', 'Evaluator'), line]];
}
