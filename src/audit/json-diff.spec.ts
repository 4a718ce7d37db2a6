import { jsonDifferences } from './json-diff';

describe('jsonDifferences', () => {
  it('finds nothing in equal values, whatever the key order', () => {
    expect(jsonDifferences({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toEqual([]);
  });

  it('names each differing leaf by its path, with both values', () => {
    expect(
      jsonDifferences(
        { score: 40, findings: [{ rule: 'a', points: 30 }], 'odd-key': true, level: 'medium' },
        { score: 45, findings: [{ rule: 'a', points: 35 }], 'odd-key': false, level: 'medium' },
      ),
    ).toEqual([
      { path: '$.findings[0].points', stored: 30, recomputed: 35 },
      { path: '$["odd-key"]', stored: true, recomputed: false },
      { path: '$.score', stored: 40, recomputed: 45 },
    ]);
  });

  it('says which side lacks a key or an element', () => {
    expect(jsonDifferences({ a: [1, 2], gone: 1 }, { a: [1], added: 2 })).toEqual([
      { path: '$.a[1]', stored: 2 },
      { path: '$.added', recomputed: 2 },
      { path: '$.gone', stored: 1 },
    ]);
  });

  it('compares kinds too, and stops at the limit', () => {
    expect(jsonDifferences({ a: null }, { a: {} })).toEqual([{ path: '$.a', stored: null, recomputed: {} }]);
    expect(jsonDifferences([1, 2, 3, 4], [5, 6, 7, 8], 2)).toHaveLength(2);
  });
});
