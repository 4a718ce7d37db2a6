import type { Decision, Finding } from '../decision/decision.types';
import { DIMENSIONS, type LevelThresholds } from '../definitions/definition.types';
import type { ReportBlock, ReportLang } from './report-document';
import { pick, t, type Words } from './report-labels';

/**
 * The parts of a report that come from a Decision alone, shared by the evaluation report and the shorter
 * assessment report: legal bases, findings by dimension, hard stops, level, measures, route.
 */
export function legalBases(d: Decision): string[] {
  const bases = [...d.findings, ...d.hardStops].map((x) => x.basis);
  return [...new Set(bases)];
}

export function riskBlocks(d: Decision, lang: ReportLang, word: Words): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  if (d.hardStops.length > 0) {
    blocks.push({
      kind: 'note',
      text: t(
        lang,
        `否决项 ${d.hardStops.length} 项：除非决定部门记录其不适用的理由，结论应为不建议实施。`,
        `${d.hardStops.length} hard stop(s): the outcome must be not-recommended unless the deciding department records why they do not apply.`,
      ),
    });
    blocks.push({
      kind: 'table',
      head: [t(lang, '否决项', 'Hard stop'), t(lang, '依据', 'Basis')],
      rows: d.hardStops.map((h) => [pick(h.reason, lang), h.basis]),
      widths: [3, 2],
    });
  }
  if (d.findings.length === 0) {
    blocks.push({ kind: 'para', text: t(lang, '规则未发现计分风险。', 'The rules found no scored risk.') });
    return blocks;
  }
  for (const dimension of DIMENSIONS) {
    const findings = d.findings.filter((f) => f.dimension === dimension);
    if (findings.length === 0) continue;
    blocks.push({
      kind: 'table',
      head: [
        lang === 'zh'
          ? `${word('dimensions', dimension)}（${d.dimensions[dimension] ?? 0}）`
          : `${word('dimensions', dimension)} (${d.dimensions[dimension] ?? 0})`,
        t(lang, '分值', 'Points'),
        t(lang, '依据', 'Basis'),
      ],
      rows: findings.map((f) => [pick(f.reason, lang), String(f.points), f.basis]),
      widths: [5, 1, 3],
    });
  }
  return blocks;
}

export function measureBlocks(d: Decision, lang: ReportLang): ReportBlock[] {
  if (d.measures.length === 0)
    return [{ kind: 'para', text: t(lang, '无需特别的防控措施。', 'No particular measure is called for.') }];
  const reasons = new Map<string, string>(
    [...d.findings, ...d.hardStops].map((f: Finding | Decision['hardStops'][number]) => [
      f.rule,
      pick(f.reason, lang),
    ]),
  );
  return [
    {
      kind: 'table',
      head: [t(lang, '措施', 'Measure'), t(lang, '针对的风险', 'Addresses')],
      rows: d.measures.map((m) => [
        lang === 'zh' ? m.zh : m.en,
        m.rules.map((r) => reasons.get(r) ?? r).join('\n'),
      ]),
      widths: [2, 3],
    },
  ];
}

export function routeBlocks(
  d: Decision,
  dept: (code: string) => string,
  lang: ReportLang,
  word: Words,
): ReportBlock[] {
  const r = d.route;
  const rows: [string, string][] = [
    [t(lang, '会签方式', 'Countersign'), word('countersignModes', r.mode)],
    [t(lang, '会签部门', 'Departments'), r.countersign.map((s) => dept(s.department)).join('、') || '—'],
    [t(lang, '专家评审', 'Expert review'), r.expertReview ? t(lang, '需要', 'yes') : t(lang, '不需要', 'no')],
    [
      t(lang, '合法性审查', 'Legality review'),
      r.legalityReview ? t(lang, '需要', 'yes') : t(lang, '不需要', 'no'),
    ],
  ];
  const why = [
    ...r.reasons.map((x) => pick(x.reason, lang)),
    ...r.countersign.flatMap((s) =>
      s.reasons.map((x) => `${dept(s.department)}${t(lang, '：', ': ')}${pick(x.reason, lang)}`),
    ),
  ];
  return [
    { kind: 'fields', rows },
    ...(why.length ? [{ kind: 'list' as const, items: [...new Set(why)] }] : []),
  ];
}

/**
 * Whether the law requires this evaluation, with why and on what basis. Rule sets older than the
 * mandatory-evaluation rules give no answer: then nothing is shown.
 */
export function mandatoryEvaluationBlocks(d: Decision, lang: ReportLang): ReportBlock[] {
  const m = d.mandatoryEvaluation;
  if (!m) return [];
  return [
    {
      kind: 'fields',
      rows: [
        [
          t(lang, '是否须经评议', 'Evaluation required'),
          m.required ? t(lang, '是', 'Yes') : t(lang, '否', 'No'),
        ],
        [t(lang, '理由', 'Why'), m.reason[lang]],
        [t(lang, '依据', 'Basis'), m.basis || '—'],
      ],
    },
  ];
}

export function levelBlocks(
  d: Decision,
  levels: LevelThresholds,
  lang: ReportLang,
  word: Words,
): ReportBlock[] {
  return [
    {
      kind: 'fields',
      rows: [
        [t(lang, '风险分值', 'Score'), String(d.score)],
        [t(lang, '风险等级', 'Level'), word('levels', d.level)],
        [
          t(lang, '等级阈值', 'Thresholds'),
          [
            `${word('levels', 'medium')} ≥ ${levels.medium}`,
            `${word('levels', 'high')} ≥ ${levels.high}`,
            `${word('levels', 'critical')} ≥ ${levels.critical}`,
          ].join(t(lang, '，', ', ')),
        ],
      ],
    },
    {
      kind: 'bars',
      items: DIMENSIONS.map((x) => ({ label: word('dimensions', x), value: d.dimensions[x] ?? 0 })),
      max: Math.max(1, ...DIMENSIONS.map((x) => d.dimensions[x] ?? 0)),
    },
  ];
}
