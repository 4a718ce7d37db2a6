/**
 * The condition tree of a json-rules-engine rule: `all` / `any` / `not` nodes over leaves
 * `{ fact, operator, value, path? }`. Walked once for structure and again, per type, for the facts read.
 */
import { childPointer } from './json-pointer';
import { checkKeys, shown, isNonEmptyString, isRecord, type Report } from './json-shape';

/** json-rules-engine's built-in operators. Custom operators would be code the rule files cannot show. */
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
const LEAF_KEYS = ['fact', 'operator', 'value', 'path', 'name'];
/** "$.field" or "$.field.sub": JSONPath kept to plain member access, so it can be checked against the contract. */
const PATH_PATTERN = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** A condition value of the form { "fact": "x", "path"?: "$.y" } compares with another fact, not a constant. */
export interface FactReference {
  fact: string;
  path?: string;
}

export interface ConditionLeaf {
  fact: string;
  path?: string;
  operator?: RuleOperator; // undefined when unknown (reported)
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
 * Returns the leaves that name a fact and reports what is malformed. The root must be a boolean node, as
 * json-rules-engine requires; shared `condition` references are refused because nothing registers them.
 */
export function walkConditions(root: unknown, place: string, report: Report): ConditionLeaf[] {
  if (!isRecord(root) || !BOOLEAN_KEYS.some((key) => key in root)) {
    report(place, `conditions must be an object with "all", "any" or "not" at the top, found ${shown(root)}`);
    return [];
  }
  return walkNode(root, place, report);
}

function walkNode(node: unknown, place: string, report: Report): ConditionLeaf[] {
  if (!isRecord(node)) {
    report(place, `a condition must be an object, found ${shown(node)}`);
    return [];
  }
  const booleanKeys = BOOLEAN_KEYS.filter((key) => key in node);
  if (booleanKeys.length > 1) {
    report(place, `a condition node holds one of all/any/not, found ${booleanKeys.join(' and ')}`);
    return [];
  }
  if (booleanKeys.length === 1) return walkBoolean(node, booleanKeys[0], place, report);
  return leafOf(node, place, report);
}

function walkBoolean(
  node: Record<string, unknown>,
  key: (typeof BOOLEAN_KEYS)[number],
  place: string,
  report: Report,
): ConditionLeaf[] {
  checkKeys(node, [key, 'name'], place, report);
  const children = node[key];
  const childPlace = childPointer(place, key);
  if (key === 'not') {
    if (Array.isArray(children)) {
      report(childPlace, '"not" takes one condition, not an array');
      return [];
    }
    return walkNode(children, childPlace, report);
  }
  // An empty "all" is always true and an empty "any" never: either way the rule does not say what it means.
  if (!Array.isArray(children) || children.length === 0) {
    report(childPlace, `"${key}" must be a non-empty array of conditions`);
    return [];
  }
  return children.flatMap((child, index) => walkNode(child, childPointer(childPlace, index), report));
}

function leafOf(node: Record<string, unknown>, place: string, report: Report): ConditionLeaf[] {
  if ('condition' in node) {
    report(
      childPointer(place, 'condition'),
      'shared condition references are not supported: write the condition out',
    );
    return [];
  }
  checkKeys(node, LEAF_KEYS, place, report);
  const { fact, operator, path, value } = node;
  const knownOperator = RULE_OPERATORS.includes(operator as RuleOperator);
  if (!isNonEmptyString(fact))
    report(childPointer(place, 'fact'), `fact must be a fact name, found ${shown(fact)}`);
  if (!knownOperator) {
    report(
      childPointer(place, 'operator'),
      `unknown operator ${shown(operator)} (json-rules-engine built-ins: ${RULE_OPERATORS.join(', ')})`,
    );
  }
  const pathReadable = checkPath(path, childPointer(place, 'path'), report);
  let reference: FactReference | undefined;
  if (!('value' in node)) report(place, 'a condition needs a value to compare with');
  else if (looksLikeFactReference(value))
    reference = factReference(value, childPointer(place, 'value'), report);
  else if (knownOperator)
    checkValueShape(operator as RuleOperator, value, childPointer(place, 'value'), report);
  // A malformed leaf still reads its fact (so the fact is not also reported unused); only one without a fact is left out.
  if (!isNonEmptyString(fact)) return [];
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

function factReference(
  value: Record<string, unknown>,
  place: string,
  report: Report,
): FactReference | undefined {
  checkKeys(value, ['fact', 'path'], place, report);
  const { fact, path } = value;
  const named = isNonEmptyString(fact);
  if (!named) report(childPointer(place, 'fact'), `fact must be a fact name, found ${shown(fact)}`);
  const pathReadable = checkPath(path, childPointer(place, 'path'), report);
  return named && pathReadable ? { fact, path: path as string | undefined } : undefined;
}

function checkPath(path: unknown, place: string, report: Report): boolean {
  if (path === undefined || (typeof path === 'string' && PATH_PATTERN.test(path))) return true;
  report(place, `path must look like "$.field" or "$.field.sub", found ${shown(path)}`);
  return false;
}

/** What the operator can compare with, whatever the fact: the engine would not complain, it would just say false. */
function checkValueShape(operator: RuleOperator, value: unknown, place: string, report: Report): void {
  if (NUMERIC_OPERATORS.includes(operator)) {
    if (typeof value !== 'number') report(place, `${operator} compares with a number, found ${shown(value)}`);
  } else if (LIST_OPERATORS.includes(operator)) {
    if (!Array.isArray(value) || value.length === 0)
      report(place, `${operator} needs a non-empty array, found ${shown(value)}`);
    else if (!value.every(isScalar))
      report(
        place,
        `${operator} compares with ===, so the array may hold only strings, numbers, booleans or null`,
      );
  } else if (!isScalar(value)) {
    report(
      place,
      `${operator} compares with ===, so an object or array value never matches: found ${shown(value)}`,
    );
  }
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
