/**
 * One rule file against its schema (scoring, hard-stops, routing or credit .schema.json: a named condition
 * tree and an event whose params say everything the decision needs), then what a schema cannot say: the
 * name carries the rule set's prefix, measures and departments exist. Facts are checked per type in
 * validate-rule-facts.ts. The checks after the schema's read the file
 * defensively, so a file broken in several ways is reported in full at once.
 */
import type { DefinitionProblem } from './definition-error';
import type { RuleFileLayout } from './definition-files';
import { checkAgainstSchema } from './definition-schemas';
import { childPointer, jsonPointer } from './json-pointer';
import { isRecord, type Report } from './json-shape';

export interface RuleCatalogues {
  departments: ReadonlySet<string>;
  measures: ReadonlySet<string>;
}

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
  checkAgainstSchema(layout.schema, document, report);
  rulesOf(document).forEach((rule, index) => {
    if (!isRecord(rule)) return;
    const place = jsonPointer('rules', index);
    checkRuleName(rule.name, namePrefix, childPointer(place, 'name'), report);
    const params = isRecord(rule.event) ? rule.event.params : undefined;
    if (isRecord(params)) checkCodes(params, catalogues, childPointer(place, 'event', 'params'), report);
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
      if (!isRecord(rule) || typeof rule.name !== 'string') return;
      const place = jsonPointer('rules', index, 'name');
      const first = seen.get(rule.name);
      if (first === undefined) seen.set(rule.name, `${file} ${place}`);
      else problems.push({ file, place, reason: `rule name "${rule.name}" is already used at ${first}` });
    });
  }
}

function checkRuleName(name: unknown, prefix: string, place: string, report: Report): void {
  if (typeof name === 'string' && (!name.startsWith(prefix) || name.length === prefix.length))
    report(place, `rule name "${name}" must start with "${prefix}"`);
}

/** The measure and the departments an event names are in the catalogues. */
function checkCodes(
  params: Record<string, unknown>,
  catalogues: RuleCatalogues,
  place: string,
  report: Report,
): void {
  if (typeof params.measure === 'string' && !catalogues.measures.has(params.measure))
    report(childPointer(place, 'measure'), `measure "${params.measure}" is not in rules/measures.json`);
  checkDepartmentsExist(
    params.departments,
    catalogues.departments,
    childPointer(place, 'departments'),
    report,
  );
}

/** Department codes that rules/departments.json lists. Shared with the route defaults. */
export function checkDepartmentsExist(
  value: unknown,
  departments: ReadonlySet<string>,
  place: string,
  report: Report,
): void {
  if (!Array.isArray(value)) return;
  value.forEach((code, index) => {
    if (typeof code === 'string' && !departments.has(code))
      report(childPointer(place, index), `department "${code}" is not in rules/departments.json`);
  });
}
