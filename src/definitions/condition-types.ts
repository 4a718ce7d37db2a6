/**
 * Whether a condition can ever mean what it says, given the kind of fact it reads. json-rules-engine never
 * complains about `"fundingSource" equal "fiscall"` or `lessThan` on a string: the rule just never fires.
 */
import { isRecord } from './json-shape';
import { CONTAINS_OPERATORS, LIST_OPERATORS, NUMERIC_OPERATORS, type RuleOperator } from './rule-conditions';

const SCALAR_TYPE_OF_KIND: Record<string, 'string' | 'number' | 'boolean'> = {
  boolean: 'boolean',
  number: 'number',
  integer: 'number',
  string: 'string',
  date: 'string',
  country: 'string',
  enum: 'string',
};

/** The reason the condition cannot work, or undefined. `spec` is the (valid) FactSpec the condition reads. */
export function conditionTypeProblem(
  spec: Record<string, unknown>,
  operator: RuleOperator,
  value: unknown,
  what: string,
): string | undefined {
  const kind = String(spec.kind);
  if (NUMERIC_OPERATORS.includes(operator)) {
    return kind === 'number' || kind === 'integer'
      ? undefined
      : `${operator} compares numbers, but ${what} is of kind ${kind}`;
  }
  if (CONTAINS_OPERATORS.includes(operator)) {
    if (kind !== 'array') return `${operator} looks inside an array, but ${what} is of kind ${kind}`;
    return valueProblem(arrayItemSpec(spec), value, what + ' item');
  }
  // An optional object or array is null when absent: asking whether it was given is meaningful.
  if (
    (kind === 'object' || kind === 'array') &&
    !(value === null && (operator === 'equal' || operator === 'notEqual'))
  )
    return `${operator} compares with ===, which never matches ${what} of kind ${kind}`;
  const values = LIST_OPERATORS.includes(operator) && Array.isArray(value) ? value : [value];
  return values.map((one) => valueProblem(spec, one, what)).find((problem) => problem !== undefined);
}

/** null is always allowed: optional input facts are null when absent, and derived facts may be null. */
function valueProblem(
  spec: Record<string, unknown> | undefined,
  value: unknown,
  what: string,
): string | undefined {
  if (spec === undefined || value === null) return undefined;
  const expected = SCALAR_TYPE_OF_KIND[String(spec.kind)];
  if (expected === undefined) return undefined;
  if (typeof value !== expected)
    return `${what} is of kind ${String(spec.kind)}, so ${JSON.stringify(value)} never matches`;
  if (spec.kind === 'enum' && Array.isArray(spec.values) && !spec.values.includes(value)) {
    return `"${String(value)}" is not a value of ${what} (values: ${spec.values.join(', ')})`;
  }
  return undefined;
}

/** The spec of an array's items: `items`, or the `values` shorthand for an array of enum. */
function arrayItemSpec(spec: Record<string, unknown>): Record<string, unknown> | undefined {
  if (isRecord(spec.items)) return spec.items;
  if (Array.isArray(spec.values)) return { kind: 'enum', values: spec.values };
  return undefined;
}
