import type { ContractField } from '../definitions/contract-fields';
import { itemOf } from './item-field';

/** A urlencoded form as body-parser gives it: a value, or several for repeated names (checkboxes). */
export type FormBody = Record<string, string | string[] | undefined>;

/**
 * Turns the flat form fields of a contract form ("facts.candidate.name", "applicant.creditRecords.0.list")
 * back into the request the API takes. Only the form's own conversions happen here (text to number,
 * "true" to true, blank optional fields left out); whether the values are valid is the API's validation,
 * which then names the same field paths the form uses.
 */
export function readContractForm(fields: ContractField[], body: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) assign(out, field.path.split('.'), readField(field, field.path, body));
  return out;
}

function readField(field: ContractField, name: string, body: FormBody): unknown {
  switch (field.kind) {
    case 'object': {
      // An optional object left wholly blank (say, the evaluation basis an applicant does not have) is left
      // out. Otherwise it is sent, so a missing inner field is reported at that field, not at the object.
      if (!field.required && rowIsBlank(`${name}.`, body)) return undefined;
      const value: Record<string, unknown> = {};
      for (const child of field.children ?? []) {
        const read = readField(child, `${name}.${child.key}`, body);
        if (read !== undefined) value[child.key] = read;
      }
      return value;
    }
    case 'array':
      return readArray(field, name, body);
    default:
      return scalar(field, one(body[name]));
  }
}

function readArray(field: ContractField, name: string, body: FormBody): unknown[] {
  const item = itemOf(field);
  if (!item || item.kind !== 'object') {
    // Arrays of choices are checkboxes; arrays of text are one value per line.
    const raw = body[name];
    const values = Array.isArray(raw)
      ? raw
      : raw === undefined
        ? []
        : item?.choices
          ? [raw]
          : raw.split(/\r?\n/);
    return values
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map((v) => (item ? scalar(item, v) : v));
  }
  const rows = new Set<number>();
  const prefix = `${name}.`;
  for (const key of Object.keys(body)) {
    const match = key.startsWith(prefix) ? /^(\d{1,3})\./.exec(key.slice(prefix.length)) : null;
    if (match) rows.add(Number(match[1]));
  }
  return [...rows]
    .sort((a, b) => a - b)
    .filter((row) => !rowIsBlank(`${prefix}${row}.`, body)) // the spare empty row the form offers
    .map((row) => readField(item, `${prefix}${row}`, body));
}

function rowIsBlank(prefix: string, body: FormBody): boolean {
  return Object.entries(body).every(([key, value]) => !key.startsWith(prefix) || isBlank(value));
}

function isBlank(value: string | string[] | undefined): boolean {
  return (
    value === undefined || (Array.isArray(value) ? value.every((v) => v.trim() === '') : value.trim() === '')
  );
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function scalar(field: ContractField, raw: string | undefined): unknown {
  const text = raw?.trim() ?? '';
  if (text === '') return field.required ? undefined : null;
  switch (field.kind) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'integer':
    case 'number':
      // Not a number stays text, and the API says what is wrong with it.
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case 'country':
      return text.toUpperCase();
    default:
      return text;
  }
}

function assign(target: Record<string, unknown>, path: string[], value: unknown): void {
  if (value === undefined) return;
  let node = target;
  for (const part of path.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
