/**
 * Optional facts the client left out become null before the rules run. The engine runs with
 * allowUndefinedFacts:false so that a fact outside the contract is an error rather than a silent pass;
 * a legitimately absent optional value must therefore be present, as null, and operators then treat it
 * as "not met" (json-rules-engine's numeric operators reject null, `equal` compares with it).
 */
import type { FactContract, FactSpec } from './rule-set.types';
import { DomainError } from '../common/domain-error';
import type { Facts } from './decision.types';

/**
 * A copy of the facts with every absent optional input fact set to null, recursively inside objects and
 * arrays of objects. Required facts are left as they are: checking them is the HTTP layer's job, and the
 * engine rejects one that a rule reads.
 */
export function normaliseFacts(contract: FactContract, facts: Facts): Facts {
  return fillObject(contract.input, facts) as Facts;
}

/**
 * Required top-level input facts that are absent, in name order. Every contract fact is read by some rule
 * (the loader checks it), so each of these would stop the engine; naming them all before the derived-fact
 * code runs also keeps that code from failing on them first.
 */
export function missingRequiredFacts(contract: FactContract, facts: Record<string, unknown>): string[] {
  return Object.entries(contract.input)
    .filter(([name, spec]) => spec.required !== false && facts[name] === undefined)
    .map(([name]) => name)
    .sort();
}

export function missingFactsError(names: string[]): DomainError {
  return new DomainError('facts.invalid', `Required facts are missing: ${names.join(', ')}`, {
    missing: names,
  });
}

function fillObject(
  specs: Record<string, FactSpec>,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...value };
  for (const [name, spec] of Object.entries(specs)) {
    const current = value[name];
    if (current === undefined) {
      if (spec.required === false) filled[name] = null;
      else delete filled[name]; // an explicit undefined means absent, as it would after JSON
    } else {
      filled[name] = fillValue(spec, current);
    }
  }
  return filled;
}

function fillValue(spec: FactSpec, value: unknown): unknown {
  if (spec.kind === 'object' && spec.fields && isPlainObject(value)) return fillObject(spec.fields, value);
  if (spec.kind === 'array' && spec.items && Array.isArray(value))
    return value.map((item) => fillValue(spec.items as FactSpec, item));
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
