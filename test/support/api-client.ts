/**
 * A thin client over the real HTTP API for e2e specs: keys per role and department, submissions from the
 * fact fixtures, and a loop that drives a case through its workflow the way departments would, using only
 * what each task offers (its allowedOutcomes). Everything goes through HTTP; nothing reaches into services.
 */
import type { Response } from 'supertest';
import { Clock } from '../../src/common/clock';
import type { ActivityType } from '../../src/definitions/definition.types';
import type { EvaluationView } from '../../src/evaluations/evaluation.view';
import type { TaskView } from '../../src/tasks/task.view';
import type { AuditEventView } from '../../src/audit/audit-event.view';
import { factFixture } from './fact-fixtures';
import { TEST_ADMIN_KEY, type TestApp } from './test-app';

export const API = '/api/v1';

/** 2026-03-02 10:00 in Beijing: the submission date the rule specs use, so the fixtures mean the same here. */
export const FIXTURE_EPOCH = '2026-03-02T02:00:00.000Z';

/**
 * Time that moves one second each time it is read: runs are reproducible, and every command still gets
 * its own instant, so "opened before" and "newest first" orders are real orders, not ties.
 */
export class SteppingClock extends Clock {
  private next: number;

  constructor(
    start: string = FIXTURE_EPOCH,
    private readonly stepMs = 1000,
  ) {
    super();
    this.next = Date.parse(start);
  }

  override now(): Date {
    const at = new Date(this.next);
    this.next += this.stepMs;
    return at;
  }
}

/** The department competent for each type in these specs (who decides and follows the conditions). */
export const COMPETENT_DEPARTMENT: Record<ActivityType, string> = {
  'major-project': 'ndrc',
  'talent-introduction': 'hrss',
  'trade-show': 'commerce',
  'technology-trade': 'commerce',
};

export type Role = 'admin' | 'officer' | 'enterprise' | 'reviewer' | 'auditor';

/** What a department does with a task: an outcome from its allowedOutcomes, with what that outcome needs. */
export interface TaskAnswer {
  outcome: string;
  comment?: string;
  conditions?: string[];
  overrideReason?: string;
}

/** Picks the answer to an open task, seeing the case as it stands. */
export type Chooser = (task: TaskView, evaluation: EvaluationView) => TaskAnswer | string;

/** One completed task, as a drive recorded it. */
export interface DriveStep {
  stage: string;
  department: string;
  allowedOutcomes: string[];
  answer: TaskAnswer;
  stateAfter: string;
}

export interface Submission {
  id: string;
  view: EvaluationView;
  key: string; // the key that submitted it (officer or enterprise)
}

/** Guards a drive against a workflow that never ends; the longest real path has about ten tasks. */
const MAX_TASKS_PER_DRIVE = 40;

export class ApiClient {
  private readonly keys = new Map<string, string>();
  private auditorKey: string | null = null;

  constructor(readonly http: TestApp['http']) {}

  // ---- raw requests with a key --------------------------------------------------------------------

  get(path: string, key: string) {
    return this.http.get(`${API}${path}`).set('Authorization', `Bearer ${key}`);
  }

  post(path: string, key: string, body: object = {}) {
    return this.http.post(`${API}${path}`).set('Authorization', `Bearer ${key}`).send(body);
  }

  delete(path: string, key: string) {
    return this.http.delete(`${API}${path}`).set('Authorization', `Bearer ${key}`);
  }

  // ---- keys ---------------------------------------------------------------------------------------

  /** POST /keys as the admin; fails the test unless the key was issued. */
  async createKey(input: {
    role: Role;
    name?: string;
    department?: string;
    creditCode?: string;
  }): Promise<{ id: string; key: string }> {
    const res = await this.post('/keys', TEST_ADMIN_KEY, {
      name: `${input.role} ${input.department ?? input.creditCode ?? ''}`.trim(),
      ...input,
    });
    expectStatus(res, 201);
    return res.body as { id: string; key: string };
  }

  /** One key per role and department (or credit code), created on first use. */
  async keyFor(role: 'officer' | 'reviewer', department: string): Promise<string>;
  async keyFor(role: 'enterprise', creditCode: string): Promise<string>;
  async keyFor(role: 'officer' | 'reviewer' | 'enterprise', scope: string): Promise<string> {
    const cacheKey = `${role}:${scope}`;
    let key = this.keys.get(cacheKey);
    if (!key) {
      const created = await this.createKey(
        role === 'enterprise' ? { role, creditCode: scope } : { role, department: scope },
      );
      key = created.key;
      this.keys.set(cacheKey, key);
    }
    return key;
  }

  officer(department: string) {
    return this.keyFor('officer', department);
  }

  reviewer(department: string) {
    return this.keyFor('reviewer', department);
  }

  enterprise(creditCode: string) {
    return this.keyFor('enterprise', creditCode);
  }

  async auditor(): Promise<string> {
    this.auditorKey ??= (await this.createKey({ role: 'auditor' })).key;
    return this.auditorKey;
  }

  // ---- cases --------------------------------------------------------------------------------------

  /** The request body of POST /evaluations for a fact fixture (test/fixtures/facts/<type>.<variant>.json). */
  submissionBody(
    type: ActivityType,
    variant: 'low' | 'high',
    options: { title?: string; competentDepartment?: string } = {},
  ) {
    const { applicant, ...facts } = factFixture(`${type}.${variant}`);
    return {
      type,
      title: options.title ?? `${type} ${variant} e2e`,
      applicant,
      competentDepartment: options.competentDepartment ?? COMPETENT_DEPARTMENT[type],
      facts,
    };
  }

  /**
   * Submits a fixture as an officer of the competent department (`as: 'officer'`, the default) or as the
   * enterprise whose credit code the fixture carries (`as: 'enterprise'`). 201 or the test fails.
   */
  async submit(
    type: ActivityType,
    variant: 'low' | 'high',
    options: { as?: 'officer' | 'enterprise'; title?: string } = {},
  ): Promise<Submission> {
    const body = this.submissionBody(type, variant, { title: options.title });
    const key =
      options.as === 'enterprise'
        ? await this.enterprise(body.applicant.creditCode)
        : await this.officer(body.competentDepartment);
    const res = await this.post('/evaluations', key, body);
    expectStatus(res, 201);
    const view = res.body as EvaluationView;
    return { id: view.id, view, key };
  }

  /** GET /evaluations/:id as an auditor, who may read every case. */
  async evaluation(id: string): Promise<EvaluationView> {
    const res = await this.get(`/evaluations/${id}`, await this.auditor());
    expectStatus(res, 200);
    return res.body as EvaluationView;
  }

  async trail(id: string): Promise<AuditEventView[]> {
    const res = await this.get(`/evaluations/${id}/trail`, await this.auditor());
    expectStatus(res, 200);
    return res.body as AuditEventView[];
  }

  /** POST /tasks/:id/complete with a reviewer key of the task's department; returns the raw response. */
  async complete(task: Pick<TaskView, 'id' | 'department'>, answer: TaskAnswer) {
    return this.post(`/tasks/${task.id}/complete`, await this.reviewer(task.department), answer);
  }

  /**
   * Completes the case's open tasks, one at a time in the order they were opened, with the answer `choose`
   * picks (which must be one of the task's allowedOutcomes), until `until` holds or no task is open (a
   * final state, or a return waiting for the applicant). Every completion must succeed.
   */
  async drive(
    id: string,
    choose: Chooser,
    until: (evaluation: EvaluationView) => boolean = () => false,
  ): Promise<{ evaluation: EvaluationView; steps: DriveStep[] }> {
    const steps: DriveStep[] = [];
    let evaluation = await this.evaluation(id);
    while (!until(evaluation) && evaluation.tasks.length > 0) {
      if (steps.length >= MAX_TASKS_PER_DRIVE)
        throw new Error(`case ${id} still has open tasks after ${steps.length} completions`);
      const task = evaluation.tasks[0];
      const picked = choose(task, evaluation);
      const answer: TaskAnswer = typeof picked === 'string' ? { outcome: picked } : picked;
      if (!task.allowedOutcomes.includes(answer.outcome)) {
        throw new Error(
          `chooser picked "${answer.outcome}" for a ${task.stage} task that allows ${task.allowedOutcomes.join(', ')}`,
        );
      }
      const res = await this.complete(task, answer);
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ id: task.id, status: 'done', outcome: answer.outcome });
      evaluation = await this.evaluation(id);
      steps.push({
        stage: task.stage,
        department: task.department,
        allowedOutcomes: task.allowedOutcomes,
        answer,
        stateAfter: evaluation.state,
      });
    }
    return { evaluation, steps };
  }

  /** Drives the case until it is closed; fails if it stops open (for instance waiting in supplement). */
  async driveToClosed(
    id: string,
    choose: Chooser,
  ): Promise<{ evaluation: EvaluationView; steps: DriveStep[] }> {
    const result = await this.drive(id, choose);
    if (result.evaluation.status !== 'closed') {
      throw new Error(`case ${id} stopped open in state "${result.evaluation.state}" with no open task`);
    }
    return result;
  }
}

/**
 * The answers of departments that let a case through: accept the intake, approve every review, and at the
 * decision the given outcome (with conditions where it needs them, and an override reason where the
 * decision has hard stops), then fulfil the conditions.
 */
export function approvingChooser(
  decision: 'pass' | 'pass-with-conditions' | 'defer' | 'not-recommended',
): Chooser {
  return (task, evaluation) => {
    switch (task.stage) {
      case 'intake':
        return pick(task, 'accept');
      case 'expert-review':
      case 'countersign':
      case 'legality-review':
        return pick(task, 'approve');
      case 'decision': {
        const answer: TaskAnswer = pick(task, decision);
        if (decision === 'pass-with-conditions')
          answer.conditions = [
            '取得自由实施（FTO）分析意见后方可实施 Obtain an FTO opinion before implementation',
          ];
        if (decision !== 'not-recommended' && evaluation.decision.hardStops.length > 0) {
          answer.overrideReason =
            '经核查否决项所涉情形已消除 The facts behind the hard stops were checked and no longer apply';
        }
        return answer;
      }
      case 'conditions':
        return pick(task, 'fulfilled');
      default:
        throw new Error(`no answer for a ${task.stage} task`);
    }
  };
}

/** The outcome, checked against what the task offers, so a chooser never invents one. */
export function pick(task: TaskView, outcome: string): TaskAnswer {
  if (!task.allowedOutcomes.includes(outcome)) {
    throw new Error(
      `a ${task.stage} task does not offer "${outcome}" (it offers ${task.allowedOutcomes.join(', ')})`,
    );
  }
  return { outcome };
}

/** Asserts a status and, on a mismatch, shows the body (a problem+json detail says more than a number). */
export function expectStatus(res: Response, status: number): void {
  if (res.status !== status) {
    const req = (res as unknown as { req?: { method?: string; path?: string } }).req; // superagent has it; its types do not
    throw new Error(
      `expected HTTP ${status}, got ${res.status} for ${req?.method} ${req?.path}: ${res.text}`,
    );
  }
}

/** Asserts an RFC 9457 problem+json answer with the given status and (domain) code. */
export function expectProblem(res: Response, status: number, code?: string): void {
  expectStatus(res, status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  if (code) expect(res.body.code).toBe(code);
}
