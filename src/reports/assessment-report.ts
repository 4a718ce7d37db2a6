import { withoutEvaluationBasis } from './evaluation-basis-blocks';
import { applicantLimitationsBlocks, searchAndRightsBlocks } from './evaluation-basis-blocks';
import type { AssessmentView } from '../assessments/assessments.service';
import type { RuleSetDefinition } from '../definitions/definition.types';
import {
  legalBases,
  levelBlocks,
  measureBlocks,
  mandatoryEvaluationBlocks,
  riskBlocks,
  routeBlocks,
} from './decision-blocks';
import type { ContractField } from '../definitions/contract-fields';
import type { LocalizedText } from '../definitions/definition.types';
import type { Vocabulary } from '../definitions/vocabulary';
import { ENGINE_NAME } from './evaluation-report';
import { factRows } from './fact-fields';
import type { ReportDocument, ReportLang } from './report-document';
import { aside, chinaDate, chinaTime, pick, t, wordsIn } from './report-labels';

/**
 * The shorter report of an instant risk assessment (风险评估报告): what the rules found on the facts given,
 * and which departments a formal evaluation would involve. No procedure, no opinions: there was none.
 */
export interface AssessmentReportInput {
  lang: ReportLang;
  assessment: AssessmentView;
  rules: RuleSetDefinition;
  /** The type's name (rules/<type>/activity.json). */
  activity: LocalizedText;
  /** The applicant's and the type's facts contract as labelled fields (reportFactFields). */
  factFields: ContractField[];
  facts: Record<string, unknown>;
  /** The words for levels, dimensions and countersign modes (rules/vocabulary.json). */
  vocabulary: Vocabulary;
  /** The assessment.made event in the audit chain. */
  event: { seq: number; hash: string; occurredAt: string } | null;
}

export function buildAssessmentReport(input: AssessmentReportInput): ReportDocument {
  const { lang, assessment: a, rules } = input;
  const d = a.decision;
  const word = wordsIn(input.vocabulary, lang);
  const dept = (code: string) => rules.departments.find((x) => x.code === code)?.[lang] ?? code;
  const title = t(lang, '知识产权风险评估报告', 'IP Risk Assessment Report');
  return {
    lang,
    title,
    subtitle: `${pick(input.activity, lang)} · ${a.applicant.name}`,
    author: pick(ENGINE_NAME, lang),
    date: a.submittedAt,
    interimMark: null,
    header: `${title} · ${a.applicant.name}`,
    footer: `${t(lang, '评估', 'Assessment')} ${a.id}`,
    cover: [
      [t(lang, '评估编号', 'Assessment'), a.id],
      [t(lang, '申请人', 'Applicant'), a.applicant.name],
      [t(lang, '统一社会信用代码', 'Credit code'), a.applicant.creditCode],
      [t(lang, '活动类型', 'Activity type'), pick(input.activity, lang)],
      [t(lang, '评估时间', 'Assessed'), chinaTime(a.submittedAt)],
      [t(lang, '风险等级', 'Risk level'), aside(lang, word('levels', d.level), String(d.score))],
      [t(lang, '否决项', 'Hard stops'), String(d.hardStops.length)],
    ],
    sections: [
      {
        heading: t(lang, '一、评估对象与性质', '1. Object and nature'),
        blocks: [
          {
            kind: 'para',
            text: t(
              lang,
              `本报告是对${a.applicant.name}所提交事实的即时风险评估，由规则自动得出，未经部门审查，不是评议结论。需要正式评议的，应提交审查评议。`,
              `An instant risk assessment of the facts ${a.applicant.name} gave, made by the rules alone, without any department's review. It is not an evaluation's conclusion; a formal evaluation needs a submission.`,
            ),
          },
          ...mandatoryEvaluationBlocks(d, lang),
        ],
      },
      {
        heading: t(lang, '二、评估依据', '2. Bases'),
        blocks: [
          { kind: 'list', items: legalBases(d).length ? legalBases(d) : [t(lang, '无', 'none')] },
          {
            kind: 'codes',
            rows: [[t(lang, '规则集版本（SHA-256）', 'Rule set (SHA-256)'), d.definitionHash]],
          },
          ...searchAndRightsBlocks(d.evaluationBasis, rules.factsSchema, lang),
        ],
      },
      {
        heading: t(lang, '三、基本事实', '3. Facts'),
        blocks: [
          { kind: 'fields', rows: factRows(withoutEvaluationBasis(input.factFields), input.facts, lang) },
        ],
      },
      { heading: t(lang, '四、风险分析', '4. Risk analysis'), blocks: riskBlocks(d, lang, word) },
      { heading: t(lang, '五、风险等级', '5. Risk level'), blocks: levelBlocks(d, rules.levels, lang, word) },
      { heading: t(lang, '六、风险防控措施', '6. Measures'), blocks: measureBlocks(d, lang) },
      {
        heading: t(lang, '七、正式评议将涉及的部门', '7. Departments a formal evaluation would involve'),
        blocks: routeBlocks(d, dept, lang, word),
      },
      {
        heading: t(lang, '八、局限性说明', '8. Limitations'),
        blocks: [
          {
            kind: 'para',
            text: t(
              lang,
              `评估仅依据提交的事实和上述版本的规则（评估日 ${chinaDate(a.submittedAt)}），未核实事实，也未进行任何检索；不构成法律意见。`,
              `The assessment rests only on the facts given and the rules of the version above (assessed ${chinaDate(a.submittedAt)}); the facts were not checked and no search was made. It is not a legal opinion.`,
            ),
          },
          ...applicantLimitationsBlocks(d.evaluationBasis, rules.factsSchema, lang),
        ],
      },
      {
        heading: t(lang, '附：可追溯信息', 'Annex: traceability'),
        blocks: [
          {
            kind: 'codes',
            rows: [
              [t(lang, '评估编号', 'Assessment'), a.id],
              [t(lang, '规则集哈希', 'Rule set hash'), d.definitionHash],
              [
                t(lang, '评估事件', 'Assessment event'),
                input.event
                  ? `#${input.event.seq} · ${chinaTime(input.event.occurredAt)} · ${input.event.hash}`
                  : '—',
              ],
            ],
          },
          {
            kind: 'para',
            text: t(
              lang,
              '核验：以 GET /api/v1/reports/verify?sha256=<本文件的SHA-256> 查询，或将本文件 POST 至 /api/v1/reports/verify。',
              'To verify: GET /api/v1/reports/verify?sha256=<SHA-256 of this file>, or POST this file to /api/v1/reports/verify.',
            ),
          },
        ],
      },
    ],
  };
}
