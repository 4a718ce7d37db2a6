/**
 * rules/shared/facts.json and rules/<type>/facts.json: the facts contract, a JSON Schema (checked against
 * rules/schemas/facts.schema.json); rules/<type>/derived.json: the derived facts. Clients send the input
 * facts, code derives the derived ones, rules read both; the contract is what makes a missing or misspelt
 * fact a load-time problem instead of a rule that silently never fires.
 */
import { DERIVATION_FUNCTIONS } from '../decision/derived/derivation-functions';
import { isFactRead, isFunctionCall } from '../decision/derived/derivation.types';
import { checkAgainstSchema } from './definition-schemas';
import { childPointer, jsonPointer } from './json-pointer';
import { isRecord, type Report } from './json-shape';

export function validateFactsSchema(document: unknown, report: Report): void {
  if (checkAgainstSchema('facts.schema.json', document, report)) checkContractNode(document, '', report);
}

/** rules/shared/facts.json: a facts contract that also declares the applicant, sent beside every type's facts. */
export function validateSharedFactsSchema(document: unknown, report: Report): void {
  if (checkAgainstSchema('shared-facts.schema.json', document, report))
    checkContractNode(document, '', report);
}

/**
 * What the schema cannot say: every name in `required` is one of the node's properties, and every choice
 * of an enum has its label (the console's forms and the reports show choices by their labels, never codes).
 */
function checkContractNode(node: unknown, place: string, report: Report): void {
  if (!isRecord(node)) return;
  const properties = isRecord(node.properties) ? node.properties : {};
  if (Array.isArray(node.required))
    node.required.forEach((name, index) => {
      if (!(String(name) in properties))
        report(childPointer(place, 'required', index), `"${String(name)}" is required but not a property`);
    });
  if (Array.isArray(node.enum)) {
    const labels = isRecord(node['x-enumLabels']) ? node['x-enumLabels'] : {};
    for (const value of node.enum)
      if (value !== null && !Object.hasOwn(labels, String(value)))
        report(childPointer(place, 'x-enumLabels'), `the choice "${String(value)}" has no label`);
  }
  for (const [name, child] of Object.entries(properties))
    checkContractNode(child, childPointer(place, 'properties', name), report);
  if (isRecord(node.items)) checkContractNode(node.items, childPointer(place, 'items'), report);
}

/**
 * rules/<type>/derived.json: its schema, then what the schema cannot say: every function named exists and
 * gets its parameters, and every fact read is an input fact or a derived fact declared before (`known`).
 */
export function validateDerivedFacts(document: unknown, known: ReadonlySet<string>, report: Report): void {
  if (!checkAgainstSchema('derived.schema.json', document, report) || !isRecord(document)) return;
  const available = new Set(known);
  for (const [name, spec] of Object.entries(document.derived as Record<string, Record<string, unknown>>)) {
    checkExpression(spec.compute, jsonPointer('derived', name, 'compute'), available, report);
    available.add(name);
  }
}

function checkExpression(
  expression: unknown,
  place: string,
  known: ReadonlySet<string>,
  report: Report,
): void {
  if (Array.isArray(expression)) {
    expression.forEach((item, index) => checkExpression(item, childPointer(place, index), known, report));
  } else if (isFactRead(expression)) {
    const name = expression.fact.split('.')[0];
    if (!known.has(name))
      report(
        childPointer(place, 'fact'),
        `fact "${name}" is neither an input fact nor a derived fact declared above`,
      );
  } else if (isFunctionCall(expression)) {
    const fn = Object.hasOwn(DERIVATION_FUNCTIONS, expression.fn)
      ? DERIVATION_FUNCTIONS[expression.fn]
      : undefined;
    if (!fn) {
      report(
        childPointer(place, 'fn'),
        `unknown function "${expression.fn}" (known: ${Object.keys(DERIVATION_FUNCTIONS).join(', ')})`,
      );
      return;
    }
    const args = expression.args ?? {};
    for (const [param, need] of Object.entries(fn.params))
      if (need === 'required' && !(param in args))
        report(childPointer(place, 'args'), `${expression.fn} needs the argument "${param}"`);
    for (const [arg, value] of Object.entries(args)) {
      if (!(arg in fn.params))
        report(
          childPointer(place, 'args', arg),
          `${expression.fn} takes no argument "${arg}" (it takes: ${Object.keys(fn.params).join(', ') || 'none'})`,
        );
      checkExpression(value, childPointer(place, 'args', arg), known, report);
    }
  }
}

/** The top-level facts an expression reads: a fact a derived fact is computed from counts as used. */
export function factsReadBy(expression: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(expression)) expression.forEach((item) => factsReadBy(item, into));
  else if (isFactRead(expression)) into.add(expression.fact.split('.')[0]);
  else if (isFunctionCall(expression))
    Object.values(expression.args ?? {}).forEach((arg) => factsReadBy(arg, into));
  return into;
}

/** The derived facts a derived.json declares with what they are computed from, where the file is well-formed. */
export function derivationsOf(document: unknown): unknown[] {
  if (!isRecord(document) || !isRecord(document.derived)) return [];
  return Object.values(document.derived).map((spec) => (isRecord(spec) ? spec.compute : undefined));
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
