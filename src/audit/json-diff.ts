/** One place where two JSON values differ; a side that is absent there has no key. */
export interface JsonDifference {
  path: string;
  stored?: unknown;
  recomputed?: unknown;
}

/**
 * Where two JSON values (parsed, so no undefined or functions) differ, as JSONPath-style paths
 * (`$.findings[0].points`), leaf by leaf: objects by key, arrays by index. At most `limit` differences.
 */
export function jsonDifferences(stored: unknown, recomputed: unknown, limit = 100): JsonDifference[] {
  const out: JsonDifference[] = [];
  walk(stored, recomputed, '$', out, limit);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: JsonDifference[], limit: number): void {
  if (out.length >= limit) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) out.push({ path: `${path}[${i}]`, recomputed: b[i] });
      else if (i >= b.length) out.push({ path: `${path}[${i}]`, stored: a[i] });
      else walk(a[i], b[i], `${path}[${i}]`, out, limit);
      if (out.length >= limit) return;
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const at = `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
      if (!(key in b)) out.push({ path: at, stored: a[key] });
      else if (!(key in a)) out.push({ path: at, recomputed: b[key] });
      else walk(a[key], b[key], at, out, limit);
      if (out.length >= limit) return;
    }
    return;
  }
  if (!Object.is(a, b) && !(typeof a === 'number' && typeof b === 'number' && a === b))
    out.push({ path, stored: a, recomputed: b });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
