/**
 * The plain-path resolver must give what json-rules-engine's default resolver gives (JSONPath-plus with
 * wrap:false) for every plain path on any JSON value, or a decision would change with the resolver.
 */
import fc from 'fast-check';
import { JSONPath } from 'jsonpath-plus';
import { PLAIN_PATH, resolvePlainPath } from './plain-path';

const defaultResolver = (value: object, path: string): unknown =>
  JSONPath({ path, json: value, wrap: false });
const names = ['a', 'b', 'length', 'country', 'signed', '_x', 'constructor', 'toString'];
const plainPath = fc
  .array(fc.constantFrom(...names), { minLength: 1, maxLength: 4 })
  .map((segments) => `$.${segments.join('.')}`);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, 1, '', 'text', []),
    fc.dictionary(fc.constantFrom(...names), tie('value'), { maxKeys: 4 }),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
})).value;

describe('resolvePlainPath', () => {
  it('agrees with JSONPath (wrap: false) on random JSON objects and plain paths', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), json, { maxKeys: 5 }),
        plainPath,
        (value, path) => {
          expect(resolvePlainPath(value, path)).toStrictEqual(defaultResolver(value, path));
        },
      ),
      { seed: 20251125, numRuns: 2000 },
    );
  });

  it('follows own properties only and stops at missing or falsy values', () => {
    const value = { a: { b: 0, c: '', d: null, e: [1, 2] }, f: 'xyz' };
    expect(resolvePlainPath(value, '$.a.b')).toBe(0);
    expect(resolvePlainPath(value, '$.a.d.x')).toBeUndefined();
    expect(resolvePlainPath(value, '$.a.e.length')).toBe(2);
    expect(resolvePlainPath(value, '$.f.length')).toBe(3);
    expect(resolvePlainPath(value, '$.a.toString')).toBeUndefined();
    expect(resolvePlainPath(value, '$.missing.b')).toBeUndefined();
  });

  it('refuses anything but a plain path', () => {
    expect(PLAIN_PATH.test('$.a[0]')).toBe(false);
    expect(() => resolvePlainPath({}, '$..a')).toThrow('Not a plain property path');
  });
});
