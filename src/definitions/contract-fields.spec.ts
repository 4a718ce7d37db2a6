import { join } from 'node:path';
import { type ContractField, contractFields } from './contract-fields';
import type { JsonSchema } from './definition.types';
import { loadDefinitions } from './load-definitions';

const text = (value: string) => ({ zh: `${value}（中）`, en: value });

const SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    exhibition: {
      'x-label': text('Exhibition'),
      type: 'object',
      properties: {
        opensOn: { 'x-label': text('Opens on'), 'x-help': text('First day'), type: 'string', format: 'date' },
        country: { 'x-label': text('Country'), type: 'string', format: 'country' },
      },
      required: ['opensOn'],
      additionalProperties: false,
    },
    kind: {
      'x-label': text('Kind'),
      type: 'string',
      enum: ['fair', 'expo'],
      'x-enumLabels': { fair: text('Trade fair') },
    },
    exhibits: { 'x-label': text('Exhibits'), type: 'integer', minimum: 0, maximum: 500 },
    markets: {
      'x-label': text('Markets'),
      type: 'array',
      maxItems: 5,
      items: { type: 'string', format: 'country' },
    },
    records: {
      'x-label': text('Records'),
      type: 'array',
      maxItems: 5,
      items: {
        'x-label': text('Record'),
        type: 'object',
        properties: { listed: { 'x-label': text('Listed'), type: 'boolean' } },
        required: [],
        additionalProperties: false,
      },
    },
  },
  required: ['exhibition', 'kind'],
  additionalProperties: false,
};

describe('contractFields', () => {
  const fields = contractFields(SCHEMA);
  const at = (path: string): ContractField => {
    const find = (list: ContractField[]): ContractField | undefined =>
      list
        .flatMap((field) => [field, ...(field.children ? [find(field.children)] : [])])
        .find((f) => f?.path === path);
    const found = find(fields);
    if (!found) throw new Error(`no field ${path}`);
    return found;
  };

  it('keeps the contract order and marks what is required', () => {
    expect(fields.map((f) => [f.key, f.kind, f.required])).toEqual([
      ['exhibition', 'object', true],
      ['kind', 'enum', true],
      ['exhibits', 'integer', false],
      ['markets', 'array', false],
      ['records', 'array', false],
    ]);
  });

  it('nests object fields under dotted paths, with labels, help and kinds', () => {
    expect(at('exhibition').children).toEqual([
      {
        path: 'exhibition.opensOn',
        key: 'opensOn',
        label: text('Opens on'),
        help: text('First day'),
        kind: 'date',
        required: true,
      },
      {
        path: 'exhibition.country',
        key: 'country',
        label: text('Country'),
        kind: 'country',
        required: false,
      },
    ]);
  });

  it('labels enum choices from x-enumLabels, and with the value itself where the contract has none', () => {
    expect(at('kind').choices).toEqual([
      { value: 'fair', label: text('Trade fair') },
      { value: 'expo', label: { zh: 'expo', en: 'expo' } },
    ]);
  });

  it('carries numeric bounds', () => {
    expect(at('exhibits')).toMatchObject({ min: 0, max: 500 });
  });

  it('gives an array one item field: labelled like the list, or by the contract, with its own children', () => {
    expect(at('markets').children).toEqual([
      { path: 'markets.*', key: '*', label: text('Markets'), kind: 'country', required: true },
    ]);
    expect(at('records.*')).toMatchObject({ label: text('Record'), kind: 'object' });
    expect(at('records.*.listed')).toMatchObject({ kind: 'boolean', required: false });
  });

  it('labels every field of every shipped contract in both languages', () => {
    const catalogue = loadDefinitions(join(__dirname, '..', '..'));
    const all = (list: ContractField[]): ContractField[] =>
      list.flatMap((f) => [f, ...all(f.children ?? [])]);
    for (const type of catalogue.types) {
      const shipped = all(contractFields(catalogue.definitions[type].rules.factsSchema));
      expect(shipped.length).toBeGreaterThan(5);
      for (const field of shipped) {
        expect(field.label.zh).not.toBe('');
        expect(field.label.en).not.toBe('');
      }
    }
  });
});
