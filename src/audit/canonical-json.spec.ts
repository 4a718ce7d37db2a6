import canonicalize from 'canonicalize';
import { decide } from '../decision/decide';
import type { Facts } from '../decision/decision.types';
import { loadDefinitions } from '../definitions/load-definitions';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import { factFixture } from '../../test/support/fact-fixtures';
import { seededRandom } from '../../test/support/seeded-random';
import { fastCanonicalJson } from './canonical-json';

const ALPHABET = [
  'a',
  'B',
  'z',
  '_',
  '-',
  ' ',
  'é',
  '中',
  '文',
  '"',
  '\\',
  '\n',
  '\u0001',
  '\u007f',
  '😀',
  '\ud800',
  '\udc00',
  '$',
  '~',
  '.',
  '7',
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  2.5,
  1e21,
  1e-7,
  5e-324,
  1.7976931348623157e308,
  123456789012,
  -33.333333333333336,
  2 ** 53,
];

function randomString(random: () => number, max = 8): string {
  let text = '';
  const length = Math.floor(random() * max);
  for (let i = 0; i < length; i += 1) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return text;
}

function randomValue(random: () => number, depth: number): unknown {
  const pick = random();
  if (depth <= 0 || pick < 0.35) {
    const leaf = random();
    if (leaf < 0.15) return null;
    if (leaf < 0.3) return random() < 0.5;
    if (leaf < 0.55) return NUMBERS[Math.floor(random() * NUMBERS.length)];
    if (leaf < 0.6) return Math.round(random() * 1e6) / 100;
    return randomString(random, 12);
  }
  if (pick < 0.6) {
    return Array.from({ length: Math.floor(random() * 5) }, () =>
      random() < 0.05 ? undefined : randomValue(random, depth - 1),
    );
  }
  const object: Record<string, unknown> = {};
  const size = Math.floor(random() * 6);
  for (let i = 0; i < size; i += 1) {
    object[randomString(random, 6)] = random() < 0.05 ? undefined : randomValue(random, depth - 1);
  }
  return object;
}

describe('fastCanonicalJson', () => {
  it('writes what the canonicalize package writes, for 5,000 random JSON values', () => {
    const random = seededRandom(8785);
    for (let i = 0; i < 5000; i += 1) {
      const value = randomValue(random, 5);
      expect(fastCanonicalJson(value)).toBe(canonicalize(value));
    }
  });

  it('writes what the package writes for every decision of the fact fixtures', async () => {
    const catalogue = loadDefinitions(process.cwd());
    for (const type of ACTIVITY_TYPES) {
      for (const variant of ['low', 'high']) {
        const facts = factFixture(`${type}.${variant}`) as Facts;
        const decision = await decide(catalogue.definitions[type].rules, facts, '2026-11-30T00:00:00.000Z');
        expect(fastCanonicalJson(decision)).toBe(canonicalize(decision));
        expect(fastCanonicalJson(facts)).toBe(canonicalize(facts));
      }
    }
  });

  it('sorts keys by code unit, array-index keys included, and keeps "__proto__" as a member', () => {
    const cases: unknown[] = [
      { '10': 'ten', '9': 'nine', a: 1, '-a': 2 },
      { outer: { '1': [{ b: 1, a: 2 }] } },
      JSON.parse('{"__proto__": {"x": 1}, "a": 0}'),
      { '1a': true, a1: false },
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${(i * 7919) % 40}x`, i])),
      [{ z: 1, y: [undefined, { d: undefined, c: 'x' }] }],
      { date: new Date('2026-11-30T01:02:03.004Z'), nested: { toJSON: () => ({ b: 2, a: 1 }) } },
      'just a string',
      42,
      null,
      [],
      {},
    ];
    for (const value of cases) expect(fastCanonicalJson(value)).toBe(canonicalize(value));
    expect(fastCanonicalJson({ '10': 1, '9': 2 })).toBe('{"10":1,"9":2}');
  });

  it('refuses NaN and infinite numbers as the package does', () => {
    expect(() => fastCanonicalJson({ a: [Number.NaN] })).toThrow('NaN is not allowed');
    expect(() => fastCanonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow('Infinity is not allowed');
    expect(fastCanonicalJson(undefined)).toBeUndefined();
  });
});
