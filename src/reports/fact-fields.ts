import type { FactContract, FactSpec, LocalizedText } from '../definitions/definition.types';
import type { ReportLang } from './report-document';
import { t } from './report-labels';

/**
 * A labelled field of a type's facts contract, in the shape the contract's JSON Schema helper
 * (definitions/contract-fields) will give: `contractFields` adapts today's rules/<type>/facts.json to it and
 * is the one function to replace when that helper lands.
 */
export interface ContractField {
  path: string;
  key: string;
  label: LocalizedText;
  kind: string;
  required: boolean;
  choices?: { value: string; label: LocalizedText }[];
  children?: ContractField[];
}

export function contractFields(contract: FactContract): ContractField[] {
  return Object.entries(contract.input).map(([key, spec]) => toField(key, key, spec));
}

function toField(path: string, key: string, spec: FactSpec): ContractField {
  const values = spec.values ?? spec.items?.values;
  const nested = spec.fields ?? spec.items?.fields;
  return {
    path,
    key,
    label: spec.label,
    kind: spec.kind === 'array' && spec.items ? `array:${spec.items.kind}` : spec.kind,
    required: spec.required ?? true,
    ...(values ? { choices: values.map((value) => ({ value, label: { zh: value, en: value } })) } : {}),
    ...(nested ? { children: Object.entries(nested).map(([k, s]) => toField(`${path}.${k}`, k, s)) } : {}),
  };
}

/**
 * The submitted facts as label / value rows in contract order: nested objects as "parent · child", arrays
 * of objects one numbered row group per item. Facts the contract does not know are left out: the report
 * shows the contract's facts, nothing a client might have slipped in.
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
    if (field.children && isRecord(value)) {
      rows.push(...factRows(field.children, value, lang, `${label} · `));
    } else if (field.children && Array.isArray(value)) {
      if (value.length === 0) rows.push([label, t(lang, '无', 'none')]);
      value.forEach((item, i) => {
        if (isRecord(item)) rows.push(...factRows(field.children!, item, lang, `${label} ${i + 1} · `));
      });
    } else {
      rows.push([label, show(value, field, lang)]);
    }
  }
  return rows;
}

function show(value: unknown, field: ContractField, lang: ReportLang): string {
  if (value === null || value === undefined) return t(lang, '未填写', 'not given');
  if (typeof value === 'boolean') return value ? t(lang, '是', 'yes') : t(lang, '否', 'no');
  if (Array.isArray(value)) return value.length ? value.map((v) => choice(v, field, lang)).join('、') : '—';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  return choice(value, field, lang);
}

function choice(value: unknown, field: ContractField, lang: ReportLang): string {
  const found = field.choices?.find((c) => c.value === value);
  return found ? found.label[lang] : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
