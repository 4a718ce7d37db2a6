/**
 * What the rules of one type read, against that type's facts contract (shared facts merged in): every fact
 * and path a condition reads is declared, and its kind fits the comparison. Returns the facts read, so the
 * loader can report contract facts that no rule reads.
 */
import { FACT_KINDS } from './definition.types';
import type { DefinitionProblem } from './definition-error';
import { childPointer, jsonPointer } from './json-pointer';
import { isRecord, type Report, reporterFor } from './json-shape';
import { conditionTypeProblem } from './condition-types';
import { type ConditionLeaf, looksLikeFactReference, pathSegments, walkConditions } from './rule-conditions';
import { rulesOf } from './validate-rule-files';
import { derivedFactNames, inputFactNames } from './validate-fact-contract';
import { factSpecOf, type JsonSchema } from './json-schema';

/** A fact of a type's contract, with the file and place that declare it. */
export interface ContractFact {
  name: string;
  spec: unknown;
  file: string;
  place: string;
}

export interface SourceDocument {
  file: string;
  document: unknown;
}

/** The merged contract, shared file first; a clash is reported elsewhere and the first declaration wins. */
export function contractFacts(contracts: SourceDocument[]): Map<string, ContractFact> {
  const facts = new Map<string, ContractFact>();
  for (const { file, document } of contracts) {
    // A facts contract is a JSON Schema: its properties are read as the FactSpecs the rules see.
    const schema = document as JsonSchema;
    for (const name of inputFactNames(document)) {
      if (facts.has(name) || !isRecord(schema.properties?.[name])) continue;
      const spec = factSpecOf(schema.properties[name], true);
      facts.set(name, { name, spec, file, place: jsonPointer('properties', name) });
    }
    for (const name of derivedFactNames(document)) {
      if (facts.has(name)) continue;
      const spec = (document as Record<string, Record<string, unknown>>).derived[name];
      facts.set(name, { name, spec, file, place: jsonPointer('derived', name) });
    }
  }
  return facts;
}

/** What checking one rule file needs to know, and the set of facts read so far. */
interface ReadContext {
  facts: ReadonlyMap<string, ContractFact>;
  contractFiles: string; // named in messages: where a missing fact should be declared
  read: Set<string>;
  report: Report;
}

export function checkRuleFacts(
  ruleFiles: SourceDocument[],
  facts: ReadonlyMap<string, ContractFact>,
  contractFiles: string,
  problems: DefinitionProblem[],
): Set<string> {
  const read = new Set<string>();
  for (const { file, document } of ruleFiles) {
    const context: ReadContext = { facts, contractFiles, read, report: reporterFor(file, problems) };
    rulesOf(document).forEach((rule, index) => {
      if (!isRecord(rule)) return;
      for (const leaf of walkConditions(rule.conditions, jsonPointer('rules', index, 'conditions')))
        checkLeaf(leaf, context);
    });
  }
  return read;
}

function checkLeaf(leaf: ConditionLeaf, context: ReadContext): void {
  const spec = readFact(leaf.fact, leaf.wellFormed ? leaf.path : undefined, leaf.place, context);
  const { reference, operator } = leaf;
  if (reference) readFact(reference.fact, reference.path, childPointer(leaf.place, 'value'), context);
  // Against another fact the comparison is only as typed as the facts are; against a constant it is checked.
  if (
    leaf.wellFormed &&
    operator &&
    spec &&
    !looksLikeFactReference(leaf.value) &&
    FACT_KINDS.includes(spec.kind as never)
  ) {
    const what = leaf.path ? `${leaf.fact}${leaf.path.slice(1)}` : leaf.fact;
    const problem = conditionTypeProblem(spec, operator, leaf.value, what);
    if (problem) context.report(childPointer(leaf.place, 'value'), problem);
  }
}

/** Marks the fact as read and returns the spec at the path, or reports why it cannot be read. */
function readFact(
  name: string,
  path: string | undefined,
  place: string,
  context: ReadContext,
): Record<string, unknown> | undefined {
  const fact = context.facts.get(name);
  if (!fact) {
    context.report(
      childPointer(place, 'fact'),
      `fact "${name}" is not in the facts contract (${context.contractFiles})`,
    );
    return undefined;
  }
  context.read.add(name);
  let spec = fact.spec;
  let at = name;
  for (const segment of pathSegments(path)) {
    if (!isRecord(spec)) return undefined;
    const fields = spec.fields;
    if (spec.kind !== 'object' || !isRecord(fields)) {
      context.report(
        childPointer(place, 'path'),
        `${at} is of kind ${String(spec.kind)} and has no field "${segment}"`,
      );
      return undefined;
    }
    if (!(segment in fields)) {
      context.report(
        childPointer(place, 'path'),
        `"${segment}" is not a field of ${at} (fields: ${Object.keys(fields).join(', ')})`,
      );
      return undefined;
    }
    spec = fields[segment];
    at = `${at}.${segment}`;
  }
  return isRecord(spec) ? spec : undefined;
}
