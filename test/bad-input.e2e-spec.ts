/**
 * A sweep of malformed input over every endpoint that takes any: bodies that are not JSON or not objects,
 * unknown and prototype-polluting keys, wrong kinds, values out of range, impossible dates, unknown codes,
 * oversized strings, lists and bodies, bad query strings and path ids. Every answer must be a 4xx
 * problem+json (never a 5xx), name the field at fault where there is one, and write nothing at all.
 *
 * Each row starts from a request the last block shows to be accepted, and breaks exactly one thing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVITY_TYPES } from './support/activity-types';
import type { ActivityType, JsonSchema } from '../src/definitions/definition.types';
import { factKindOf } from '../src/definitions/json-schema';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import {
  buildWorld,
  caseBody,
  countRows,
  expectProblem,
  expectStatus,
  OWNER_CREDIT_CODE,
  onlyOpenTask,
  Persona,
  returnedCase,
  send,
  submitCase,
  talentFacts,
  type World,
} from './support/authz-world';
import { factFixture, REPO_ROOT } from './support/fact-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let world: World;
let openCase: EvaluationView; // in intake, its ipo task open
let supplementCase: EvaluationView; // returned by intake, waiting for a resubmission

const COMPETENT: Record<ActivityType, string> = {
  'major-project': 'ndrc',
  'talent-introduction': 'hrss',
  'trade-show': 'commerce',
  'technology-trade': 'commerce',
};

/** A valid body for each activity type, filed by the owning enterprise under its credit code. */
function evaluationBody(type: ActivityType) {
  const { applicant, ...facts } = factFixture(`${type}.low`) as Record<string, unknown>;
  return {
    type,
    title: `${type} 测试`,
    applicant: { ...(applicant as object), creditCode: OWNER_CREDIT_CODE },
    competentDepartment: COMPETENT[type],
    facts,
  };
}

function assessmentOf(type: ActivityType) {
  const { title: _title, competentDepartment: _department, ...body } = evaluationBody(type);
  return body;
}

const VALID_KEY = { role: 'auditor', name: 'sweep auditor' };
const VALID_COMPLETION = { outcome: 'accept' };
const VALID_WITHDRAWAL = { reason: '项目取消' };
const validResubmission = () => ({ facts: talentFacts().facts });

/** A body as text with a given content type, for what JSON.stringify cannot say (bad JSON, __proto__ keys). */
interface Raw {
  raw: string;
  contentType?: string;
}

interface Row {
  method: 'get' | 'post' | 'delete';
  path: () => string;
  as: Persona;
  body?: unknown | Raw;
  status: number;
  /** errors[].field that must be named, where the problem is a field. */
  field?: string;
  code?: string;
}

const isRaw = (body: unknown): body is Raw =>
  typeof body === 'object' && body !== null && 'raw' in body && Object.keys(body).length <= 2;

/** The endpoints that read a body, each with the request it accepts. */
const BODY_ENDPOINTS: Array<{
  name: string;
  path: () => string;
  as: Persona;
  valid: () => Record<string, unknown>;
  emptyIsValid?: boolean;
}> = [
  { name: 'POST /keys', path: () => '/keys', as: 'admin', valid: () => VALID_KEY },
  {
    name: 'POST /assessments',
    path: () => '/assessments',
    as: 'enterprise-owner',
    valid: () => assessmentOf('talent-introduction'),
  },
  { name: 'POST /evaluations', path: () => '/evaluations', as: 'enterprise-owner', valid: () => caseBody() },
  {
    name: 'POST /evaluations/:id/resubmit',
    path: () => `/evaluations/${supplementCase.id}/resubmit`,
    as: 'enterprise-owner',
    valid: validResubmission,
  },
  // Every field of a withdrawal is optional: no body at all is a valid withdrawal, so that row is left out.
  {
    name: 'POST /evaluations/:id/withdraw',
    path: () => `/evaluations/${openCase.id}/withdraw`,
    as: 'enterprise-owner',
    valid: () => VALID_WITHDRAWAL,
    emptyIsValid: true,
  },
  {
    name: 'POST /tasks/:id/complete',
    path: () => `/tasks/${onlyOpenTask(openCase).id}/complete`,
    as: 'reviewer-task-dept',
    valid: () => VALID_COMPLETION,
  },
];

const DEEP = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);

/** What is wrong with a body, whatever the endpoint. */
function bodyShapeRows(): Array<[string, Row]> {
  return BODY_ENDPOINTS.flatMap(({ name, path, as, valid, emptyIsValid }) => {
    const json = (text: string, contentType = 'application/json'): Raw => ({ raw: text, contentType });
    const withKey = (key: string) =>
      json(JSON.stringify(valid()).replace(/^\{/, `{"${key}":{"polluted":true},`));
    const rows: Array<[string, Omit<Row, 'method' | 'path' | 'as'>]> = [
      ['invalid JSON', { body: json('{"outcome": '), status: 400 }],
      ['JSON with a trailing comma', { body: json('{"a":1,}'), status: 400 }],
      ['JSON as text/plain', { body: json(JSON.stringify(valid()), 'text/plain'), status: 415 }],
      [
        'a form instead of JSON',
        { body: json('role=admin&name=x', 'application/x-www-form-urlencoded'), status: 415 },
      ],
      [
        'JSON in latin1',
        { body: json(JSON.stringify(valid()), 'application/json; charset=latin1'), status: 415 },
      ],
      ['null instead of an object', { body: json('null'), status: 400 }],
      ['a string instead of an object', { body: json('"text"'), status: 400 }],
      ['a number instead of an object', { body: json('42'), status: 400 }],
      ['an empty array instead of an object', { body: [], status: 400 }],
      ['an array of the valid body', { body: [valid()], status: 400, field: '0' }],
      ['an unknown top-level field', { body: { ...valid(), isAdmin: true }, status: 400, field: 'isAdmin' }],
      ['a __proto__ key', { body: withKey('__proto__'), status: 400, field: '__proto__' }],
      ['a constructor key', { body: withKey('constructor'), status: 400, field: 'constructor' }],
      ['a prototype key', { body: withKey('prototype'), status: 400, field: 'prototype' }],
      ['a toString key', { body: withKey('toString'), status: 400, field: 'toString' }],
      ['a hasOwnProperty key', { body: withKey('hasOwnProperty'), status: 400, field: 'hasOwnProperty' }],
      [
        'objects nested 5000 deep',
        { body: json(JSON.stringify(valid()).replace(/^\{/, `{"deep":${DEEP},`)), status: 400 },
      ],
      ['a body over the 256 kB limit', { body: { ...valid(), padding: 'x'.repeat(300_000) }, status: 413 }],
      ...(emptyIsValid
        ? []
        : ([['an empty body', { status: 400 }]] as Array<[string, Omit<Row, 'method' | 'path' | 'as'>]>)),
      ...(emptyIsValid
        ? []
        : ([['an empty object', { body: {}, status: 400 }]] as Array<
            [string, Omit<Row, 'method' | 'path' | 'as'>]
          >)),
    ];
    return rows.map(
      ([what, row]) => [`${name}: ${what}`, { method: 'post' as const, path, as, ...row }] as [string, Row],
    );
  });
}

const BAD_CHECK_DIGIT = OWNER_CREDIT_CODE.slice(0, 17) + (OWNER_CREDIT_CODE[17] === 'P' ? 'Q' : 'P');
const creditRecord = { list: 'cnipa-dishonesty', listedOn: '2025-01-10' };

function keyRows(): Array<[string, Row]> {
  const row = (body: unknown, field: string, status = 400): Row => ({
    method: 'post',
    path: () => '/keys',
    as: 'admin',
    body,
    status,
    field,
  });
  return [
    ['unknown role', row({ role: 'superuser', name: 'x' }, 'role')],
    ['no role', row({ name: 'x' }, 'role')],
    ['role as an array', row({ role: ['admin'], name: 'x' }, 'role')],
    ['empty name', row({ role: 'auditor', name: '' }, 'name')],
    ['name of 201 characters', row({ role: 'auditor', name: 'n'.repeat(201) }, 'name')],
    ['name as a number', row({ role: 'auditor', name: 7 }, 'name')],
    ['officer without a department', row({ role: 'officer', name: 'x' }, 'department')],
    [
      'reviewer with a malformed department',
      row({ role: 'reviewer', name: 'x', department: 'Not A Code' }, 'department'),
    ],
    [
      'officer of an unknown department',
      row({ role: 'officer', name: 'x', department: 'atlantis' }, 'department'),
    ],
    ['enterprise without a credit code', row({ role: 'enterprise', name: 'x' }, 'creditCode')],
    [
      'enterprise with a bad check digit',
      row({ role: 'enterprise', name: 'x', creditCode: BAD_CHECK_DIGIT }, 'creditCode'),
    ],
    [
      'enterprise with a lower-case credit code',
      row({ role: 'enterprise', name: 'x', creditCode: OWNER_CREDIT_CODE.toLowerCase() }, 'creditCode'),
    ],
    [
      'enterprise with a credit code of 17 characters',
      row({ role: 'enterprise', name: 'x', creditCode: OWNER_CREDIT_CODE.slice(0, 17) }, 'creditCode'),
    ],
  ].map(([name, r]) => [`POST /keys: ${name}`, r as Row]);
}

/** Envelope problems of POST /assessments and POST /evaluations (the applicant, type, title, department). */
function envelopeRows(): Array<[string, Row]> {
  const rows: Array<[string, Row]> = [];
  const endpoints = [
    {
      name: 'POST /assessments',
      path: '/assessments',
      valid: () => assessmentOf('talent-introduction') as Record<string, unknown>,
    },
    {
      name: 'POST /evaluations',
      path: '/evaluations',
      valid: () => evaluationBody('talent-introduction') as Record<string, unknown>,
    },
  ];
  for (const { name, path, valid } of endpoints) {
    const applicant = valid().applicant as Record<string, unknown>;
    const row = (change: Record<string, unknown>, field?: string, status = 400): Row => ({
      method: 'post',
      path: () => path,
      as: 'enterprise-owner',
      body: { ...valid(), ...change },
      status,
      field,
    });
    const cases: Array<[string, Row]> = [
      ['unknown type', row({ type: 'patent-trolling' }, 'type')],
      ['type as a number', row({ type: 3 }, 'type')],
      ['applicant null', row({ applicant: null }, 'applicant')],
      ['applicant as a string', row({ applicant: 'ACME' }, 'applicant')],
      ['applicant as an array', row({ applicant: [applicant] }, 'applicant')],
      [
        'applicant credit code with a bad check digit',
        row({ applicant: { ...applicant, creditCode: BAD_CHECK_DIGIT } }, 'applicant.creditCode'),
      ],
      ['applicant of an unknown kind', row({ applicant: { ...applicant, kind: 'alien' } }, 'applicant.kind')],
      ['unknown field in the applicant', row({ applicant: { ...applicant, vip: true } }, 'applicant.vip')],
      [
        'applicant name of 50 000 characters (150 kB)',
        row({ applicant: { ...applicant, name: '名'.repeat(50_000) } }, 'applicant.name'),
      ],
      [
        '51 credit records',
        row(
          { applicant: { ...applicant, creditRecords: Array(51).fill(creditRecord) } },
          'applicant.creditRecords',
        ),
      ],
      [
        'credit record listed on 2026-02-30',
        row(
          { applicant: { ...applicant, creditRecords: [{ ...creditRecord, listedOn: '2026-02-30' }] } },
          'applicant.creditRecords.0.listedOn',
        ),
      ],
      [
        'credit record on an unknown list',
        row(
          { applicant: { ...applicant, creditRecords: [{ ...creditRecord, list: 'naughty' }] } },
          'applicant.creditRecords.0.list',
        ),
      ],
      [
        'credit record on a ground outside the closed vocabulary',
        row(
          { applicant: { ...applicant, creditRecords: [{ ...creditRecord, ground: 'food-safety' }] } },
          'applicant.creditRecords.0.ground',
        ),
      ],
      [
        'unknown field in a credit record',
        row(
          { applicant: { ...applicant, creditRecords: [{ ...creditRecord, score: 1 }] } },
          'applicant.creditRecords.0.score',
        ),
      ],
      [
        '__proto__ in a credit record',
        {
          ...row({}),
          body: {
            raw: JSON.stringify({
              ...valid(),
              applicant: { ...applicant, creditRecords: [creditRecord] },
            }).replace('"list":', '"__proto__":{"isAdmin":true},"list":'),
          },
          field: 'applicant.creditRecords.0.__proto__',
        },
      ],
      ['no facts', row({ facts: undefined }, 'facts')],
      ['facts null', row({ facts: null }, 'facts')],
      ['facts as an array', row({ facts: [] }, 'facts')],
      ['facts as a string', row({ facts: 'see attachment' }, 'facts')],
      ['facts of another type', row({ facts: assessmentOf('trade-show').facts }, 'facts.exhibition')],
      [
        'the applicant inside the facts',
        row({ facts: { ...(valid().facts as object), applicant } }, 'facts.applicant'),
      ],
    ];
    if (path === '/evaluations') {
      cases.push(
        ['empty title', row({ title: '' }, 'title')],
        ['title of 301 characters', row({ title: 't'.repeat(301) }, 'title')],
        ['title of 200 000 characters', row({ title: 't'.repeat(200_000) }, 'title')],
        ['title as an object', row({ title: { zh: '标题' } }, 'title')],
        ['unknown competent department', row({ competentDepartment: 'atlantis' }, 'competentDepartment')],
        [
          'malformed competent department',
          row({ competentDepartment: 'NDRC; DROP TABLE evaluations' }, 'competentDepartment'),
        ],
        ['competent department as an array', row({ competentDepartment: ['hrss'] }, 'competentDepartment')],
      );
    }
    rows.push(...cases.map(([what, r]) => [`${name}: ${what}`, r] as [string, Row]));
  }
  return rows;
}

const DELETE = Symbol('delete');

/** A deep copy of `facts` with the value at `path` replaced (or removed). */
function withFact(facts: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(facts);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}

/** The wrong values for a fact of each kind, from its contract (rules/<type>/facts.json, a JSON Schema). */
function wrongValues(schema: JsonSchema, required: boolean): Array<[string, unknown]> {
  const common: Array<[string, unknown]> = required
    ? [
        ['missing', DELETE],
        ['null', null],
      ]
    : [];
  switch (factKindOf(schema)) {
    case 'boolean':
      return [...common, ['"true" as a string', 'true'], ['1 for true', 1]];
    case 'integer':
    case 'number':
      return [
        ...common,
        ['a numeric string', '12'],
        ['"NaN"', 'NaN'],
        ...(schema.type === 'integer' ? ([['a fraction', 1.5]] as Array<[string, unknown]>) : []),
        ['below its minimum', (schema.minimum ?? 0) - 1],
        ['1e15, above any bound', 1e15],
      ];
    case 'string':
      return [...common, ['empty', ''], ['5000 characters', 's'.repeat(5000)], ['a number', 42]];
    case 'date':
      return [
        ...common,
        ['2026-02-30', '2026-02-30'],
        ['month 13', '2026-13-01'],
        ['day-first', '30/06/2024'],
        ['with a time', '2026-02-28T00:00:00Z'],
        ['a number', 20260228],
      ];
    case 'country':
      return [...common, ['XX, no country', 'XX'], ['lower case', 'cn'], ['alpha-3', 'CHN']];
    case 'enum':
      return [
        ...common,
        ['an unknown value', 'bogus'],
        ['upper case', String(schema.enum![0]).toUpperCase()],
      ];
    case 'object':
      return [...common, ['a string', 'see attachment'], ['an array', []]];
    case 'array': {
      const items = schema.items!;
      const sample: Record<string, [unknown, unknown]> = {
        country: ['CN', 'XX'],
        date: ['2025-11-03', '2025-02-30'],
      };
      const [item, bad] = sample[factKindOf(items) ?? ''] ?? [items.enum?.[0], 'bogus'];
      return [
        ...common,
        ['a single value, not a list', item],
        [`${(schema.maxItems ?? 50) + 1} items`, Array((schema.maxItems ?? 50) + 1).fill(item)],
        ['an invalid item', [item, bad]],
      ];
    }
    default:
      throw new Error(`no wrong values for ${JSON.stringify(schema)}`);
  }
}

/** The facts of every type, field by field, broken every way their kind can be (POST /evaluations). */
function factRows(): Array<[string, Row]> {
  const rows: Array<[string, Row]> = [];
  for (const type of ACTIVITY_TYPES) {
    const contract = JSON.parse(
      readFileSync(join(REPO_ROOT, 'rules', type, 'facts.json'), 'utf8'),
    ) as JsonSchema;
    const base = evaluationBody(type);
    const visit = (object: JsonSchema, path: string[]) => {
      const required = new Set(object.required ?? []);
      for (const [name, spec] of Object.entries(object.properties ?? {})) {
        const at = [...path, name];
        const field = ['facts', ...at].join('.');
        for (const [what, value] of wrongValues(spec, required.has(name))) {
          // A list is at fault at the item that is wrong; anything else at the field itself.
          const atFault = what === 'an invalid item' ? `${field}.1` : field;
          rows.push([
            `POST /evaluations ${type}: ${field} ${what}`,
            {
              method: 'post',
              path: () => '/evaluations',
              as: 'enterprise-owner',
              body: { ...base, facts: withFact(base.facts, at, value) },
              status: 400,
              field: atFault,
            },
          ]);
        }
        if (factKindOf(spec) === 'object') {
          rows.push([
            `POST /evaluations ${type}: unknown field inside ${field}`,
            {
              method: 'post',
              path: () => '/evaluations',
              as: 'enterprise-owner',
              body: { ...base, facts: withFact(base.facts, [...at, 'bogus'], 1) },
              status: 400,
              field: `${field}.bogus`,
            },
          ]);
          visit(spec, at);
        }
      }
    };
    visit(contract, []);
    rows.push([
      `POST /evaluations ${type}: unknown top-level fact`,
      {
        method: 'post',
        path: () => '/evaluations',
        as: 'enterprise-owner',
        body: { ...base, facts: { ...base.facts, riskAppetite: 'high' } },
        status: 400,
        field: 'facts.riskAppetite',
      },
    ]);
    rows.push([
      `POST /assessments ${type}: unknown top-level fact`,
      {
        method: 'post',
        path: () => '/assessments',
        as: 'enterprise-owner',
        body: { ...assessmentOf(type), facts: { ...base.facts, riskAppetite: 'high' } },
        status: 400,
        field: 'facts.riskAppetite',
      },
    ]);
  }
  return rows;
}

function resubmitRows(): Array<[string, Row]> {
  const facts = talentFacts().facts;
  const row = (body: unknown, field?: string): Row => ({
    method: 'post',
    path: () => `/evaluations/${supplementCase.id}/resubmit`,
    as: 'enterprise-owner',
    body,
    status: 400,
    field,
  });
  return [
    ['no facts', row({}, 'facts')],
    ['facts null', row({ facts: null }, 'facts')],
    ['facts as an array', row({ facts: [facts] }, 'facts')],
    ['facts as a string', row({ facts: 'as before' }, 'facts')],
    ['an unknown fact', row({ facts: { ...facts, bogus: 1 } }, 'facts.bogus')],
    [
      'an unknown field nested in a fact',
      row({ facts: withFact(facts, ['candidate', 'nickname'], 'x') }, 'facts.candidate.nickname'),
    ],
    [
      'a flag as a string',
      row({ facts: { ...facts, laborContractTerminated: 'yes' } }, 'facts.laborContractTerminated'),
    ],
    ['departed on 2026-02-30', row({ facts: { ...facts, departedOn: '2026-02-30' } }, 'facts.departedOn')],
    [
      'a filing date that is no date',
      row(
        { facts: { ...facts, relatedApplicationFilingDates: ['2025-11-03', '2025-13-01'] } },
        'facts.relatedApplicationFilingDates.1',
      ),
    ],
    [
      'a count out of range',
      row({ facts: { ...facts, applicationsSinceDeparture: -3 } }, 'facts.applicationsSinceDeparture'),
    ],
    [
      'an unknown ISO country',
      row({ facts: withFact(facts, ['formerEmployer', 'country'], 'QQ') }, 'facts.formerEmployer.country'),
    ],
    [
      'an unknown enum value',
      row({ facts: withFact(facts, ['candidate', 'role'], 'wizard') }, 'facts.candidate.role'),
    ],
    [
      'the applicant smuggled into the facts',
      row({ facts: { ...facts, applicant: { creditCode: '91440300MA5F3QW28M' } } }, 'facts.applicant'),
    ],
    [
      'a __proto__ key in the facts',
      row(
        {
          raw: JSON.stringify({ facts }).replace('"candidate":', '"__proto__":{"isAdmin":true},"candidate":'),
        },
        'facts.__proto__',
      ),
    ],
    ['a type beside the facts', row({ type: 'trade-show', facts }, 'type')],
  ].map(([what, r]) => [`POST /evaluations/:id/resubmit: ${what}`, r as Row]);
}

function withdrawRows(): Array<[string, Row]> {
  const row = (body: unknown, field: string): Row => ({
    method: 'post',
    path: () => `/evaluations/${openCase.id}/withdraw`,
    as: 'enterprise-owner',
    body,
    status: 400,
    field,
  });
  return [
    ['reason as a number', row({ reason: 42 }, 'reason')],
    ['reason as an object', row({ reason: { zh: '取消' } }, 'reason')],
    ['reason of 2001 characters', row({ reason: 'r'.repeat(2001) }, 'reason')],
    ['a state to jump to', row({ reason: 'x', state: 'archived' }, 'state')],
  ].map(([what, r]) => [`POST /evaluations/:id/withdraw: ${what}`, r as Row]);
}

function completeRows(): Array<[string, Row]> {
  const row = (body: unknown, status: number, field?: string, code?: string): Row => ({
    method: 'post',
    path: () => `/tasks/${onlyOpenTask(openCase).id}/complete`,
    as: 'reviewer-task-dept',
    body,
    status,
    field,
    code,
  });
  return [
    ['no outcome', row({ comment: 'x' }, 400, 'outcome')],
    ['outcome as a number', row({ outcome: 1 }, 400, 'outcome')],
    ['empty outcome', row({ outcome: '' }, 400, 'outcome')],
    ['outcome of 41 characters', row({ outcome: 'a'.repeat(41) }, 400, 'outcome')],
    [
      'an outcome the task does not offer',
      row({ outcome: 'approve' }, 409, undefined, 'workflow.outcome-not-allowed'),
    ],
    ['an unknown outcome', row({ outcome: 'bogus' }, 409, undefined, 'workflow.outcome-not-allowed')],
    ['a return without a comment', row({ outcome: 'return' }, 409, undefined, 'workflow.comment-required')],
    ['comment of 2001 characters', row({ outcome: 'return', comment: 'c'.repeat(2001) }, 400, 'comment')],
    ['conditions as a string', row({ outcome: 'accept', conditions: 'none' }, 400, 'conditions')],
    ['21 conditions', row({ outcome: 'accept', conditions: Array(21).fill('条件') }, 400, 'conditions')],
    ['an empty condition', row({ outcome: 'accept', conditions: [''] }, 400, 'conditions')],
    ['a condition as a number', row({ outcome: 'accept', conditions: [1] }, 400, 'conditions')],
    ['empty override reason', row({ outcome: 'accept', overrideReason: '' }, 400, 'overrideReason')],
    ['who completed it', row({ outcome: 'accept', completedBy: 'someone-else' }, 400, 'completedBy')],
  ].map(([what, r]) => [`POST /tasks/:id/complete: ${what}`, r as Row]);
}

function queryRows(): Array<[string, Row]> {
  const list = (query: string, field?: string): Row => ({
    method: 'get',
    path: () => `/evaluations?${query}`,
    as: 'officer-competent',
    status: 400,
    field,
  });
  const inbox = (query: string, field?: string): Row => ({
    method: 'get',
    path: () => `/tasks?${query}`,
    as: 'reviewer-task-dept',
    status: 400,
    field,
  });
  return [
    ['GET /evaluations?type=patent-trolling', list('type=patent-trolling', 'type')],
    ['GET /evaluations?type twice', list('type=trade-show&type=major-project', 'type')],
    ['GET /evaluations?status=pending', list('status=pending', 'status')],
    ['GET /evaluations?level=extreme', list('level=extreme', 'level')],
    ['GET /evaluations?state of 41 characters', list(`state=${'s'.repeat(41)}`, 'state')],
    ['GET /evaluations?page=0', list('page=0', 'page')],
    ['GET /evaluations?page=-1', list('page=-1', 'page')],
    ['GET /evaluations?page=1.5', list('page=1.5', 'page')],
    ['GET /evaluations?page=abc', list('page=abc', 'page')],
    ['GET /evaluations?page=NaN', list('page=NaN', 'page')],
    ['GET /evaluations?page=Infinity', list('page=Infinity', 'page')],
    ['GET /evaluations?page=1e400', list('page=1e400', 'page')],
    ['GET /evaluations?page=99999999999999999999', list('page=99999999999999999999', 'page')],
    ['GET /evaluations?page= (empty)', list('page=', 'page')],
    ['GET /evaluations?page twice', list('page=1&page=2', 'page')],
    ['GET /evaluations?pageSize=101', list('pageSize=101', 'pageSize')],
    ['GET /evaluations?pageSize=0', list('pageSize=0', 'pageSize')],
    ['GET /evaluations?an unknown parameter', list('sort=title', 'sort')],
    ['GET /evaluations?__proto__', list('__proto__=1', '__proto__')],
    ['GET /evaluations?constructor', list('constructor=1', 'constructor')],
    ['GET /evaluations?type[a]=1', list('type[a]=1')],
    ['GET /tasks?status=closed', inbox('status=closed', 'status')],
    ['GET /tasks?status twice', inbox('status=open&status=done', 'status')],
    ['GET /tasks?an unknown parameter', inbox('department=hrss', 'department')],
    ['GET /tasks?__proto__', inbox('__proto__=1', '__proto__')],
  ];
}

/** Every route with an id: a non-UUID is a 400 naming `id`; an unknown UUID a 404. */
function pathIdRows(): Array<[string, Row]> {
  const routes: Array<{
    name: string;
    method: Row['method'];
    path: (id: string) => string;
    as: Persona;
    body?: () => unknown;
    notFound: string;
  }> = [
    {
      name: 'GET /evaluations/:id',
      method: 'get',
      path: (id) => `/evaluations/${id}`,
      as: 'enterprise-owner',
      notFound: 'case.not-found',
    },
    {
      name: 'GET /evaluations/:id/trail',
      method: 'get',
      path: (id) => `/evaluations/${id}/trail`,
      as: 'enterprise-owner',
      notFound: 'case.not-found',
    },
    {
      name: 'POST /evaluations/:id/withdraw',
      method: 'post',
      path: (id) => `/evaluations/${id}/withdraw`,
      as: 'enterprise-owner',
      body: () => VALID_WITHDRAWAL,
      notFound: 'case.not-found',
    },
    {
      name: 'POST /evaluations/:id/resubmit',
      method: 'post',
      path: (id) => `/evaluations/${id}/resubmit`,
      as: 'enterprise-owner',
      body: validResubmission,
      notFound: 'case.not-found',
    },
    {
      name: 'POST /tasks/:id/complete',
      method: 'post',
      path: (id) => `/tasks/${id}/complete`,
      as: 'reviewer-task-dept',
      body: () => VALID_COMPLETION,
      notFound: 'resource.not-found',
    },
    {
      name: 'GET /assessments/:id',
      method: 'get',
      path: (id) => `/assessments/${id}`,
      as: 'enterprise-owner',
      notFound: 'resource.not-found',
    },
    {
      name: 'DELETE /keys/:id',
      method: 'delete',
      path: (id) => `/keys/${id}`,
      as: 'admin',
      notFound: 'resource.not-found',
    },
  ];
  const badIds: Array<[string, string, string | undefined]> = [
    ['a word', 'not-a-uuid', 'id'],
    ['a number', '123', 'id'],
    ['a UUID with a tail', `${randomUUID()}x`, 'id'],
    ['a UUID without hyphens', randomUUID().replace(/-/g, ''), 'id'],
    ['SQL', encodeURIComponent("1' OR '1'='1"), 'id'],
    ['broken percent-encoding', '%E0%A4%A', undefined],
  ];
  return routes.flatMap(({ name, method, path, as, body, notFound }) => [
    ...badIds.map(
      ([what, id, field]) =>
        [`${name}: id ${what}`, { method, path: () => path(id), as, body: body?.(), status: 400, field }] as [
          string,
          Row,
        ],
    ),
    [
      `${name}: an unknown UUID`,
      { method, path: () => path(randomUUID()), as, body: body?.(), status: 404, code: notFound },
    ] as [string, Row],
  ]);
}

const ROWS: Array<[string, Row]> = [
  ...bodyShapeRows(),
  ...keyRows(),
  ...envelopeRows(),
  ...factRows(),
  ...resubmitRows(),
  ...withdrawRows(),
  ...completeRows(),
  ...queryRows(),
  ...pathIdRows(),
  [
    'GET /definitions/:type: unknown type',
    { method: 'get', path: () => '/definitions/patent-trolling', as: 'auditor', status: 404, field: 'type' },
  ],
  [
    'GET /definitions/:type: __proto__',
    { method: 'get', path: () => '/definitions/__proto__', as: 'auditor', status: 404, field: 'type' },
  ],
];

let before: Record<string, number>;

beforeAll(async () => {
  t = await startTestApp();
  world = await buildWorld(t);
  openCase = await submitCase(world);
  supplementCase = await returnedCase(world);
  before = await countRows(t);
});

afterAll(() => t?.close());

describe('malformed input: a 4xx problem+json naming the field, and nothing written', () => {
  it.each(ROWS)('%s', async (_name, row) => {
    const rowsBefore = await countRows(t);
    let req = t.http[row.method](`/api/v1${row.path()}`);
    const header = world.header[row.as];
    if (header) req = req.set('Authorization', header);
    if (isRaw(row.body))
      req = req.set('Content-Type', row.body.contentType ?? 'application/json').send(row.body.raw);
    else if (row.body !== undefined) req = req.send(row.body as object);
    const res = await req;

    expectProblem(res, row.status);
    if (row.field !== undefined) {
      const fields = ((res.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
      expect(fields).toContain(row.field);
    }
    if (row.code) expect(res.body.code).toBe(row.code);
    expect(await countRows(t)).toEqual(rowsBefore);
  });

  it('wrote no row anywhere during the sweep, and polluted no prototype', async () => {
    expect(await countRows(t)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('controls: the requests the sweep breaks are accepted as they are', () => {
  it.each(ACTIVITY_TYPES)('POST /evaluations and POST /assessments with the %s fixture', async (type) => {
    expectStatus(
      await send(t, 'post', '/evaluations', world.header['enterprise-owner'], evaluationBody(type)),
      201,
    );
    expectStatus(
      await send(t, 'post', '/assessments', world.header['enterprise-owner'], assessmentOf(type)),
      201,
    );
  });

  it('POST /keys, resubmit, complete and withdraw', async () => {
    expectStatus(await send(t, 'post', '/keys', world.header.admin, VALID_KEY), 201);
    expectStatus(
      await send(
        t,
        'post',
        `/evaluations/${supplementCase.id}/resubmit`,
        world.header['enterprise-owner'],
        validResubmission(),
      ),
      200,
    );
    expectStatus(
      await send(
        t,
        'post',
        `/tasks/${onlyOpenTask(openCase).id}/complete`,
        world.header['reviewer-task-dept'],
        VALID_COMPLETION,
      ),
      200,
    );
    expectStatus(
      await send(
        t,
        'post',
        `/evaluations/${openCase.id}/withdraw`,
        world.header['enterprise-owner'],
        VALID_WITHDRAWAL,
      ),
      200,
    );
    expect(await countRows(t)).not.toEqual(before);
  });
});
