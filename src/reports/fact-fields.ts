import { contractFields, type ContractField } from '../definitions/contract-fields';
import type { JsonSchema } from '../definitions/definition.types';
import type { ReportLang } from './report-document';
import { t } from './report-labels';

/** The labelled fields of a case's facts as a report shows them: the applicant first, then the type's facts. */
export function reportFactFields(applicantSchema: JsonSchema, factsSchema: JsonSchema): ContractField[] {
  return [
    ...contractFields({
      type: 'object',
      properties: { applicant: applicantSchema },
      required: ['applicant'],
    }),
    ...contractFields(factsSchema),
  ];
}

/**
 * The submitted facts as label / value rows in contract order: nested objects as "parent · child", lists
 * of objects one numbered group per item, enum values by their labels. Facts the contract does not know
 * are left out: the report shows the contract's facts, nothing a client might have slipped in.
 */
export function factRows(
  fields: ContractField[],
  facts: Record<string, unknown>,
  lang: ReportLang,
  prefix = '',
): [string, string][] {
  const rows: [string, string][] = [];
  for (const field of fields) {
    const label = prefix + field.label[lang];
    const value = facts[field.key];
    const item = field.kind === 'array' ? field.children?.[0] : undefined;
    if (field.kind === 'object' && field.children && isRecord(value)) {
      rows.push(...factRows(field.children, value, lang, `${label} · `));
    } else if (item?.kind === 'object' && item.children && Array.isArray(value)) {
      if (value.length === 0) rows.push([label, t(lang, '无', 'none')]);
      value.forEach((entry, i) => {
        if (isRecord(entry)) rows.push(...factRows(item.children!, entry, lang, `${label} ${i + 1} · `));
      });
    } else {
      rows.push([label, show(value, item ?? field, lang)]);
    }
  }
  return rows;
}

function show(value: unknown, field: ContractField, lang: ReportLang): string {
  if (value === null || value === undefined) return t(lang, '未填写', 'not given');
  if (typeof value === 'boolean') return value ? t(lang, '是', 'yes') : t(lang, '否', 'no');
  if (Array.isArray(value)) return value.length ? value.map((v) => show(v, field, lang)).join('、') : '—';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  const found = field.choices?.find((c) => c.value === value);
  return found ? found.label[lang] : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
