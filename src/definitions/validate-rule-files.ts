/**
 * The structure of one rule file: each rule has a prefixed name, a well-formed condition tree and an event
 * whose params say everything the decision needs (points and dimension, reason in both languages, legal
 * basis, known measure and department codes). Facts are checked per type in validate-rule-facts.ts.
 */
import { COUNTERSIGN_MODES, DIMENSIONS, type RuleEventType } from './definition.types';
import type { DefinitionProblem } from './definition-error';
import type { RuleFileLayout } from './definition-files';
import { childPointer, jsonPointer } from './json-pointer';
import {
  checkLocalizedText,
  checkNonEmptyString,
  shown,
  expectRecord,
  isNonEmptyString,
  isPositiveInteger,
  isRecord,
  type Report,
} from './json-shape';
import { walkConditions } from './rule-conditions';

export interface RuleCatalogues {
  departments: ReadonlySet<string>;
  measures: ReadonlySet<string>;
}

// priority, onSuccess and onFailure are refused with the other unknown keys: every rule stands alone, so a
// decision is a pure function of the facts and does not depend on which rule ran first.
const RULE_KEYS = ['name', 'conditions', 'event'];
const PARAM_KEYS: Record<RuleEventType, readonly string[]> = {
  finding: ['dimension', 'points', 'reason', 'basis', 'measure'],
  'hard-stop': ['reason', 'basis', 'measure'],
  route: ['reason', 'basis', 'departments', 'mode', 'expertReview', 'legalityReview'],
  'mandatory-evaluation': ['reason', 'basis'],
};

/** The rules array of a rule file, as far as it can be read. */
export function rulesOf(document: unknown): unknown[] {
  return isRecord(document) && Array.isArray(document.rules) ? document.rules : [];
}

export function validateRuleFile(
  document: unknown,
  layout: RuleFileLayout,
  namePrefix: string,
  catalogues: RuleCatalogues,
  report: Report,
): void {
  const root = expectRecord(document, layout.topLevelKeys, '', report, 'the file');
  if (!root) return;
  if (!Array.isArray(root.rules)) {
    report(jsonPointer('rules'), `rules must be an array, found ${shown(root.rules)}`);
    return;
  }
  root.rules.forEach((candidate, index) => {
    const place = jsonPointer('rules', index);
    const rule = expectRecord(candidate, RULE_KEYS, place, report, 'a rule');
    if (!rule) return;
    checkRuleName(rule.name, namePrefix, childPointer(place, 'name'), report);
    walkConditions(rule.conditions, childPointer(place, 'conditions'), report);
    checkEvent(rule.event, layout.eventTypes, catalogues, childPointer(place, 'event'), report);
  });
}

/** Names are unique across a type's whole rule set: the Decision and its trace name rules, not files. */
export function checkRuleNamesUnique(
  files: { file: string; document: unknown }[],
  problems: DefinitionProblem[],
): void {
  const seen = new Map<string, string>();
  for (const { file, document } of files) {
    rulesOf(document).forEach((rule, index) => {
      if (!isRecord(rule) || !isNonEmptyString(rule.name)) return;
      const place = jsonPointer('rules', index, 'name');
      const first = seen.get(rule.name);
      if (first === undefined) seen.set(rule.name, `${file} ${place}`);
      else problems.push({ file, place, reason: `rule name "${rule.name}" is already used at ${first}` });
    });
  }
}

function checkRuleName(name: unknown, prefix: string, place: string, report: Report): void {
  if (!isNonEmptyString(name)) report(place, `a rule needs a name, found ${shown(name)}`);
  else if (!name.startsWith(prefix) || name.length === prefix.length)
    report(place, `rule name "${name}" must start with "${prefix}"`);
}

function checkEvent(
  candidate: unknown,
  allowedTypes: readonly RuleEventType[],
  catalogues: RuleCatalogues,
  place: string,
  report: Report,
): void {
  const event = expectRecord(candidate, ['type', 'params'], place, report, 'event');
  if (!event) return;
  const type = event.type as RuleEventType;
  if (!allowedTypes.includes(type)) {
    report(
      childPointer(place, 'type'),
      `event type ${shown(event.type)} does not belong in this file (allowed: ${allowedTypes.join(', ')})`,
    );
    return;
  }
  const paramsPlace = childPointer(place, 'params');
  const params = expectRecord(event.params, PARAM_KEYS[type], paramsPlace, report, 'params');
  if (!params) return;
  const at = (key: string) => childPointer(paramsPlace, key);
  checkLocalizedText(params.reason, at('reason'), report, 'reason');
  if (type !== 'route' || params.basis !== undefined)
    checkNonEmptyString(params.basis, at('basis'), report, 'basis (the legal basis)');
  if (type === 'finding') checkFindingParams(params, at, report);
  if (params.measure !== undefined && !catalogues.measures.has(params.measure as string)) {
    report(at('measure'), `measure ${shown(params.measure)} is not in rules/measures.json`);
  }
  if (type === 'route') checkRouteParams(params, catalogues, at, report);
}

function checkFindingParams(
  params: Record<string, unknown>,
  at: (key: string) => string,
  report: Report,
): void {
  if (!DIMENSIONS.includes(params.dimension as never)) {
    report(
      at('dimension'),
      `dimension must be one of ${DIMENSIONS.join(', ')}, found ${shown(params.dimension)}`,
    );
  }
  if (!isPositiveInteger(params.points))
    report(at('points'), `points must be a whole number above 0, found ${shown(params.points)}`);
}

function checkRouteParams(
  params: Record<string, unknown>,
  catalogues: RuleCatalogues,
  at: (key: string) => string,
  report: Report,
): void {
  if (params.departments !== undefined)
    checkDepartmentList(params.departments, catalogues.departments, at('departments'), report);
  if (params.mode !== undefined && !COUNTERSIGN_MODES.includes(params.mode as never)) {
    report(at('mode'), `mode must be one of ${COUNTERSIGN_MODES.join(', ')}, found ${shown(params.mode)}`);
  }
  for (const flag of ['expertReview', 'legalityReview']) {
    if (params[flag] !== undefined && typeof params[flag] !== 'boolean')
      report(at(flag), `${flag} must be true or false`);
  }
  if (['departments', 'mode', 'expertReview', 'legalityReview'].every((key) => params[key] === undefined)) {
    report(
      at('reason'),
      'a route rule must add departments, set a mode or ask for expert or legality review',
    );
  }
}

/** A list of department codes from rules/departments.json, each once. Shared with the route defaults. */
export function checkDepartmentList(
  value: unknown,
  departments: ReadonlySet<string>,
  place: string,
  report: Report,
): void {
  if (!Array.isArray(value)) {
    report(place, `departments must be an array of department codes, found ${shown(value)}`);
    return;
  }
  value.forEach((code, index) => {
    if (!departments.has(code as string))
      report(childPointer(place, index), `department ${shown(code)} is not in rules/departments.json`);
    else if (value.indexOf(code) !== index)
      report(childPointer(place, index), `department "${String(code)}" is listed twice`);
  });
}
