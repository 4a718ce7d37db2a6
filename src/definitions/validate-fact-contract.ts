/**
 * rules/shared/facts.json and rules/<type>/facts.json: the facts contract. Clients send the input facts,
 * code derives the derived ones, rules read both; the contract is what makes a missing or misspelt fact a
 * load-time problem instead of a rule that silently never fires.
 */
import { FACT_KINDS } from './definition.types';
import { childPointer, jsonPointer } from './json-pointer';
import { checkLocalizedText, shown, expectObject, expectRecord, isRecord, type Report } from './json-shape';

const FACT_SECTIONS = ['input', 'derived'] as const;
const SPEC_KEYS = ['kind', 'label', 'required', 'values', 'items', 'fields', 'min', 'max'] as const;
/** Names rules can address: a fact id and the `$.field.sub` segments of a path. */
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function validateFactContract(document: unknown, report: Report): void {
  const contract = expectRecord(document, FACT_SECTIONS, '', report, 'the file');
  if (!contract) return;
  for (const section of FACT_SECTIONS) {
    const facts = expectObject(contract[section], jsonPointer(section), report, section);
    if (!facts) continue;
    for (const [name, spec] of Object.entries(facts)) {
      const place = jsonPointer(section, name);
      if (!NAME_PATTERN.test(name))
        report(place, `fact name "${name}" must be an identifier (letters, digits, _)`);
      validateFactSpec(spec, place, report);
    }
  }
  const inputNames = new Set(factNames(document, 'input'));
  for (const name of factNames(document, 'derived')) {
    if (inputNames.has(name))
      report(jsonPointer('derived', name), `derived fact "${name}" has the name of an input fact`);
  }
}

/** A type may not redeclare a shared fact: merged, one would silently replace the other. */
export function checkSharedFactClashes(
  shared: unknown,
  sharedFile: string,
  own: unknown,
  report: Report,
): void {
  const sharedNames = new Set(FACT_SECTIONS.flatMap((section) => factNames(shared, section)));
  for (const section of FACT_SECTIONS) {
    for (const name of factNames(own, section)) {
      if (sharedNames.has(name))
        report(jsonPointer(section, name), `fact "${name}" is already declared in ${sharedFile}`);
    }
  }
}

export function factNames(document: unknown, section: (typeof FACT_SECTIONS)[number]): string[] {
  return isRecord(document) && isRecord(document[section]) ? Object.keys(document[section]) : [];
}

function validateFactSpec(candidate: unknown, place: string, report: Report): void {
  const spec = expectRecord(candidate, SPEC_KEYS, place, report, 'a fact spec');
  if (!spec) return;
  const kind = spec.kind;
  if (!FACT_KINDS.includes(kind as never)) {
    report(childPointer(place, 'kind'), `kind must be one of ${FACT_KINDS.join(', ')}, found ${shown(kind)}`);
  }
  checkLocalizedText(spec.label, childPointer(place, 'label'), report, 'label');
  if (spec.required !== undefined && typeof spec.required !== 'boolean') {
    report(childPointer(place, 'required'), `required must be true or false, found ${shown(spec.required)}`);
  }
  checkValues(spec, place, report);
  checkFields(spec, place, report);
  checkItems(spec, place, report);
  checkBounds(spec, place, report);
}

/** enum needs its values; an array may carry them as a shorthand for items of that enum (see FactSpec). */
function checkValues(spec: Record<string, unknown>, place: string, report: Report): void {
  const where = childPointer(place, 'values');
  if (spec.values === undefined) {
    if (spec.kind === 'enum') report(where, 'an enum fact needs its values');
    return;
  }
  if (spec.kind !== 'enum' && spec.kind !== 'array') {
    report(where, `values belong to enum facts (and arrays of enum), not to kind ${shown(spec.kind)}`);
    return;
  }
  const values = spec.values;
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    !values.every((value) => typeof value === 'string' && value !== '')
  ) {
    report(where, `values must be a non-empty array of non-empty strings, found ${shown(values)}`);
    return;
  }
  const duplicate = values.find((value, index) => values.indexOf(value) !== index);
  if (duplicate !== undefined) report(where, `value "${String(duplicate)}" is listed twice`);
}

function checkFields(spec: Record<string, unknown>, place: string, report: Report): void {
  const where = childPointer(place, 'fields');
  if (spec.kind !== 'object') {
    if (spec.fields !== undefined)
      report(where, `fields belong to object facts, not to kind ${shown(spec.kind)}`);
    return;
  }
  if (!isRecord(spec.fields) || Object.keys(spec.fields).length === 0) {
    report(where, 'an object fact needs its fields (a non-empty object of fact specs)');
    return;
  }
  for (const [name, field] of Object.entries(spec.fields)) {
    const fieldPlace = childPointer(where, name);
    if (!NAME_PATTERN.test(name))
      report(fieldPlace, `field name "${name}" must be an identifier (letters, digits, _)`);
    validateFactSpec(field, fieldPlace, report);
  }
}

function checkItems(spec: Record<string, unknown>, place: string, report: Report): void {
  const where = childPointer(place, 'items');
  if (spec.kind !== 'array') {
    if (spec.items !== undefined)
      report(where, `items belong to array facts, not to kind ${shown(spec.kind)}`);
    return;
  }
  if (spec.items === undefined && spec.values === undefined)
    report(where, 'an array fact needs items (or values for an array of enum)');
  else if (spec.items !== undefined && spec.values !== undefined)
    report(where, 'give either items or values, not both');
  else if (spec.items !== undefined) validateFactSpec(spec.items, where, report);
}

function checkBounds(spec: Record<string, unknown>, place: string, report: Report): void {
  for (const bound of ['min', 'max'] as const) {
    const value = spec[bound];
    if (value === undefined) continue;
    if (spec.kind !== 'number' && spec.kind !== 'integer') {
      report(
        childPointer(place, bound),
        `${bound} belongs to number and integer facts, not to kind ${shown(spec.kind)}`,
      );
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      report(childPointer(place, bound), `${bound} must be a number, found ${shown(value)}`);
    }
  }
  if (typeof spec.min === 'number' && typeof spec.max === 'number' && spec.min > spec.max) {
    report(childPointer(place, 'max'), `max ${spec.max} is below min ${spec.min}`);
  }
}
