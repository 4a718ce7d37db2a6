import type { FactContract, FactKind, FactSpec, LocalizedText } from '../definitions/definition.types';

/**
 * One field of a facts contract, flattened for forms: the shape the definitions' contract-fields helper
 * gives once the contracts become JSON Schemas. Until then, contractFields() adapts today's facts.json.
 */
export interface ContractField {
  path: string; // the request path, e.g. "facts.candidate.name", "applicant.creditRecords"
  key: string;
  label: LocalizedText;
  help?: LocalizedText;
  kind: FactKind;
  required: boolean;
  choices?: { value: string; label: LocalizedText }[];
  children?: ContractField[]; // object fields; for arrays, the fields of one item (path relative: "")
  items?: ContractField; // arrays: one item
  min?: number;
  max?: number;
}

/** The input facts as request fields: the applicant at the top level, everything else under "facts". */
export function contractFields(contract: FactContract): ContractField[] {
  return Object.entries(contract.input).map(([key, spec]) =>
    toField(key === 'applicant' ? key : `facts.${key}`, key, spec),
  );
}

function toField(path: string, key: string, spec: FactSpec): ContractField {
  const field: ContractField = {
    path,
    key,
    label: spec.label,
    kind: spec.kind,
    required: spec.required !== false,
  };
  if (spec.values) field.choices = spec.values.map((value) => ({ value, label: { zh: value, en: value } }));
  if (spec.min !== undefined) field.min = spec.min;
  if (spec.max !== undefined) field.max = spec.max;
  if (spec.fields)
    field.children = Object.entries(spec.fields).map(([k, s]) => toField(`${path}.${k}`, k, s));
  if (spec.items) field.items = toField('', key, spec.items);
  return field;
}
