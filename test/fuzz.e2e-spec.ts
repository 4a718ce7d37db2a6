/**
 * Fuzzing every endpoint with fast-check: thousands of random and malformed requests (methods, paths with
 * real and random ids, query strings, headers including Authorization, bodies that are arbitrary JSON,
 * broken JSON or a valid body of the endpoint with random mutations) from every kind of caller. For each
 * request:
 * - no 5xx, ever;
 * - every error is RFC 9457 application/problem+json whose `status` is the HTTP status;
 * - a rejected request (4xx) changed no stored data: the row contents of every table hash the same before
 *   and after it. Accepted requests may write (a mutated body can still be valid); the baseline then moves.
 *
 * The seed is fixed, so a failure reproduces; fast-check shrinks it to a small counterexample.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { ACTIVITY_TYPES } from './support/activity-types';
import { type ActivityType } from '../src/definitions/definition.types';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import { factFixture } from './support/fact-fixtures';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

// 2,500 requests through every check (signing, rate-limit counters, per-request stored-data comparison): minutes
// on a shared 2-core machine. A time budget for the run, not an assertion about speed.
jest.setTimeout(420_000);

const SEED = 20251125;
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const API = '/api/v1';
const COMPETENT: Record<ActivityType, string> = {
  'major-project': 'ndrc',
  'talent-introduction': 'hrss',
  'trade-show': 'commerce',
  'technology-trade': 'commerce',
};

let t: TestApp;
let tables: string[];
const headers: string[] = []; // Authorization values of real keys, every role
const ids: string[] = []; // ids that exist: cases, tasks, an assessment, keys
const validBodies: Record<string, unknown>[] = [];

function evaluationBody(type: ActivityType, title = `fuzz ${type}`) {
  const { applicant, ...facts } = factFixture(`${type}.low`);
  return { type, title, applicant, competentDepartment: COMPETENT[type], facts };
}

async function must(res: Promise<Response> | Response, status: number): Promise<Response> {
  const r = await res;
  if (r.status !== status) throw new Error(`setup: expected ${status}, got ${r.status}: ${r.text}`);
  return r;
}

beforeAll(async () => {
  t = await startTestApp({ env: { IPR_RATE_LIMIT_PER_MINUTE: '10000000' } });
  const admin = `Bearer ${TEST_ADMIN_KEY}`;
  const issue = async (body: object) =>
    (
      await must(
        t.http
          .post(`${API}/keys`)
          .set('Authorization', admin)
          .send({ name: 'fuzz', ...body }),
        201,
      )
    ).body as { id: string; key: string };
  const creditCode = factFixture('trade-show.low').applicant.creditCode;
  const keys = {
    officer: await issue({ role: 'officer', department: 'commerce' }),
    enterprise: await issue({ role: 'enterprise', creditCode }),
    reviewer: await issue({ role: 'reviewer', department: 'ipo' }),
    auditor: await issue({ role: 'auditor' }),
  };
  headers.push(admin, ...Object.values(keys).map((k) => `Bearer ${k.key}`));
  ids.push(...Object.values(keys).map((k) => k.id));
  for (const type of ['trade-show', 'technology-trade'] as const) {
    const view = (
      await must(
        t.http
          .post(`${API}/evaluations`)
          .set('Authorization', `Bearer ${keys.officer.key}`)
          .send(evaluationBody(type)),
        201,
      )
    ).body as EvaluationView;
    ids.push(view.id, ...view.tasks.map((task) => task.id));
  }
  const { applicant, ...facts } = factFixture('trade-show.low');
  const assessment = await must(
    t.http
      .post(`${API}/assessments`)
      .set('Authorization', `Bearer ${keys.enterprise.key}`)
      .send({ type: 'trade-show', applicant, facts }),
    201,
  );
  ids.push(assessment.body.id);

  validBodies.push(
    ...ACTIVITY_TYPES.map((type) => evaluationBody(type)),
    { type: 'trade-show', applicant, facts },
    { facts },
    { outcome: 'accept' },
    { outcome: 'return', comment: 'missing documents' },
    { outcome: 'pass-with-conditions', conditions: ['an FTO opinion'], overrideReason: 'checked' },
    { reason: 'withdrawn by the applicant' },
    { role: 'officer', name: 'fuzz key', department: 'hrss' },
    { role: 'enterprise', name: 'fuzz key', creditCode },
  );
  tables = await tableNames();
});

afterAll(async () => {
  await t?.close();
});

async function tableNames(): Promise<string[]> {
  const ds = t.app.get(DataSource);
  const rows: { name: string }[] =
    t.database === 'postgres'
      ? await ds.query(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
        )
      : await ds.query(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`,
        );
  // The rate-limit counters (PostgreSQL) count every request, refused or not: bookkeeping, not stored data.
  return rows.map((r) => r.name).filter((name) => name !== 'rate_limit_windows');
}

/** A hash of every row of every table: equal hashes, equal stored data. */
async function dataHash(): Promise<string> {
  const ds = t.app.get(DataSource);
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows: Record<string, unknown>[] = await ds.query(`SELECT * FROM "${table}"`);
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .sort()
            .map((k) => [k, row[k]]),
        ),
      )
      .sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}

// ---- arbitraries ------------------------------------------------------------------------------------

const ROUTES = [
  '/keys',
  '/keys/:id',
  '/departments',
  '/definitions',
  '/definitions/:type',
  '/assessments',
  '/assessments/:id',
  '/evaluations',
  '/evaluations/:id',
  '/evaluations/:id/withdraw',
  '/evaluations/:id/resubmit',
  '/evaluations/:id/trail',
  '/evaluations/:id/replay',
  '/evaluations/:id/export',
  '/tasks',
  '/tasks/:id/complete',
  '/notifications',
  '/audit/head',
  '/audit/verify',
  '/audit/export',
  '/audit/events',
  '/health',
];

const nasty = fc.constantFrom(
  '',
  ' ',
  '..',
  '%',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '<script>',
  '\u0000',
  '😀',
  'ü',
  '-1',
  '1e999',
  'NaN',
);
const idArb = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: nasty },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom(...ACTIVITY_TYPES) },
  );
const pathArb = () =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(fc.constantFrom(...ROUTES), idArb())
        .map(([route, id]) => route.replace(/:id|:type/, encodeURIComponent(id))),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(
          fc.oneof(
            fc.constantFrom('evaluations', 'tasks', 'keys', 'audit', 'complete', 'trail'),
            nasty,
            fc.string({ maxLength: 12 }),
          ),
          { maxLength: 5 },
        )
        .map((segments) => `/${segments.map(encodeURIComponent).join('/')}`),
    },
  );
const queryValue = fc.oneof(
  fc.constantFrom(
    'open',
    'done',
    'closed',
    'true',
    'false',
    'low',
    'critical',
    'intake',
    'trade-show',
    '0',
    '1',
    '100000',
    '-5',
    '2.5',
    '2026-03-02',
    '[]',
    '{}',
  ),
  nasty,
  fc.string({ maxLength: 20 }),
);
const queryArb = fc.option(
  fc.dictionary(
    fc.constantFrom(
      'type',
      'state',
      'status',
      'level',
      'page',
      'pageSize',
      'overdue',
      'caseId',
      'from',
      'to',
      'action',
      'limit',
      'x',
      '__proto__',
      'a[b]',
    ),
    queryValue,
    { maxKeys: 4 },
  ),
  { nil: undefined },
);
const authArb = () =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...headers) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Basic YWRtaW46YWRtaW4=',
          `bearer ${TEST_ADMIN_KEY}x`,
          `Bearer  ${TEST_ADMIN_KEY} extra`,
          'Bearer ipr_',
          `Bearer ${'a'.repeat(300)}`,
        ),
        fc
          .string({ unit: fc.constantFrom(...'abcXYZ019_-+/=. '.split('')), maxLength: 60 })
          .map((s) => `Bearer ${s}`),
      ),
    },
  );

type Mutation = { path: (string | number)[]; op: 'delete' | 'set' | 'add'; value: unknown; key: string };

/** Applies mutations to a deep copy of a valid body: fields removed, replaced by arbitrary values, added. */
function mutate(body: unknown, mutations: Mutation[]): unknown {
  let copy = structuredClone(body);
  for (const m of mutations) {
    const containers: {
      parent: Record<string | number, unknown> | null;
      key: string | number;
      node: unknown;
    }[] = [];
    const walk = (node: unknown, parent: Record<string | number, unknown> | null, key: string | number) => {
      containers.push({ parent, key, node });
      if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node))
          walk(v, node as Record<string, unknown>, Array.isArray(node) ? Number(k) : k);
    };
    walk(copy, null, '');
    const pick = containers[Math.abs(hashOf(m.path)) % containers.length];
    const value = structuredClone(m.value); // a private copy: arbitraries share constants, and an object added into itself would loop
    if (m.op === 'add' && pick.node && typeof pick.node === 'object')
      (pick.node as Record<string, unknown>)[m.key] = value;
    else if (m.op === 'delete' && pick.parent) {
      if (Array.isArray(pick.parent)) pick.parent.splice(Number(pick.key), 1);
      else delete pick.parent[pick.key];
    } else if (pick.parent) pick.parent[pick.key] = value;
    else copy = value;
  }
  return copy;
}

function hashOf(path: (string | number)[]): number {
  let h = 0;
  for (const c of JSON.stringify(path)) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    '',
    0,
    -1,
    1e308,
    true,
    [],
    {},
    '2026-02-30',
    'ZZ',
    'x'.repeat(5000),
    JSON.parse('{"__proto__":{"admin":true}}') as unknown,
  ),
);
const mutationArb = fc.record({
  path: fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.nat(20)), { maxLength: 4 }),
  op: fc.constantFrom('delete', 'set', 'add') as fc.Arbitrary<Mutation['op']>,
  value: jsonish,
  key: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'role', 'id', 'version'),
    fc.string({ maxLength: 8 }),
  ),
});
const bodyArb = () =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 3, arbitrary: jsonish.map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.constantFrom(...validBodies), fc.array(mutationArb, { minLength: 0, maxLength: 4 }))
        .map(([valid, mutations]) => ({ kind: 'json' as const, value: mutate(valid, mutations) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            '{',
            '{"type":',
            '[1,2',
            '{"a":1}}',
            'null',
            '"text"',
            '\u0000',
            '{"__proto__":{"x":1}}',
            '<xml/>',
          ),
          fc.string({ maxLength: 80 }),
        )
        .map((raw) => ({ kind: 'raw' as const, raw })),
    },
  );
const contentTypeArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/problem+json',
      undefined,
      'application/json; charset=latin1',
    ),
  },
);

/** A request aimed at one endpoint: its method and route, a body made for it (often mutated), any caller. */
const ENDPOINTS: { method: string; route: string; bodies: () => unknown[] }[] = [
  { method: 'post', route: '/evaluations', bodies: () => ACTIVITY_TYPES.map((type) => evaluationBody(type)) },
  {
    method: 'post',
    route: '/assessments',
    bodies: () => validBodies.filter((b) => 'applicant' in b && !('title' in b)),
  },
  { method: 'post', route: '/keys', bodies: () => validBodies.filter((b) => 'role' in b) },
  { method: 'post', route: '/tasks/:id/complete', bodies: () => validBodies.filter((b) => 'outcome' in b) },
  { method: 'post', route: '/evaluations/:id/withdraw', bodies: () => [{ reason: 'fuzz' }, {}] },
  {
    method: 'post',
    route: '/evaluations/:id/resubmit',
    bodies: () => validBodies.filter((b) => Object.keys(b).join() === 'facts'),
  },
  { method: 'post', route: '/evaluations/:id/replay', bodies: () => [{}] },
  { method: 'delete', route: '/keys/:id', bodies: () => [undefined] },
  ...ROUTES.map((route) => ({ method: 'get', route, bodies: () => [undefined] })),
];

const aimedRequestArb = () =>
  fc
    .record({
      endpoint: fc.constantFrom(...ENDPOINTS),
      id: idArb(),
      query: queryArb,
      auth: authArb(),
      pickBody: fc.nat(),
      mutations: fc.oneof(
        { weight: 1, arbitrary: fc.constant([] as Mutation[]) },
        { weight: 4, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) },
      ),
    })
    .map(({ endpoint, id, query, auth, pickBody, mutations }) => {
      const bodies = endpoint.bodies();
      const valid = bodies[pickBody % bodies.length];
      return {
        method: endpoint.method,
        path: endpoint.route.replace(/:id|:type/, encodeURIComponent(id)),
        query,
        auth,
        contentType: 'application/json' as string | undefined,
        body:
          valid === undefined
            ? ({ kind: 'none' } as const)
            : ({ kind: 'json', value: mutate(valid, mutations) } as const),
        forwardedFor: undefined as string | undefined,
      };
    });

const requestArb = (): fc.Arbitrary<FuzzRequest> => fc.oneof(chaoticRequestArb(), aimedRequestArb());

const chaoticRequestArb = () =>
  fc.record({
    method: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('get', 'post') },
      { weight: 1, arbitrary: fc.constantFrom('delete', 'put', 'patch') },
    ),
    path: pathArb(),
    query: queryArb,
    auth: authArb(),
    contentType: contentTypeArb,
    body: bodyArb(),
    forwardedFor: fc.option(fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1'), { nil: undefined }),
  });

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; raw: string };

interface FuzzRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  auth?: string;
  contentType?: string;
  body: Body;
  forwardedFor?: string;
}

async function send(r: FuzzRequest): Promise<Response> {
  const url = `${API}${r.path}`;
  let req = t.http[r.method as 'get'](url);
  if (r.query) req = req.query(new URLSearchParams(Object.entries(r.query)).toString());
  if (r.auth !== undefined) req = req.set('Authorization', r.auth);
  if (r.forwardedFor) req = req.set('X-Forwarded-For', r.forwardedFor);
  if (r.body.kind === 'none') return req;
  req = req.set('Content-Type', r.contentType ?? 'application/json');
  return req.send(r.body.kind === 'raw' ? r.body.raw : (JSON.stringify(r.body.value) ?? 'null'));
}

describe(`fuzzing every endpoint (${RUNS} requests, seed ${SEED})`, () => {
  it('never answers 5xx, answers every error as problem+json, and rejected requests change nothing', async () => {
    let baseline = await dataHash();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArb(), async (r: FuzzRequest) => {
        const res = await send(r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${r.method.toUpperCase()} ${r.path} -> ${res.status} ${res.text.slice(0, 300)}`;
        if (res.status >= 500) throw new Error(`5xx: ${where}`);
        const after = await dataHash();
        if (res.status >= 400) {
          if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
            throw new Error(`not problem+json: ${where}`);
          const problem = JSON.parse(res.text) as { status?: unknown; type?: unknown; title?: unknown };
          if (
            problem.status !== res.status ||
            typeof problem.type !== 'string' ||
            typeof problem.title !== 'string'
          )
            throw new Error(`bad problem: ${where}`);
          if (after !== baseline) throw new Error(`a rejected request changed stored data: ${where}`);
        }
        baseline = after;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    // The run must have reached past the guard and the validation: some requests are accepted, many refused.
    const count = (test: (status: number) => boolean) =>
      [...statuses].filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0);
    expect(count((s) => s >= 200 && s < 300)).toBeGreaterThan(RUNS / 50);
    expect(count((s) => s === 400)).toBeGreaterThan(RUNS / 20);
    expect(count((s) => s === 401)).toBeGreaterThan(0);
    expect(count((s) => s === 404)).toBeGreaterThan(0);
  });
});
