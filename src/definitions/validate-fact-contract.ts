/**
 * rules/shared/facts.json and rules/<type>/facts.json: the facts contract, a JSON Schema (checked against
 * rules/schemas/facts.schema.json); rules/<type>/derived.json: the derived facts. Clients send the input
 * facts, code derives the derived ones, rules read both; the contract is what makes a missing or misspelt
 * fact a load-time problem instead of a rule that silently never fires.
 */
import { FACT_KINDS } from './definition.types';
import { checkAgainstSchema } from './definition-schemas';
import { childPointer, jsonPointer } from './json-pointer';
import { checkLocalizedText, shown, expectObject, expectRecord, isRecord, type Report } from './json-shape';

const SPEC_KEYS = ['kind', 'label', 'required', 'values', 'items', 'fields', 'min', 'max'] as const;
/** Names rules can address: a fact id and the `$.field.sub` segments of a path. */
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function validateFactsSchema(document: unknown, report: Report): void {
  if (checkAgainstSchema('facts.schema.json', document, report)) checkRequiredNamed(document, '', report);
}

/** What the schema cannot say: every name in `required` is one of the node's properties. */
function checkRequiredNamed(node: unknown, place: string, report: Report): void {
  if (!isRecord(node)) return;
  const properties = isRecord(node.properties) ? node.properties : {};
  if (Array.isArray(node.required))
    node.required.forEach((name, index) => {
      if (!(String(name) in properties))
        report(childPointer(place, 'required', index), `"${String(name)}" is required but not a property`);
    });
  for (const [name, child] of Object.entries(properties))
    checkRequiredNamed(child, childPointer(place, 'properties', name), report);
  if (isRecord(node.items)) checkRequiredNamed(node.items, childPointer(place, 'items'), report);
}

export function validateDerivedFacts(document: unknown, report: Report): void {
  const contract = expectRecord(document, ['$schema', 'derived'], '', report, 'the file');
  if (!contract) return;
  const facts = expectObject(contract.derived, jsonPointer('derived'), report, 'derived');
  if (!facts) return;
  for (const [name, spec] of Object.entries(facts)) {
    const place = jsonPointer('derived', name);
    if (!NAME_PATTERN.test(name))
      report(place, `fact name "${name}" must be an identifier (letters, digits, _)`);
    validateFactSpec(spec, place, report);
  }
}

/** The input facts a contract declares (its top-level properties). */
export function inputFactNames(document: unknown): string[] {
  return isRecord(document) && isRecord(document.properties) ? Object.keys(document.properties) : [];
}

export function derivedFactNames(document: unknown): string[] {
  return isRecord(document) && isRecord(document.derived) ? Object.keys(document.derived) : [];
}

/** A derived fact may not take the name of an input fact: merged, one would silently replace the other. */
export function checkFactNameClashes(
  inputs: { file: string; document: unknown }[],
  derived: unknown,
  report: Report,
): void {
  for (const name of derivedFactNames(derived)) {
    const clash = inputs.find(({ document }) => inputFactNames(document).includes(name));
    if (clash) report(jsonPointer('derived', name), `fact "${name}" is already declared in ${clash.file}`);
  }
}

/** A type may not redeclare a shared fact: merged, one would silently replace the other. */
export function checkSharedFactClashes(
  shared: { facts: unknown; derived: unknown },
  sharedFiles: string,
  own: unknown,
  ownSection: 'input' | 'derived',
  report: Report,
): void {
  const sharedNames = new Set([...inputFactNames(shared.facts), ...derivedFactNames(shared.derived)]);
  const names = ownSection === 'input' ? inputFactNames(own) : derivedFactNames(own);
  for (const name of names) {
    if (sharedNames.has(name))
      report(
        ownSection === 'input' ? jsonPointer('properties', name) : jsonPointer('derived', name),
        `fact "${name}" is already declared in ${sharedFiles}`,
      );
  }
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
