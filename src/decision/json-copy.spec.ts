import fc from 'fast-check';
import { copyJson } from './json-copy';

describe('copyJson', () => {
  it('copies any JSON value deeply: equal, and sharing no object or array with the original', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = copyJson(value);
        expect(copy).toStrictEqual(value);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
        const shared = (a: unknown, b: unknown): boolean =>
          typeof a === 'object' &&
          a !== null &&
          (a === b || Object.keys(a).some((k) => shared((a as never)[k], (b as never)[k])));
        expect(shared(copy, value)).toBe(false);
      }),
      { seed: 20251125, numRuns: 500 },
    );
  });

  it('leaves non-JSON objects to structuredClone', () => {
    const date = new Date('2026-03-02T00:00:00Z');
    const copy = copyJson({ at: date });
    expect(copy.at).toEqual(date);
    expect(copy.at).not.toBe(date);
  });
});
