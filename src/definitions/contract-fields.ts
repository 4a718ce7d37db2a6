/**
 * A facts contract (JSON Schema) flattened into the ordered tree of labelled fields that forms and reports
 * show: the one reading of a contract that the web console and the report documents share, so a label or
 * a choice is written once, in the contract. Pure: schema in, fields out.
 */
import type { FactKind, JsonSchema, LocalizedText } from './definition.types';
import { factKindOf } from './json-schema';

export interface ContractChoice {
  value: string;
  label: LocalizedText;
}

export interface ContractField {
  path: string; // dotted from the facts root: 'exhibition.opensOn'; an array's item is '<array>.*'
  key: string; // the last segment: 'opensOn', or '*' for an array's item
  label: LocalizedText;
  help?: LocalizedText;
  kind: FactKind;
  required: boolean;
  choices?: ContractChoice[]; // enum values in contract order, labelled (the value itself where unlabelled)
  children?: ContractField[]; // an object's fields in contract order; an array's single item field
  min?: number;
  max?: number;
}

/** The fields of an object schema (a whole contract, or a nested object), in the contract's order. */
export function contractFields(schema: JsonSchema, basePath = ''): ContractField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) =>
    contractField(property, key, basePath ? `${basePath}.${key}` : key, required.has(key), undefined),
  );
}

function contractField(
  schema: JsonSchema,
  key: string,
  path: string,
  required: boolean,
  inheritedLabel: LocalizedText | undefined,
): ContractField {
  const kind = factKindOf(schema) ?? 'string';
  const label = schema['x-label'] ?? inheritedLabel ?? { zh: key, en: key };
  const field: ContractField = { path, key, label, kind, required };
  if (schema['x-help']) field.help = schema['x-help'];
  if (schema.enum) field.choices = choicesOf(schema);
  if (schema.minimum !== undefined) field.min = schema.minimum;
  if (schema.maximum !== undefined) field.max = schema.maximum;
  if (kind === 'object') field.children = contractFields(schema, path);
  // An item has no name of its own: it is labelled like its list unless the contract labels it.
  if (kind === 'array' && schema.items)
    field.children = [contractField(schema.items, '*', `${path}.*`, true, label)];
  return field;
}

function choicesOf(schema: JsonSchema): ContractChoice[] {
  const labels = schema['x-enumLabels'] ?? {};
  return (schema.enum ?? []).map((value) => {
    const text = String(value);
    return { value: text, label: labels[text] ?? { zh: text, en: text } };
  });
}
