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
      { field: `facts.list.1.${key}`, reason: `property ${key} should not exist` },
    ]);
  });

  it('refuses nesting past the limit once, at the path where it goes too deep, without overflowing', () => {
    const deep = JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
    const errors = requestShapeErrors({ deep });
    expect(errors).toEqual([
      {
        field: ['deep', ...Array(MAX_REQUEST_DEPTH - 1).fill('a')].join('.'),
        reason: `nested deeper than ${MAX_REQUEST_DEPTH} levels`,
      },
    ]);
  });

  it('looks into query objects without a prototype', () => {
    const query = Object.assign(Object.create(null), { page: '1', constructor: '1' });
    expect(requestShapeErrors(query)).toEqual([
      { field: 'constructor', reason: 'property constructor should not exist' },
    ]);
  });
});
