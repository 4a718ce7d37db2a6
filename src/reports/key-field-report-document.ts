import type { Vocabulary } from '../definitions/vocabulary';
import type { Department, LocalizedText, WorkflowDefinition } from '../definitions/definition.types';
import { ENGINE_NAME } from './evaluation-report';
import type { KeyFieldFigures, NamedCase } from './key-field-figures';
import type { KeyFieldScope } from './key-field-cases';
import type { ReportBlock, ReportDocument, ReportLang } from './report-document';
import { chinaDate, pick, t, type Words, wordsIn } from './report-labels';

/** A key-field report as the public reads it: the editorial text, then the figures, never a name. */
export interface KeyFieldDocumentInput {
  lang: ReportLang;
  id: string;
  field: string;
  title: string;
  body: string;
  edition: number;
  supersedesEdition: number | null;
  scope: KeyFieldScope;
  figures: KeyFieldFigures;
  publishedAt: string;
  competentDepartment: string;
  departments: Department[];
  /** The types' names (rules/<type>/activity.json). */
  typeLabels: Record<string, LocalizedText>;
  /** The workflows of the types, for their stage labels. */
  workflows: WorkflowDefinition[];
  publisher: string;
  /** The words for levels and outcomes (rules/vocabulary.json). */
  vocabulary: Vocabulary;
}

export function buildKeyFieldDocument(input: KeyFieldDocumentInput): ReportDocument {
  const { lang, figures: f } = input;
  const word = wordsIn(input.vocabulary, lang);
  const dept = (code: string) => input.departments.find((d) => d.code === code)?.[lang] ?? code;
  const typeName = (type: string) => input.typeLabels[type]?.[lang] ?? type;
  const stageName = (stage: string) => {
    for (const w of input.workflows) {
      const label = (w.machine.states[stage] as { meta?: { label?: { zh: string; en: string } } } | undefined)
        ?.meta?.label;
      if (label) return label[lang];
    }
    return stage;
  };
  const counts = (record: Record<string, number>, name: (k: string) => string): ReportBlock => ({
    kind: 'bars',
    items: Object.entries(record).map(([k, v]) => ({ label: name(k), value: v })),
    max: Math.max(1, ...Object.values(record)),
  });
  const period = [input.scope.closedFrom ?? '…', input.scope.closedTo ?? '…'].join(' — ');
  const paragraphs = input.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    lang,
    title: input.title,
    subtitle: `${t(lang, '重点领域知识产权评议报告', 'Key-field IP evaluation report')} · ${input.field}`,
    author: input.publisher,
    date: input.publishedAt,
    interimMark: null,
    header: `${input.title} · ${t(lang, '第', 'edition ')}${input.edition}${t(lang, '版', '')}`,
    footer: `${pick(ENGINE_NAME, lang)} · ${input.id}`,
    cover: [
      [t(lang, '重点领域', 'Key field'), input.field],
      [t(lang, '版本', 'Edition'), String(input.edition)],
      [t(lang, '发布日期', 'Published'), chinaDate(input.publishedAt)],
      [t(lang, '编制单位', 'Compiled by'), input.publisher],
      [t(lang, '审核部门', 'Approved by'), dept(input.competentDepartment)],
      [
        t(lang, '统计范围', 'Scope'),
        [
          input.scope.types?.length
            ? input.scope.types.map(typeName).join('、')
            : t(lang, '全部类型', 'all types'),
          input.scope.departments?.length ? input.scope.departments.map(dept).join('、') : null,
          `${t(lang, '办结日期', 'closed')} ${period}`,
        ]
          .filter(Boolean)
          .join('；'),
      ],
      [t(lang, '纳入统计的评议案件', 'Evaluations counted'), String(f.caseCount)],
    ],
    sections: [
      {
        heading: t(lang, '一、报告正文', '1. Report'),
        blocks: [
          ...(input.supersedesEdition
            ? [
                {
                  kind: 'note' as const,
                  text: t(
                    lang,
                    `本版为更正版本，取代第 ${input.supersedesEdition} 版。`,
                    `This corrected edition supersedes edition ${input.supersedesEdition}.`,
                  ),
                },
              ]
            : []),
          ...paragraphs.map((text): ReportBlock => ({ kind: 'para', text })),
        ],
      },
      {
        heading: t(lang, '二、评议概况', '2. The evaluations in figures'),
        blocks: [
          { kind: 'para', text: t(lang, '按活动类型：', 'By activity type:') },
          counts(f.byType, typeName),
          { kind: 'para', text: t(lang, '按风险等级：', 'By risk level:') },
          counts(f.byLevel, (k) => word('levels', k)),
          { kind: 'para', text: t(lang, '按评议结论：', 'By outcome:') },
          counts(f.byOutcome, (k) => word('outcomes', k)),
        ],
      },
      {
        heading: t(lang, '三、常见风险', '3. Most frequent findings'),
        blocks: [
          f.topFindings.length
            ? {
                kind: 'table',
                head: [t(lang, '风险', 'Finding'), t(lang, '依据', 'Basis'), t(lang, '案件数', 'Cases')],
                rows: f.topFindings.map((x) => [x.reason[lang], x.basis, String(x.count)]),
                widths: [5, 3, 1],
              }
            : { kind: 'para', text: t(lang, '无。', 'None.') },
        ],
      },
      {
        heading: t(lang, '四、常用防控措施', '4. Most frequent measures'),
        blocks: [
          f.topMeasures.length
            ? {
                kind: 'table',
                head: [t(lang, '措施', 'Measure'), t(lang, '案件数', 'Cases')],
                rows: f.topMeasures.map((x) => [x.label[lang], String(x.count)]),
                widths: [6, 1],
              }
            : { kind: 'para', text: t(lang, '无。', 'None.') },
        ],
      },
      {
        heading: t(lang, '五、各环节用时', '5. Time per stage'),
        blocks: [
          {
            kind: 'table',
            head: [
              t(lang, '环节', 'Stage'),
              t(lang, '办理次数', 'Tasks'),
              t(lang, '平均用时（日）', 'Mean days'),
            ],
            rows: f.stageDays.map((s) => [stageName(s.stage), String(s.tasks), s.meanDays.toFixed(1)]),
            widths: [3, 1, 1],
          },
        ],
      },
      ...(f.namedCases ? [namedCasesSection(lang, f.namedCases, typeName, word)] : []),
      {
        heading: f.namedCases ? t(lang, '七、说明', '7. Notes') : t(lang, '六、说明', '6. Notes'),
        blocks: [
          {
            kind: 'para',
            text: f.namedCases
              ? t(
                  lang,
                  '本报告的数据来自上述范围内已归档的审查评议案件，以汇总形式呈现；仅列明申请人在案件中同意公开的案件名称和申请人，不载明其他任何申请人，也不载明申请人提交的事实。数据截至报告提交审核之时。',
                  'The figures come from the archived evaluations in the scope above, shown in aggregate; only the cases whose applicants consented on the case to publication are named, by title and applicant. No other applicant and no facts an applicant submitted are named. They are as of the time the report was put up for review.',
                )
              : t(
                  lang,
                  '本报告的数据来自上述范围内已归档的审查评议案件，仅以汇总形式呈现，不载明任何申请人及其提交的事实。数据截至报告提交审核之时。',
                  'The figures come from the archived evaluations in the scope above, shown only in aggregate: no applicant and none of its facts are named. They are as of the time the report was put up for review.',
                ),
          },
        ],
      },
    ],
  };
}

/** The archived cases whose applicants consented on the case to be named: title, applicant, type, result. */
function namedCasesSection(
  lang: ReportLang,
  cases: NamedCase[],
  typeName: (type: string) => string,
  word: Words,
): ReportDocument['sections'][number] {
  return {
    heading: t(lang, '六、经申请人同意公开的评议案件', "6. Evaluations named with the applicant's consent"),
    blocks: [
      cases.length
        ? {
            kind: 'table',
            head: [
              t(lang, '案件名称', 'Case'),
              t(lang, '申请人', 'Applicant'),
              t(lang, '活动类型', 'Activity type'),
              t(lang, '风险等级', 'Risk level'),
              t(lang, '评议结论', 'Outcome'),
            ],
            rows: cases.map((c) => [
              c.title,
              c.applicant,
              typeName(c.type),
              word('levels', c.level),
              word('outcomes', c.outcome),
            ]),
            widths: [4, 3, 2, 1, 1],
          }
        : { kind: 'para', text: t(lang, '无。', 'None.') },
    ],
  };
}
