/**
 * A private deep copy of a JSON value, for the parts of a Decision taken from the engine or the caller's
 * facts. Facts are JSON, and copying arrays and plain objects by hand is several times faster than
 * structuredClone on the small values a decision holds (most are primitives, which need no copy at all);
 * anything else (a Date, a Map...) still goes through structuredClone, so the result is the same.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy as T;
}
