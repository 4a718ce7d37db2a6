/**
 * Who may do what (docs/architecture.md invariant 7), over real HTTP: every endpoint against every kind of caller,
 * the expected status written out in one table. Each row that can change something gets fresh resources,
 * so rows are independent; every refused row must also have written nothing, and every allowed write must
 * have left an audit event.
 */
import { DataSource } from 'typeorm';
import { ACCESS_ACTIONS } from '../src/evaluations/case-reads';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import {
  ADMIN,
  assessmentBody,
  auditActionsAfter,
  bearer,
  buildWorld,
  caseBody,
  COMPETENT_DEPARTMENT,
  INTAKE_DEPARTMENT,
  countRows,
  expectProblem,
  expectStatus,
  issueKey,
  lastAuditSeq,
  onlyOpenTask,
  OTHER_CREDIT_CODE,
  majorProjectBody,
  OWNER_CREDIT_CODE,
  Persona,
  PERSONAS,
  returnedCase,
  send,
  submitCase,
  talentFacts,
  UNRELATED_DEPARTMENT,
  type World,
} from './support/authz-world';
import { startTestApp, type TestApp } from './support/test-app';

type Method = 'get' | 'post' | 'delete';
interface Call {
  method: Method;
  path: string;
  body?: unknown;
}

/** A mark refused callers must never see in a response: the shared case's title. */
const CASE_TITLE = 'AUTHZ-SHARED-CASE 保密标题';

let t: TestApp;
let world: World;
let sharedCase: EvaluationView;
let sharedAssessmentId: string;

/**
 * How to call each endpoint. Endpoints that change something (`writes`) get a fresh case, task or key per
 * row; reads share one case (submitted by the owning enterprise, competent department hrss, intake task at
 * the IP office) and one assessment (requested by the competent officer for the owner's credit code).
 */
const ENDPOINTS: Record<string, { writes: boolean; call: () => Promise<Call> }> = {
  'GET /health': { writes: false, call: async () => ({ method: 'get', path: '/health' }) },
  'GET /departments': { writes: false, call: async () => ({ method: 'get', path: '/departments' }) },
  'GET /definitions': { writes: false, call: async () => ({ method: 'get', path: '/definitions' }) },
  'GET /vocabulary': { writes: false, call: async () => ({ method: 'get', path: '/vocabulary' }) },
  'GET /definitions/:type': {
    writes: false,
    call: async () => ({ method: 'get', path: '/definitions/talent-introduction' }),
  },
  'POST /keys': {
    writes: true,
    call: async () => ({ method: 'post', path: '/keys', body: { role: 'auditor', name: 'matrix auditor' } }),
  },
  'DELETE /keys/:id': {
    writes: true,
    call: async () => ({ method: 'delete', path: `/keys/${(await issueKey(t, { role: 'auditor' })).id}` }),
  },
  'POST /assessments': {
    writes: true,
    call: async () => ({ method: 'post', path: '/assessments', body: assessmentBody(OWNER_CREDIT_CODE) }),
  },
  'GET /assessments/:id': {
    writes: false,
    call: async () => ({ method: 'get', path: `/assessments/${sharedAssessmentId}` }),
  },
  'POST /evaluations': {
    writes: true,
    call: async () => ({ method: 'post', path: '/evaluations', body: caseBody() }),
  },
  'GET /evaluations': { writes: false, call: async () => ({ method: 'get', path: '/evaluations' }) },
  'GET /evaluations/:id': {
    writes: false,
    call: async () => ({ method: 'get', path: `/evaluations/${sharedCase.id}` }),
  },
  'GET /evaluations/:id/trail': {
    writes: false,
    call: async () => ({ method: 'get', path: `/evaluations/${sharedCase.id}/trail` }),
  },
  'POST /evaluations/:id/withdraw': {
    writes: true,
    call: async () => ({
      method: 'post',
      path: `/evaluations/${(await submitCase(world)).id}/withdraw`,
      body: { reason: '项目取消' },
    }),
  },
  'POST /evaluations/:id/resubmit': {
    writes: true,
    call: async () => ({
      method: 'post',
      path: `/evaluations/${(await returnedCase(world)).id}/resubmit`,
      body: { facts: talentFacts().facts },
    }),
  },
  'GET /assessments': { writes: false, call: async () => ({ method: 'get', path: '/assessments' }) },
  'GET /tasks': { writes: false, call: async () => ({ method: 'get', path: '/tasks' }) },
  'POST /tasks/:id/complete': {
    writes: true,
    call: async () => ({
      method: 'post',
      path: `/tasks/${onlyOpenTask(await submitCase(world)).id}/complete`,
      body: { outcome: 'accept' },
    }),
  },
};

// prettier-ignore
const MATRIX: Array<[endpoint: keyof typeof ENDPOINTS, statuses: number[]]> = [
  //                                  admin  off   off   ent   ent   rev   rev   audi  no    revo  malf
  //                                         comp  other own   other task  unrel tor   key   ked   ormed
  ['GET /health',                    [200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200]],
  ['GET /departments',               [200,  200,  200,  200,  200,  200,  200,  200,  401,  401,  401]],
  ['GET /definitions',               [200,  200,  200,  200,  200,  200,  200,  200,  401,  401,  401]],
  ['GET /vocabulary',                [200,  200,  200,  200,  200,  200,  200,  200,  401,  401,  401]],
  ['GET /definitions/:type',         [200,  200,  200,  200,  200,  200,  200,  200,  401,  401,  401]],
  ['POST /keys',                     [201,  403,  403,  403,  403,  403,  403,  403,  401,  401,  401]],
  ['DELETE /keys/:id',               [204,  403,  403,  403,  403,  403,  403,  403,  401,  401,  401]],
  ['POST /assessments',              [403,  201,  201,  201,  403,  403,  403,  403,  401,  401,  401]],
  ['GET /assessments/:id',           [403,  200,  403,  200,  403,  403,  403,  200,  401,  401,  401]],
  ['GET /assessments',               [403,  200,  200,  200,  200,  403,  403,  200,  401,  401,  401]],
  ['POST /evaluations',              [403,  201,  403,  201,  403,  403,  403,  403,  401,  401,  401]],
  ['GET /evaluations',               [200,  200,  200,  200,  200,  200,  200,  200,  401,  401,  401]],
  ['GET /evaluations/:id',           [403,  200,  403,  200,  403,  200,  403,  200,  401,  401,  401]],
  ['GET /evaluations/:id/trail',     [403,  200,  403,  200,  403,  200,  403,  200,  401,  401,  401]],
  ['POST /evaluations/:id/withdraw', [403,  200,  403,  200,  403,  403,  403,  403,  401,  401,  401]],
  ['POST /evaluations/:id/resubmit', [403,  200,  403,  200,  403,  403,  403,  403,  401,  401,  401]],
  ['GET /tasks',                     [403,  403,  403,  403,  403,  200,  200,  200,  401,  401,  401]],
  ['POST /tasks/:id/complete',       [403,  403,  403,  403,  403,  200,  403,  403,  401,  401,  401]],
];

const ROWS: Array<[string, Persona, number]> = MATRIX.flatMap(([endpoint, statuses]) =>
  PERSONAS.map((persona, column) => [endpoint, persona, statuses[column]] as [string, Persona, number]),
);

beforeAll(async () => {
  t = await startTestApp();
  world = await buildWorld(t);
  sharedCase = await submitCase(world, world.header['enterprise-owner'], {
    ...caseBody(),
    title: CASE_TITLE,
  });
  const assessment = await send(
    t,
    'post',
    '/assessments',
    world.header['officer-competent'],
    assessmentBody(OWNER_CREDIT_CODE),
  );
  expectStatus(assessment, 201);
  sharedAssessmentId = assessment.body.id;
});

afterAll(() => t?.close());

describe('authorization matrix: every endpoint × every caller', () => {
  it('covers every endpoint and every persona', () => {
    expect(Object.keys(ENDPOINTS).sort()).toEqual(MATRIX.map(([endpoint]) => endpoint).sort());
    for (const [, statuses] of MATRIX) expect(statuses).toHaveLength(PERSONAS.length);
  });

  it.each(ROWS)('%s as %s → %i', async (endpoint, persona, status) => {
    const { writes, call } = ENDPOINTS[endpoint];
    const { method, path, body } = await call();
    const before = await countRows(t);
    const seq = await lastAuditSeq(t);
    const res = await send(t, method, path, world.header[persona], body);
    const after = await countRows(t);
    if (status >= 400) {
      expectProblem(res, status, [CASE_TITLE]);
      expect(res.body.code).toBe(status === 401 ? 'auth.unauthenticated' : 'auth.forbidden');
      expect(after).toEqual(before);
    } else if (writes) {
      expectStatus(res, status);
      expect(after.audit_events).toBeGreaterThan(before.audit_events);
    } else {
      // A read changes nothing; at most it leaves an access record (auditors, departments outside the case).
      expectStatus(res, status);
      expect({ ...after, audit_events: 0 }).toEqual({ ...before, audit_events: 0 });
      for (const action of await auditActionsAfter(t, seq)) expect(ACCESS_ACTIONS).toContain(action);
    }
  });
});

describe('what each caller sees in lists', () => {
  let otherEnterpriseCase: EvaluationView;
  let otherDepartmentCase: EvaluationView;

  beforeAll(async () => {
    otherEnterpriseCase = await submitCase(
      world,
      world.header['enterprise-other'],
      caseBody({ creditCode: OTHER_CREDIT_CODE }),
    );
    otherDepartmentCase = await submitCase(world, world.header['officer-other-dept'], majorProjectBody());
  });

  async function list(persona: Persona) {
    const res = await send(t, 'get', '/evaluations?pageSize=100', world.header[persona]);
    expectStatus(res, 200);
    const body = res.body as {
      items: Array<{ id: string; competentDepartment: string; applicant: { creditCode: string } }>;
      total: number;
    };
    expect(body.items).toHaveLength(body.total); // all on one page, so the checks below see everything
    return body;
  }

  /** Counts cases straight from the table; `where` has at most one `?`. */
  async function countWhere(where: string, param?: string): Promise<number> {
    const sql = `SELECT COUNT(*) AS n FROM evaluations WHERE ${where.replace('?', t.database === 'postgres' ? '$1' : '?')}`;
    const [row] = await t.app.get(DataSource).query(sql, param === undefined ? [] : [param]);
    return Number(row.n);
  }

  it('an enterprise sees only its own credit code’s cases, all of them', async () => {
    const owner = await list('enterprise-owner');
    expect(owner.items.every((c) => c.applicant.creditCode === OWNER_CREDIT_CODE)).toBe(true);
    expect(owner.total).toBe(await countWhere('applicant_credit_code = ?', OWNER_CREDIT_CODE));
    expect(owner.items.map((c) => c.id)).toContain(sharedCase.id);

    const other = await list('enterprise-other');
    expect(other.items.map((c) => c.id)).toEqual([otherEnterpriseCase.id]);
  });

  it('an officer sees its department’s cases and not another department’s', async () => {
    const competent = await list('officer-competent');
    expect(competent.items.every((c) => c.competentDepartment === COMPETENT_DEPARTMENT)).toBe(true);
    expect(competent.total).toBe(await countWhere('competent_department = ?', COMPETENT_DEPARTMENT));
    expect(competent.items.map((c) => c.id)).not.toContain(otherDepartmentCase.id);

    const other = await list('officer-other-dept');
    expect(other.items.map((c) => c.id)).toEqual([otherDepartmentCase.id]);
  });

  it('a reviewer sees the cases its department has tasks on; an unrelated department sees none', async () => {
    const intake = await list('reviewer-task-dept');
    expect(intake.total).toBe(
      await countWhere('id IN (SELECT evaluation_id FROM tasks WHERE department = ?)', 'ipo'),
    );
    expect(intake.items.map((c) => c.id)).toEqual(
      expect.arrayContaining([sharedCase.id, otherEnterpriseCase.id, otherDepartmentCase.id]),
    );
    expect((await list('reviewer-unrelated')).total).toBe(0);
  });

  it('an inbox holds its department’s tasks, all of them; the auditor’s every department’s', async () => {
    const inbox = async (persona: Persona) => {
      const res = await send(t, 'get', '/tasks?pageSize=100', world.header[persona]);
      expectStatus(res, 200);
      const body = res.body as { items: Array<{ department: string }>; total: number };
      expect(body.items).toHaveLength(body.total);
      return body;
    };
    const countOpen = async (department?: string) => {
      const sql = `SELECT COUNT(*) AS n FROM tasks WHERE status = 'open'${department ? ` AND department = ${t.database === 'postgres' ? '$1' : '?'}` : ''}`;
      const [row] = await t.app.get(DataSource).query(sql, department ? [department] : []);
      return Number(row.n);
    };
    const reviewer = await inbox('reviewer-task-dept');
    expect(reviewer.items.every((task) => task.department === INTAKE_DEPARTMENT)).toBe(true);
    expect(reviewer.total).toBe(await countOpen(INTAKE_DEPARTMENT));
    expect(reviewer.total).toBeGreaterThan(0);
    expect((await inbox('reviewer-unrelated')).total).toBe(await countOpen(UNRELATED_DEPARTMENT));
    expect((await inbox('auditor')).total).toBe(await countOpen());
  });

  it('GET /assessments lists what assessment.read lets each caller read, and nothing else', async () => {
    const own = async (persona: Persona) => {
      const res = await send(t, 'get', '/assessments?pageSize=100', world.header[persona]);
      expectStatus(res, 200);
      return res.body as { items: Array<{ id: string; applicant: { creditCode: string } }>; total: number };
    };
    const owner = await own('enterprise-owner');
    expect(owner.total).toBeGreaterThan(0);
    expect(owner.items.every((a) => a.applicant.creditCode === OWNER_CREDIT_CODE)).toBe(true);
    for (const a of owner.items) {
      expectStatus(await send(t, 'get', `/assessments/${a.id}`, world.header['enterprise-owner']), 200);
    }
    expect((await own('enterprise-other')).items.map((a) => a.applicant.creditCode)).not.toContain(
      OWNER_CREDIT_CODE,
    );
    // The officer who asked sees its request; an officer of another department does not.
    const asked = (await own('officer-competent')).items.map((a) => a.id);
    expect(asked.length).toBeGreaterThan(0);
    for (const id of (await own('officer-other-dept')).items.map((a) => a.id))
      expect(asked).not.toContain(id);
  });

  it('the auditor sees every case; the admin, who manages keys, sees none', async () => {
    const all = await countWhere('1 = 1');
    expect(all).toBeGreaterThan(3);
    expect((await list('auditor')).total).toBe(all);
    expect((await list('admin')).total).toBe(0);
  });

  it('the auditor reads any enterprise’s case and trail', async () => {
    expectStatus(await send(t, 'get', `/evaluations/${otherEnterpriseCase.id}`, world.header.auditor), 200);
    const trail = await send(t, 'get', `/evaluations/${otherEnterpriseCase.id}/trail`, world.header.auditor);
    expectStatus(trail, 200);
    expect(trail.body.map((e: { action: string }) => e.action)).toContain('evaluation.submitted');
  });
});

describe('the rules behind the matrix, case by case', () => {
  it('an enterprise cannot read, withdraw or resubmit another enterprise’s case', async () => {
    const theirs = await submitCase(
      world,
      world.header['enterprise-other'],
      caseBody({ creditCode: OTHER_CREDIT_CODE, title: 'THEIR-CASE' }),
    );
    const before = await countRows(t);
    const mine = world.header['enterprise-owner'];
    expectProblem(await send(t, 'get', `/evaluations/${theirs.id}`, mine), 403, ['THEIR-CASE']);
    expectProblem(await send(t, 'get', `/evaluations/${theirs.id}/trail`, mine), 403, ['THEIR-CASE']);
    expectProblem(await send(t, 'post', `/evaluations/${theirs.id}/withdraw`, mine, {}), 403, ['THEIR-CASE']);
    expectProblem(
      await send(t, 'post', `/evaluations/${theirs.id}/resubmit`, mine, { facts: talentFacts().facts }),
      403,
    );
    expect(await countRows(t)).toEqual(before);
  });

  it('an enterprise cannot submit or assess for another credit code', async () => {
    const before = await countRows(t);
    const other = world.header['enterprise-other'];
    expectProblem(
      await send(t, 'post', '/evaluations', other, caseBody({ creditCode: OWNER_CREDIT_CODE })),
      403,
    );
    expectProblem(await send(t, 'post', '/assessments', other, assessmentBody(OWNER_CREDIT_CODE)), 403);
    expect(await countRows(t)).toEqual(before);
    // The same key with its own credit code is let through: the refusal was about the code.
    expectStatus(await send(t, 'post', '/assessments', other, assessmentBody(OTHER_CREDIT_CODE)), 201);
  });

  it('an officer submits only for its own competent department', async () => {
    const before = await countRows(t);
    const officer = world.header['officer-competent'];
    expectProblem(await send(t, 'post', '/evaluations', officer, majorProjectBody()), 403);
    expect(await countRows(t)).toEqual(before);
    expectStatus(
      await send(t, 'post', '/evaluations', officer, caseBody({ competentDepartment: COMPETENT_DEPARTMENT })),
      201,
    );
  });

  it('a reviewer completes only its own department’s task, even on a case it can read', async () => {
    const evaluation = await submitCase(world);
    const accepted = await send(
      t,
      'post',
      `/tasks/${onlyOpenTask(evaluation).id}/complete`,
      world.header['reviewer-task-dept'],
      { outcome: 'accept' },
    );
    expectStatus(accepted, 200);
    const countersign = await send(
      t,
      'get',
      `/evaluations/${evaluation.id}`,
      world.header['reviewer-task-dept'],
    );
    expectStatus(countersign, 200);
    const hrssTask = (countersign.body as EvaluationView).tasks.find(
      (task) => task.department === COMPETENT_DEPARTMENT,
    );
    expect(hrssTask).toBeDefined();

    const before = await countRows(t);
    expectProblem(
      await send(t, 'post', `/tasks/${hrssTask!.id}/complete`, world.header['reviewer-task-dept'], {
        outcome: 'approve',
      }),
      403,
    );
    expect(await countRows(t)).toEqual(before);

    const hrssReviewer = await issueKey(t, { role: 'reviewer', department: COMPETENT_DEPARTMENT });
    expectStatus(
      await send(t, 'post', `/tasks/${hrssTask!.id}/complete`, bearer(hrssReviewer.key), {
        outcome: 'approve',
      }),
      200,
    );
  });

  it('every write an auditor tries is refused, with nothing written', async () => {
    const evaluation = await submitCase(world);
    const task = onlyOpenTask(evaluation);
    const auditor = world.header.auditor;
    const before = await countRows(t);
    expectProblem(await send(t, 'post', '/keys', auditor, { role: 'auditor', name: 'x' }), 403);
    expectProblem(await send(t, 'delete', `/keys/${world.keyId['enterprise-owner']}`, auditor), 403);
    expectProblem(await send(t, 'post', '/assessments', auditor, assessmentBody()), 403);
    expectProblem(await send(t, 'post', '/evaluations', auditor, caseBody()), 403);
    expectProblem(await send(t, 'post', `/evaluations/${evaluation.id}/withdraw`, auditor, {}), 403);
    expectProblem(
      await send(t, 'post', `/evaluations/${evaluation.id}/resubmit`, auditor, {
        facts: talentFacts().facts,
      }),
      403,
    );
    expectProblem(await send(t, 'post', `/tasks/${task.id}/complete`, auditor, { outcome: 'accept' }), 403);
    expect(await countRows(t)).toEqual(before);
  });

  it('the admin manages keys but reads no case, trail, assessment or inbox', async () => {
    const key = await issueKey(t, { role: 'reviewer', department: 'justice' });
    expectStatus(await send(t, 'get', '/departments', bearer(key.key)), 200);
    expectStatus(await send(t, 'delete', `/keys/${key.id}`, ADMIN), 204);
    expectProblem(await send(t, 'get', '/departments', bearer(key.key)), 401);
    expectProblem(await send(t, 'get', `/evaluations/${sharedCase.id}`, ADMIN), 403, [CASE_TITLE]);
    expectProblem(await send(t, 'get', `/evaluations/${sharedCase.id}/trail`, ADMIN), 403, [CASE_TITLE]);
    expectProblem(await send(t, 'get', `/assessments/${sharedAssessmentId}`, ADMIN), 403);
    expectProblem(await send(t, 'get', '/tasks', ADMIN), 403);
  });
});

describe('authentication', () => {
  const malformed: Array<[string, (key: string) => string]> = [
    ['Basic credentials', () => 'Basic dXNlcjpwYXNzd29yZA=='],
    ['the scheme alone', () => 'Bearer'],
    ['an empty token', () => 'Bearer    '],
    ['two tokens', (key) => `Bearer ${key} ${key}`],
    ['the key without a scheme', (key) => key],
    ['an over-long token', () => `Bearer ${'k'.repeat(201)}`],
    ['an unknown key', (key) => `Bearer ${key}x`],
    ['another scheme with a real key', (key) => `Token ${key}`],
  ];

  it.each(malformed)('%s → 401 problem+json naming no key', async (_name, header) => {
    const key = world.header.auditor!.slice('Bearer '.length);
    const res = await send(t, 'get', `/evaluations/${sharedCase.id}`, header(key));
    expectProblem(res, 401, [key, CASE_TITLE]);
    expect(res.body.code).toBe('auth.unauthenticated');
  });

  it('the scheme is case-insensitive (RFC 9110), so a valid key in "bearer" form works', async () => {
    const key = world.header.auditor!.slice('Bearer '.length);
    expectStatus(await send(t, 'get', `/evaluations/${sharedCase.id}`, `bearer ${key}`), 200);
  });

  it('authentication comes before input checks: a bad id without a key is a 401, not a 400', async () => {
    expectProblem(await send(t, 'get', '/evaluations/not-a-uuid', null), 401);
    expectProblem(await send(t, 'post', '/evaluations', null, { nonsense: true }), 401);
  });
});
