import { contractFields } from '../definitions/contract-fields';
import type { JsonSchema } from '../definitions/definition.types';
import { readContractForm } from './contract-form-input';
import { fieldLabels } from './field-labels';
import { escapeHtml, html, trusted } from './html';

const label = (zh: string) => ({ zh, en: zh });
const schema = {
  type: 'object',
  required: ['count', 'flag', 'rows', 'owner'],
  properties: {
    count: { 'x-label': label('数量'), type: 'integer', minimum: 0 },
    flag: { 'x-label': label('标志'), type: 'boolean' },
    since: { 'x-label': label('日期'), type: 'string', format: 'date' },
    owner: {
      'x-label': label('所有人'),
      type: 'object',
      required: ['country'],
      properties: { country: { 'x-label': label('国家'), type: 'string', format: 'country' } },
    },
    basis: {
      'x-label': label('依据'),
      type: 'object',
      required: ['scope'],
      properties: { scope: { 'x-label': label('范围'), type: 'string' } },
    },
    rows: {
      'x-label': label('行'),
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { 'x-label': label('名称'), type: 'string' } },
      },
    },
  },
} as unknown as JsonSchema;
const fields = contractFields(schema, 'facts');

describe('readContractForm', () => {
  it('turns form text into the request the API validates, leaving judgement to the API', () => {
    const read = readContractForm(fields, {
      'facts.count': '3',
      'facts.flag': 'false',
      'facts.since': '',
      'facts.owner.country': 'cn',
      'facts.rows.0.name': 'a',
      'facts.rows.1.name': '  ', // the spare empty row
      'facts.rows.2.name': 'c',
    });
    expect(read).toEqual({
      facts: {
        count: 3,
        flag: false,
        since: null,
        owner: { country: 'CN' },
        rows: [{ name: 'a' }, { name: 'c' }],
      },
    });
  });

  it('sends what it cannot convert as text, and leaves a blank required field out', () => {
    expect(readContractForm(fields, { 'facts.count': 'many', 'facts.flag': '' })).toEqual({
      facts: { count: 'many', since: null, owner: {}, rows: [] },
    });
  });

  it('leaves an optional object out when all of it is blank, and sends it once anything is filled in', () => {
    const base = { 'facts.count': '1', 'facts.flag': 'true', 'facts.owner.country': 'CN' };
    expect(readContractForm(fields, { ...base, 'facts.basis.scope': ' ' }).facts).not.toHaveProperty('basis');
    expect(readContractForm(fields, { ...base, 'facts.basis.scope': 'CN' }).facts).toMatchObject({
      basis: { scope: 'CN' },
    });
  });
});

describe('fieldLabels', () => {
  it('labels request paths, rows by their item', () => {
    const labelOf = fieldLabels(fields, 'zh');
    expect(labelOf('facts.owner.country')).toBe('国家');
    expect(labelOf('facts.rows.4.name')).toBe('名称');
    expect(labelOf('facts.unknown')).toBe('');
  });
});

describe('html', () => {
  it('escapes every interpolated value except markup built by the code', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      `<p title="${escapeHtml(name)}">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>`,
    );
    expect(html`<div>${trusted('<svg></svg>')}${[html`<b>${'&'}</b>`]}</div>`.text).toBe(
      '<div><svg></svg><b>&amp;</b></div>',
    );
  });
});
