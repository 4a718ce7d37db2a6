/**
 * The condition tree of a json-rules-engine rule: `all` / `any` / `not` nodes over leaves
 * `{ fact, operator, value, path? }`. Its shape, and what each operator can compare with, is in
 * rule.schema.json; walked here, per type, for the facts read (validate-rule-facts.ts).
 */
import { childPointer } from './json-pointer';
import { isRecord } from './json-shape';

/** json-rules-engine's built-in operators, as rule.schema.json lists them (a test keeps the two equal). */
export const RULE_OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];
export const NUMERIC_OPERATORS: readonly RuleOperator[] = [
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];
export const LIST_OPERATORS: readonly RuleOperator[] = ['in', 'notIn'];
export const CONTAINS_OPERATORS: readonly RuleOperator[] = ['contains', 'doesNotContain'];

const BOOLEAN_KEYS = ['all', 'any', 'not'] as const;
/** "$.field" or "$.field.sub", as rule.schema.json allows: plain member access, checked against the contract. */
const PATH_PATTERN = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** A condition value of the form { "fact": "x", "path"?: "$.y" } compares with another fact, not a constant. */
export interface FactReference {
  fact: string;
  path?: string;
}

export interface ConditionLeaf {
  fact: string;
  path?: string;
  operator?: RuleOperator; // undefined when unknown (reported by the schema)
  value: unknown;
  reference?: FactReference; // set when the value is a well-formed fact reference
  wellFormed: boolean; // operator known and path readable: the condition can be checked against the contract
  place: string;
}

/** json-rules-engine treats any object value with a "fact" key as a fact reference. */
export function looksLikeFactReference(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && 'fact' in value;
}

export function pathSegments(path: string | undefined): string[] {
  return path === undefined ? [] : path.slice(2).split('.');
}

/**
 * The leaves of a condition tree that name a fact, each with its place. Malformed nodes, and values their
 * operator cannot compare with, are reported by the rule file's schema (rule.schema.json) and skipped here.
 */
export function walkConditions(node: unknown, place: string): ConditionLeaf[] {
  if (!isRecord(node)) return [];
  const key = BOOLEAN_KEYS.find((name) => name in node);
  if (key === undefined) return leafOf(node, place);
  const children = node[key];
  const childPlace = childPointer(place, key);
  if (key === 'not') return walkConditions(children, childPlace);
  if (!Array.isArray(children)) return [];
  return children.flatMap((child, index) => walkConditions(child, childPointer(childPlace, index)));
}

function leafOf(node: Record<string, unknown>, place: string): ConditionLeaf[] {
  const { fact, operator, path, value } = node;
  // A malformed leaf still reads its fact (so the fact is not also reported unused); only one without a fact is left out.
  if (typeof fact !== 'string' || fact.trim() === '') return [];
  const knownOperator = RULE_OPERATORS.includes(operator as RuleOperator);
  const pathReadable = isReadablePath(path);
  const reference = looksLikeFactReference(value) ? factReference(value) : undefined;
  return [
    {
      fact,
      path: pathReadable ? (path as string | undefined) : undefined,
      operator: knownOperator ? (operator as RuleOperator) : undefined,
      value,
      reference,
      wellFormed: knownOperator && pathReadable,
      place,
    },
  ];
}

function factReference({ fact, path }: Record<string, unknown>): FactReference | undefined {
  const named = typeof fact === 'string' && fact.trim() !== '';
  return named && isReadablePath(path) ? { fact, path: path as string | undefined } : undefined;
}

function isReadablePath(path: unknown): boolean {
  return path === undefined || (typeof path === 'string' && PATH_PATTERN.test(path));
}
