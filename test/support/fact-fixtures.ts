/**
 * Fact fixtures (test/fixtures/facts/<type>.<variant>.json) and the one way rule specs vary them: start from
 * a fixture and change only what a case needs, so each case shows exactly which facts make a rule fire.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactSpec } from '../../src/definitions/definition.types';
import type { Facts } from '../../src/decision/decision.types';

export const REPO_ROOT = join(__dirname, '..', '..');

/** A fresh copy each call: cases never share (or mutate) each other's facts. */
export function factFixture(name: string): Facts {
  return JSON.parse(
    readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'facts', `${name}.json`), 'utf8'),
  ) as Facts;
}

/**
 * A deep change to facts: objects merge field by field, anything else (arrays included) replaces, and
 * `undefined` removes the field, as a client leaving it out would.
 */
export type FactChange = { [name: string]: unknown };

export function changeFacts(base: Facts, change: FactChange): Facts {
  return merge(base, change) as Facts;
}

function merge(base: Record<string, unknown>, change: FactChange): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) delete merged[name];
    else if (isPlainObject(value) && isPlainObject(merged[name]))
      merged[name] = merge(merged[name] as Record<string, unknown>, value);
    else merged[name] = value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Where facts break a contract (input section): unknown or missing fields, wrong kinds, values outside an
 * enum or the bounds. An empty list means a client could send these facts. Checks the shape only; the
 * credit code's check character is tested with isValidCreditCode.
 */
export function contractViolations(
  specs: Record<string, FactSpec>,
  facts: Record<string, unknown>,
  path = '$',
): string[] {
  const problems = Object.keys(facts)
    .filter((name) => !(name in specs))
    .map((name) => `${path}.${name}: not in the contract`);
  for (const [name, spec] of Object.entries(specs)) {
    const value = facts[name];
    if (value === undefined || value === null) {
      if (spec.required !== false) problems.push(`${path}.${name}: required`);
      continue;
    }
    problems.push(...valueViolations(spec, value, `${path}.${name}`));
  }
  return problems;
}

function valueViolations(spec: FactSpec, value: unknown, path: string): string[] {
  const wrong = (what: string) => [`${path}: ${what}, found ${JSON.stringify(value)}`];
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong('not a boolean');
    case 'integer':
    case 'number':
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (spec.kind === 'integer' && !Number.isInteger(value))
      )
        return wrong(`not ${spec.kind === 'integer' ? 'an integer' : 'a number'}`);
      if (spec.min !== undefined && value < spec.min) return wrong(`below ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) return wrong(`above ${spec.max}`);
      return [];
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? [] : wrong('not a non-empty string');
    case 'date':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
        ? []
        : wrong('not a YYYY-MM-DD date');
    case 'country':
      return typeof value === 'string' && /^[A-Z]{2}$/.test(value)
        ? []
        : wrong('not an ISO 3166-1 alpha-2 code');
    case 'enum':
      return spec.values?.includes(value as string) ? [] : wrong(`not one of ${spec.values?.join(', ')}`);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value)
        ? contractViolations(spec.fields ?? {}, value as Record<string, unknown>, path)
        : wrong('not an object');
    case 'array': {
      if (!Array.isArray(value)) return wrong('not an array');
      const items: FactSpec = spec.items ?? { kind: 'enum', label: spec.label, values: spec.values };
      return value.flatMap((item, index) => valueViolations(items, item, `${path}[${index}]`));
    }
  }
}
