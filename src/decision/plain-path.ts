/**
 * The loader admits only plain property paths in conditions ("$.field" or "$.field.sub"). For those, this
 * resolver gives exactly what json-rules-engine's default, JSONPath({ path, json, wrap: false }), gives:
 * it follows own properties of truthy values and yields undefined where one is missing. It skips
 * JSONPath's general parser and the Error JSONPath constructs to hand back every scalar result, which
 * together cost about a tenth of a decision.
 */
export const PLAIN_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

const segmentsOf = new Map<string, string[]>();

export function resolvePlainPath(value: object, path: string): unknown {
  let segments = segmentsOf.get(path);
  if (!segments) {
    if (!PLAIN_PATH.test(path)) throw new Error(`Not a plain property path: ${path}`);
    segments = path.slice(2).split('.');
    segmentsOf.set(path, segments);
  }
  let current: unknown = value;
  for (const segment of segments) {
    if (!current || !Object.hasOwn(current as object, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
