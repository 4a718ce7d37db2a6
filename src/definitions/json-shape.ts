/**
 * Small checks over parsed JSON of unknown shape. The shape of every definition file is its JSON Schema's
 * (definition-schemas.ts); the checks in code that say what a schema cannot run on `unknown` too, skipping
 * what the schema reports, so that one broken part of a file does not stop the others from being checked:
 * the loader reports every problem at once and only then trusts the types.
 */
import type { DefinitionProblem } from './definition-error';

/** Reports a problem at a place (JSON pointer) in the file it was made for. */
export type Report = (place: string, reason: string) => void;

export function reporterFor(file: string, problems: DefinitionProblem[]): Report {
  return (place, reason) => problems.push({ file, place, reason });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as it would appear in the file, for messages ("found ..."). */
export function shown(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** Reports duplicates among values found at the given places. */
export function checkUnique(entries: { value: string; place: string }[], report: Report, what: string): void {
  const seen = new Map<string, string>();
  for (const { value, place } of entries) {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, place);
    else report(place, `${what} "${value}" is already used at ${first}`);
  }
}
