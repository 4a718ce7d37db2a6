/**
 * Issue 13 item 7: every field's reason in Chinese for `Accept-Language: zh`, the English unchanged for
 * everyone else, codes and field names the same in both. One bad request per kind of check: the request
 * DTOs (class-validator: lengths, allowed values, formats of our own, whole numbers in a query, unknown
 * fields), the facts contract (JSON Schema: enum, date format, type), the checks services make (an
 * unknown department or type, a path id) and the raw-body check (a control character).
 */
import { buildWorld, caseBody, send, type World } from './support/authz-world';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await startTestApp();
  world = await buildWorld(t);
});

afterAll(async () => {
  await t?.close();
});

type Request = { method: 'get' | 'post'; path: string; body?: unknown };

const withFacts = (change: Record<string, unknown>) => {
  const body = caseBody();
  return { ...body, facts: { ...body.facts, ...change } };
};

/** [what, request, field, English reason, Chinese reason]. */
const ROWS: Array<[string, Request, string, string, string]> = [
  [
    'a missing field',
    { method: 'post', path: '/evaluations', body: { ...caseBody(), title: undefined } },
    'title',
    'required',
    '必填',
  ],
  [
    'a string too long',
    { method: 'post', path: '/evaluations', body: caseBody({ title: '长'.repeat(301) }) },
    'title',
    'title must be shorter than or equal to 300 characters',
    'title 的长度不得超过 300 个字符',
  ],
  [
    'a value outside the allowed ones (query)',
    { method: 'get', path: '/tasks?status=later' },
    'status',
    'status must be one of the following values: open, done',
    'status 须为下列值之一：open、done',
  ],
  [
    'a number that is not plain digits (query)',
    { method: 'get', path: '/evaluations?page=0x10' },
    'page',
    'page must be a whole number in decimal digits (no sign, space, exponent or 0x)',
    'page 须为整数，以十进制数字书写（不带符号、空格、指数或 0x）',
  ],
  [
    'a bound (query)',
    { method: 'get', path: '/evaluations?pageSize=1000' },
    'pageSize',
    'pageSize must not be greater than 100',
    'pageSize 不得大于 100',
  ],
  [
    'a credit code with a wrong check character',
    {
      method: 'post',
      path: '/evaluations',
      body: { ...caseBody(), applicant: { ...caseBody().applicant, creditCode: '91441500MA4W3K2QX0' } },
    },
    'applicant.creditCode',
    'creditCode must be an 18-character unified social credit code with a valid check character (GB 32100-2015)',
    'creditCode 须为 18 位统一社会信用代码，且校验码正确（GB 32100-2015）',
  ],
  [
    'an unknown field',
    { method: 'post', path: '/evaluations', body: { ...caseBody(), colour: 'red' } },
    'colour',
    'property colour should not exist',
    '不接受字段 colour',
  ],
  [
    'a fact outside its enumeration',
    {
      method: 'post',
      path: '/evaluations',
      body: withFacts({ candidate: { ...caseBody().facts.candidate!, role: 'wizard' } }),
    },
    'facts.candidate.role',
    'role must be one of the following values: ',
    'role 须为下列值之一：',
  ],
  [
    'an impossible date in the facts',
    { method: 'post', path: '/evaluations', body: withFacts({ departedOn: '2024-02-30' }) },
    'facts.departedOn',
    'departedOn must be a real calendar date YYYY-MM-DD between 1900-01-01 and 2100-12-31',
    'departedOn 须为 1900-01-01 至 2100-12-31 之间真实存在的日期，格式为 YYYY-MM-DD',
  ],
  [
    'a fact of the wrong type',
    { method: 'post', path: '/evaluations', body: withFacts({ applicationsSinceDeparture: 'many' }) },
    'facts.applicationsSinceDeparture',
    'applicationsSinceDeparture must be an integer number',
    'applicationsSinceDeparture 须为整数',
  ],
  [
    'an unknown department',
    { method: 'post', path: '/evaluations', body: caseBody({ competentDepartment: 'atlantis' }) },
    'competentDepartment',
    '"atlantis" is not in the department catalogue',
    '"atlantis" 不在部门目录中',
  ],
  [
    'an unknown activity type',
    { method: 'post', path: '/evaluations', body: { ...caseBody(), type: 'space-mission' } },
    'type',
    'type must be one of ',
    'type 须为下列值之一：',
  ],
  [
    'a path id that is not a UUID',
    { method: 'get', path: '/evaluations/not-a-uuid' },
    'id',
    'must be a UUID',
    '须为 UUID',
  ],
  [
    'a control character',
    { method: 'post', path: '/evaluations', body: caseBody({ title: 'a\u0000b' }) },
    'title',
    'contains the control character U+0000 at index 1, which no field accepts',
    '含有控制字符 U+0000（位于第 1 位），任何字段都不接受',
  ],
];

describe('field reasons in Chinese and English', () => {
  it.each(ROWS)('%s', async (_what, request, field, english, chinese) => {
    const ask = (language: string) =>
      send(t, request.method, request.path, world.header['enterprise-owner'], request.body).set(
        'Accept-Language',
        language,
      );
    const [en, zh] = [await ask('en-GB'), await ask('zh-CN,zh;q=0.9')];
    for (const res of [en, zh]) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('request.invalid');
    }
    const reasonOf = (res: typeof en) =>
      (res.body.errors as { field: string; reason: string }[]).find((e) => e.field === field)?.reason;
    // The allowed values of an enumeration follow the text; the text up to them is the same in both.
    const matches = (reason: string | undefined, expected: string) =>
      expected.endsWith('：') || expected.endsWith(' ')
        ? expect(reason?.startsWith(expected)).toBe(true)
        : expect(reason).toBe(expected);
    matches(reasonOf(en), english);
    matches(reasonOf(zh), chinese);
    // Same fields in the same order, and nothing but field and reason on each.
    expect(zh.body.errors.map((e: { field: string }) => e.field)).toEqual(
      en.body.errors.map((e: { field: string }) => e.field),
    );
    for (const error of [...en.body.errors, ...zh.body.errors])
      expect(Object.keys(error)).toEqual(['field', 'reason']);
  });
});
