import { MAX_REQUEST_DEPTH, requestShapeErrors } from './request-validation.pipe';

describe('requestShapeErrors', () => {
  it('accepts ordinary JSON, arrays and nesting up to the limit', () => {
    const nested = JSON.parse(
      '{"a":'.repeat(MAX_REQUEST_DEPTH - 1) + '1' + '}'.repeat(MAX_REQUEST_DEPTH - 1),
    );
    expect(requestShapeErrors({ facts: { list: [{ listedOn: '2026-01-01' }] }, nested })).toEqual([]);
    expect(requestShapeErrors(null)).toEqual([]);
    expect(requestShapeErrors('text')).toEqual([]);
  });

  it.each([
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
  ])('refuses a %s key anywhere, naming its path', (key) => {
    const body = JSON.parse(`{"facts":{"list":[{"ok":1},{"${key}":{"isAdmin":true}}]}}`);
    expect(requestShapeErrors(body)).toEqual([
      { field: `facts.list.1.${key}`, reason: `property ${key} should not exist`, zh: `不接受字段 ${key}` },
    ]);
  });

  it('refuses nesting past the limit once, at the path where it goes too deep, without overflowing', () => {
    const deep = JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
    const errors = requestShapeErrors({ deep });
    expect(errors).toEqual([
      {
        field: ['deep', ...Array(MAX_REQUEST_DEPTH - 1).fill('a')].join('.'),
        reason: `nested deeper than ${MAX_REQUEST_DEPTH} levels`,
        zh: `嵌套超过 ${MAX_REQUEST_DEPTH} 层`,
      },
    ]);
  });

  it('names a control character and a lone surrogate in both languages', () => {
    expect(requestShapeErrors({ title: 'a\u0000b', name: 'x\ud800' })).toEqual(
      expect.arrayContaining([
        {
          field: 'title',
          reason: 'contains the control character U+0000 at index 1, which no field accepts',
          zh: '含有控制字符 U+0000（位于第 1 位），任何字段都不接受',
        },
        {
          field: 'name',
          reason: 'contains a lone surrogate (U+D800 at index 1), which is not a character',
          zh: '含有孤立的代理码元（U+D800，位于第 1 位），它不是字符',
        },
      ]),
    );
  });

  it('looks into query objects without a prototype', () => {
    const query = Object.assign(Object.create(null), { page: '1', constructor: '1' });
    expect(requestShapeErrors(query)).toEqual([
      { field: 'constructor', reason: 'property constructor should not exist', zh: '不接受字段 constructor' },
    ]);
  });
});
