/**
 * A small world of callers and cases for the authorization, bad-input and concurrency specs: one key per
 * kind of caller, cases submitted through the API, and the checks every error response must pass. All of
 * it goes through HTTP; only row counts and the audit chain are read from the database directly.
 */
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import type { EvaluationView } from '../../src/evaluations/evaluation.view';
import type { TaskView } from '../../src/tasks/task.view';
import { factFixture } from './fact-fixtures';
import { TEST_ADMIN_KEY, type TestApp } from './test-app';

export const API = '/api/v1';

/** The talent-introduction fixture's applicant; the enterprise that owns the world's cases. */
export const OWNER_CREDIT_CODE = '91441500MA4W3K2QXP';
/** Another valid credit code (the technology-trade fixture's), owned by the other enterprise. */
export const OTHER_CREDIT_CODE = '91440300MA5F3QW28M';
/** talent-introduction: hrss is competent; intake is the IP office's task (rules and workflow files). */
export const COMPETENT_DEPARTMENT = 'hrss';
export const OTHER_DEPARTMENT = 'ndrc';
export const INTAKE_DEPARTMENT = 'ipo';
export const UNRELATED_DEPARTMENT = 'customs';

/** Every kind of caller the matrix knows, in the order of its columns. */
export const PERSONAS = [
  'admin',
  'officer-competent',
  'officer-other-dept',
  'enterprise-owner',
  'enterprise-other',
  'reviewer-task-dept',
  'reviewer-unrelated',
  'auditor',
  'no-key',
  'revoked-key',
  'malformed-header',
] as const;
export type Persona = (typeof PERSONAS)[number];

export interface IssuedKey {
  id: string;
  key: string;
}

export interface World {
  t: TestApp;
  /** The Authorization header each persona sends (null: none at all). */
  header: Record<Persona, string | null>;
  /** Key ids, for the personas that have a live key. */
  keyId: Partial<Record<Persona, string>>;
}

export const bearer = (key: string) => `Bearer ${key}`;
export const ADMIN = bearer(TEST_ADMIN_KEY);

/** Sends a request as a persona (or with a raw header), JSON body if any. */
export function send(
  t: TestApp,
  method: 'get' | 'post' | 'delete',
  path: string,
  header: string | null,
  body?: unknown,
) {
  let req = t.http[method](`${API}${path}`);
  if (header !== null) req = req.set('Authorization', header);
  return body === undefined ? req : req.send(body as object);
}

export async function issueKey(t: TestApp, body: Record<string, unknown>): Promise<IssuedKey> {
  const res = await send(t, 'post', '/keys', ADMIN, { name: `${body.role} key`, ...body });
  expectStatus(res, 201);
  return res.body as IssuedKey;
}

/**
 * One key per persona. The revoked key is shown to work before it is revoked, so its 401s later are about
 * revocation and not a typo in the test.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const keys = {
    'officer-competent': await issueKey(t, { role: 'officer', department: COMPETENT_DEPARTMENT }),
    'officer-other-dept': await issueKey(t, { role: 'officer', department: OTHER_DEPARTMENT }),
    'enterprise-owner': await issueKey(t, { role: 'enterprise', creditCode: OWNER_CREDIT_CODE }),
    'enterprise-other': await issueKey(t, { role: 'enterprise', creditCode: OTHER_CREDIT_CODE }),
    'reviewer-task-dept': await issueKey(t, { role: 'reviewer', department: INTAKE_DEPARTMENT }),
    'reviewer-unrelated': await issueKey(t, { role: 'reviewer', department: UNRELATED_DEPARTMENT }),
    auditor: await issueKey(t, { role: 'auditor' }),
  };
  const revoked = await issueKey(t, { role: 'officer', department: COMPETENT_DEPARTMENT });
  expectStatus(await send(t, 'get', '/departments', bearer(revoked.key)), 200);
  expectStatus(await send(t, 'delete', `/keys/${revoked.id}`, ADMIN), 204);

  const header = {
    admin: ADMIN,
    'no-key': null,
    'revoked-key': bearer(revoked.key),
    'malformed-header': `Token ${keys.auditor.key}`,
  } as Record<Persona, string | null>;
  const keyId: Partial<Record<Persona, string>> = {};
  for (const [persona, key] of Object.entries(keys) as Array<[Persona, IssuedKey]>) {
    header[persona] = bearer(key.key);
    keyId[persona] = key.id;
  }
  return { t, header, keyId };
}

/** The talent-introduction low-risk fixture split into the envelope's applicant and facts. */
export function talentFacts(): { applicant: Record<string, unknown>; facts: Record<string, unknown> } {
  const { applicant, ...facts } = factFixture('talent-introduction.low') as Record<string, unknown>;
  return { applicant: applicant as Record<string, unknown>, facts };
}

/** A valid POST /evaluations body: talent introduction for `creditCode`, competent department hrss. */
export function caseBody(
  overrides: { title?: string; creditCode?: string; competentDepartment?: string } = {},
) {
  const { applicant, facts } = talentFacts();
  return {
    type: 'talent-introduction',
    title: overrides.title ?? '人才引进评议（测试）',
    applicant: { ...applicant, creditCode: overrides.creditCode ?? OWNER_CREDIT_CODE },
    competentDepartment: overrides.competentDepartment ?? COMPETENT_DEPARTMENT,
    facts,
  };
}

/**
 * A valid POST /evaluations body of a major project for `creditCode`, competent department ndrc: the type
 * the other department (ndrc) may be competent for (rules/major-project/routing.json).
 */
export function majorProjectBody(creditCode = OWNER_CREDIT_CODE) {
  const { applicant, ...facts } = factFixture('major-project.low') as Record<string, unknown>;
  return {
    type: 'major-project',
    title: '重大项目评议（测试）',
    applicant: { ...(applicant as object), creditCode },
    competentDepartment: OTHER_DEPARTMENT,
    facts,
  };
}

/** A valid POST /assessments body for `creditCode`. */
export function assessmentBody(creditCode = OWNER_CREDIT_CODE) {
  const { applicant, facts } = talentFacts();
  return { type: 'talent-introduction', applicant: { ...applicant, creditCode }, facts };
}

/** Submits a case as `header` (by default the owning enterprise's); it starts in intake with an ipo task. */
export async function submitCase(
  world: World,
  header = world.header['enterprise-owner'],
  body: object = caseBody(),
): Promise<EvaluationView> {
  const res = await send(world.t, 'post', '/evaluations', header, body);
  expectStatus(res, 201);
  return res.body as EvaluationView;
}

/** The case's only open task (throws when there is not exactly one). */
export function onlyOpenTask(evaluation: EvaluationView): TaskView {
  if (evaluation.tasks.length !== 1)
    throw new Error(`Expected one open task, found ${evaluation.tasks.length}`);
  return evaluation.tasks[0];
}

/** A fresh case that intake returned to the applicant: it waits in supplement for a resubmission. */
export async function returnedCase(world: World): Promise<EvaluationView> {
  const evaluation = await submitCase(world);
  const intake = onlyOpenTask(evaluation);
  const res = await send(
    world.t,
    'post',
    `/tasks/${intake.id}/complete`,
    world.header['reviewer-task-dept'],
    {
      outcome: 'return',
      comment: '请补充劳动合同解除证明',
    },
  );
  expectStatus(res, 200);
  return evaluation;
}

/** Fails with the response body in the message, which says far more than "expected 201, got 400". */
export function expectStatus(res: Response, status: number): void {
  if (res.status !== status) {
    const req = (res as unknown as { req?: { method?: string; path?: string } }).req;
    throw new Error(
      `${req?.method} ${req?.path}: expected ${status}, got ${res.status}: ${res.text?.slice(0, 1500)}`,
    );
  }
}

/** Traces of internals that must never reach a client: stacks, source paths, SQL, driver errors. */
const LEAK =
  /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|\bSELECT\b|\bINSERT\b|\bUPDATE\b|\bDELETE FROM\b|QueryFailed|SQLITE_|violates|TypeORM|stack/i;

/**
 * An error response as the API promises it: RFC 9457 problem+json with the status repeated in the body,
 * and nothing of the internals or of the `secrets` (data the caller was refused) in it.
 */
export function expectProblem(res: Response, status: number, secrets: string[] = []): void {
  expectStatus(res, status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.text) as Record<string, unknown>;
  expect(problem).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(problem).not.toHaveProperty('stack');
  expect(res.text).not.toMatch(LEAK);
  for (const secret of secrets) expect(res.text).not.toContain(secret);
}

/** The tables a request can write to, and how many rows each holds now. */
export const WRITABLE_TABLES = [
  'evaluations',
  'evaluation_decisions',
  'tasks',
  'assessments',
  'audit_events',
  'api_keys',
] as const;

export async function countRows(t: TestApp): Promise<Record<string, number>> {
  const dataSource = t.app.get(DataSource);
  const counts: Record<string, number> = {};
  for (const table of WRITABLE_TABLES) {
    const [row] = (await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{
      n: number | string;
    }>;
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The actions of the audit events appended after `seq`, in order (to see what a request recorded). */
export async function auditActionsAfter(t: TestApp, seq: number): Promise<string[]> {
  const placeholder = t.database === 'postgres' ? '$1' : '?';
  const rows = (await t.app
    .get(DataSource)
    .query(`SELECT action FROM audit_events WHERE seq > ${placeholder} ORDER BY seq`, [seq])) as Array<{
    action: string;
  }>;
  return rows.map((r) => r.action);
}

export async function lastAuditSeq(t: TestApp): Promise<number> {
  const [row] = (await t.app.get(DataSource).query('SELECT MAX(seq) AS seq FROM audit_events')) as Array<{
    seq: number | string | null;
  }>;
  return Number(row.seq ?? 0);
}
