import { jsonSyntaxErrorOffset, lineAndColumn } from './json-syntax-position';

/** Where V8 names a position, the scanner must agree with it; where V8 does not, the scanner is all we have. */
const v8Offset = (text: string): number | undefined => {
  try {
    JSON.parse(text);
    return -1;
  } catch (error) {
    const match = /at position (\d+)/.exec((error as Error).message);
    return match ? Number(match[1]) : undefined;
  }
};

it.each([
  '{"a":1,}',
  '{"a" 1}',
  '[1,2',
  '{"a":"x',
  '{"a":01}',
  '{"a":1}}',
  '{"a":"\\q"}',
  '{"a":-}',
  '{"a":1.}',
  '[tru]',
  '{"a":[1,]}',
])('agrees with V8 where V8 names the position: %s', (text) => {
  const reported = v8Offset(text);
  if (reported !== undefined) expect(jsonSyntaxErrorOffset(text)).toBe(reported);
  else expect(jsonSyntaxErrorOffset(text)).toBeGreaterThanOrEqual(0);
});

it('finds the unexpected token V8 does not place', () => {
  expect(jsonSyntaxErrorOffset('{\n  "medium": }')).toBe(14);
  expect(jsonSyntaxErrorOffset('{"a": 1, "b": }')).toBe(14);
  expect(jsonSyntaxErrorOffset('')).toBe(0);
});

it('says -1 for valid JSON, whitespace and escapes included', () => {
  expect(jsonSyntaxErrorOffset(' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"], "b": {}} ')).toBe(-1);
});

it('counts lines and columns from 1', () => {
  expect(lineAndColumn('{\n  "a": }', 9)).toEqual({ line: 2, column: 8 });
  expect(lineAndColumn('x', 0)).toEqual({ line: 1, column: 1 });
});
