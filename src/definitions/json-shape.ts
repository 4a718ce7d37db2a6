/**
 * Small checks over parsed JSON of unknown shape. The validators run on `unknown` rather than on typed
 * values so that one broken part of a file does not stop the others from being checked: the loader
 * reports every problem at once and only then trusts the types.
 */
import type { DefinitionProblem } from './definition-error';
import { childPointer } from './json-pointer';

/** Reports a problem at a place (JSON pointer) in the file it was made for. */
export type Report = (place: string, reason: string) => void;

export function reporterFor(file: string, problems: DefinitionProblem[]): Report {
  return (place, reason) => problems.push({ file, place, reason });
}

const COMMENT_KEY = '$comment';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0;
}

/** A value as it would appear in the file, for messages ("found ..."). */
export function shown(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/**
 * Refuses keys outside `allowed`: a misspelt key (`"measures"` for `"measure"`, xstate v4's `"cond"`) would
 * otherwise be ignored silently and the rule would quietly do less than it says. "$comment" is always
 * allowed, for humans.
 */
export function checkKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  place: string,
  report: Report,
): void {
  for (const key of Object.keys(value)) {
    if (key === COMMENT_KEY) {
      if (typeof value[key] !== 'string') report(childPointer(place, key), '$comment must be a string');
    } else if (!allowed.includes(key)) {
      report(childPointer(place, key), `unknown key "${key}" (allowed: ${allowed.join(', ')})`);
    }
  }
}

/** Reports and returns undefined when the value is not an object. */
export function expectObject(
  value: unknown,
  place: string,
  report: Report,
  what: string,
): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  report(place, `${what} must be an object, found ${shown(value)}`);
  return undefined;
}

/** An object with only the given keys (and "$comment"). */
export function expectRecord(
  value: unknown,
  allowed: readonly string[],
  place: string,
  report: Report,
  what: string,
): Record<string, unknown> | undefined {
  const record = expectObject(value, place, report, what);
  if (record) checkKeys(record, allowed, place, report);
  return record;
}

export function checkNonEmptyString(value: unknown, place: string, report: Report, what: string): void {
  if (!isNonEmptyString(value)) report(place, `${what} must be a non-empty string, found ${shown(value)}`);
}

/** { zh, en }, both non-empty: every text an officer or applicant reads exists in both languages. */
export function checkLocalizedText(value: unknown, place: string, report: Report, what: string): void {
  const text = expectRecord(value, ['zh', 'en'], place, report, `${what} ({ zh, en })`);
  if (!text) return;
  checkNonEmptyString(text.zh, childPointer(place, 'zh'), report, `${what}.zh`);
  checkNonEmptyString(text.en, childPointer(place, 'en'), report, `${what}.en`);
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
