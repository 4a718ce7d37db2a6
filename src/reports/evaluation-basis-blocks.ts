/**
 * The parts of the evaluation report that show the decision's evaluation basis (src/decision/evaluation-basis.ts):
 * the applicant's search and the rights examined (section 2), its limitations statement (section 9) and the
 * evaluator (cover and section 7). Labels come from the facts contract the case is pinned to
 * (rules/shared/facts.json), so the report names each field as the form the applicant filled in did.
 */
import type { EvaluationBasis } from '../decision/decision.types';
import { EVALUATION_BASIS_FACT } from '../decision/evaluation-basis';
import type { ContractField } from '../definitions/contract-fields';
import type { JsonSchema } from '../definitions/definition.types';
import type { ReportBlock, ReportLang } from './report-document';
import { aside, pick, t } from './report-labels';

/** The schema node of the evaluation basis at a path of property names (items of an array stepped through). */
function nodeAt(factsSchema: JsonSchema, path: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = factsSchema.properties?.evaluationBasis;
  for (const name of path) {
    const container: JsonSchema | undefined = node?.type === 'array' ? node.items : node;
    node = container?.properties?.[name];
  }
  return node;
}

function labeller(factsSchema: JsonSchema, lang: ReportLang) {
  return {
    label: (...path: string[]) => pick(nodeAt(factsSchema, path)?.['x-label'] ?? path[path.length - 1], lang),
    value: (value: string | undefined, ...path: string[]) =>
      value === undefined ? '—' : pick(nodeAt(factsSchema, path)?.['x-enumLabels']?.[value] ?? value, lang),
  };
}

/** Section 2: the search the applicant relied on and the rights examined, or a plain note that there is none. */
export function searchAndRightsBlocks(
  basis: EvaluationBasis | undefined,
  factsSchema: JsonSchema,
  lang: ReportLang,
): ReportBlock[] {
  const { label, value } = labeller(factsSchema, lang);
  const blocks: ReportBlock[] = [];
  const search = basis?.search;
  if (search) {
    const rows: [string, string][] = [
      [label('search', 'scope'), search.scope],
      [label('search', 'cutOffDate'), search.cutOffDate],
    ];
    if (search.performedBy) rows.push([label('search', 'performedBy'), search.performedBy]);
    blocks.push({ kind: 'para', text: `${label('search')}${t(lang, '：', ':')}` }, { kind: 'fields', rows });
  } else {
    blocks.push({
      kind: 'para',
      text: t(
        lang,
        '申请人未提供检索的范围和截止日期：本评议不能说明检索覆盖了哪些权利。',
        'The applicant gave no search scope or cut-off date: this evaluation cannot say which rights a search covered.',
      ),
    });
  }
  const rights = basis?.rightsExamined ?? [];
  if (rights.length > 0) {
    const at = (field: string) => ['rightsExamined', field];
    blocks.push(
      { kind: 'para', text: `${label('rightsExamined')}${t(lang, '：', ':')}` },
      {
        kind: 'table',
        head: [
          label(...at('kind')),
          label(...at('number')),
          label(...at('holder')),
          label(...at('jurisdiction')),
          label(...at('legalStatus')),
        ],
        rows: rights.map((right) => [
          value(right.kind, ...at('kind')),
          right.number,
          right.holder ?? '—',
          right.jurisdiction ?? '—',
          right.statusCheckedOn
            ? aside(lang, value(right.legalStatus, ...at('legalStatus')), right.statusCheckedOn)
            : value(right.legalStatus, ...at('legalStatus')),
        ]),
        widths: [1.4, 2.2, 2, 1, 1.8],
      },
    );
  }
  return blocks;
}

/** Section 9: the applicant's own limitations statement, beside the service's. */
export function applicantLimitationsBlocks(
  basis: EvaluationBasis | undefined,
  factsSchema: JsonSchema,
  lang: ReportLang,
): ReportBlock[] {
  if (!basis?.limitations) return [];
  const { label } = labeller(factsSchema, lang);
  return [{ kind: 'fields', rows: [[label('limitations'), basis.limitations]] }];
}

/** The evaluator in one line: organisation, person and qualification as far as given; null when none. */
export function evaluatorLine(basis: EvaluationBasis | undefined, lang: ReportLang): string | null {
  const evaluator = basis?.evaluator;
  if (!evaluator) return null;
  const who = [evaluator.organisation, evaluator.person].filter(Boolean).join(' · ');
  return evaluator.qualification ? aside(lang, who, evaluator.qualification) : who;
}

/** Section 7: who evaluated, as a labelled row; nothing when the facts do not say. */
export function evaluatorBlocks(
  basis: EvaluationBasis | undefined,
  factsSchema: JsonSchema,
  lang: ReportLang,
): ReportBlock[] {
  const line = evaluatorLine(basis, lang);
  if (line === null) return [];
  const { label } = labeller(factsSchema, lang);
  return [{ kind: 'fields', rows: [[label('evaluator'), line]] }];
}

/** The facts section leaves the evaluation basis out: the sections above and below state it in full. */
export function withoutEvaluationBasis(fields: ContractField[]): ContractField[] {
  return fields.filter((field) => field.path !== EVALUATION_BASIS_FACT);
}
