/**
 * Every endpoint of the API at least once over real HTTP, with the status and shape of its success, and
 * the problem+json shape of its errors. Lifecycles live in lifecycle.e2e-spec.ts; who may do what in
 * authorization.e2e-spec.ts.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { DataSource } from 'typeorm';
import type { AssessmentView } from '../src/assessments/assessments.service';
import type { AuditEventView } from '../src/audit/audit-event.view';
import { ACTIVITY_TYPES } from './support/activity-types';
import type { EvaluationSummary, EvaluationView } from '../src/evaluations/evaluation.view';
import type { InboxTaskView, TaskView } from '../src/tasks/task.view';
import {
  API,
  ApiClient,
  approvingChooser,
  expectProblem,
  expectStatus,
  FIXTURE_EPOCH,
  pick,
  SteppingClock,
} from './support/api-client';
import { factFixture } from './support/fact-fixtures';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DEPARTMENT_CODES = [
  'ipo',
  'ndrc',
  'most',
  'miit',
  'commerce',
  'customs',
  'hrss',
  'finance',
  'justice',
  'experts',
];
const localized = { zh: expect.any(String), en: expect.any(String) };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

describe('every endpoint over HTTP', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Every row of every table the service maps, as text: where a secret must not appear. */
  async function everyStoredRow(): Promise<string> {
    const dataSource = t.app.get(DataSource);
    const tables = [...new Set(dataSource.entityMetadatas.map((meta) => meta.tableName))];
    expect(tables).toEqual(expect.arrayContaining(['api_keys', 'audit_events', 'evaluations', 'tasks']));
    const dumps = await Promise.all(
      tables.map((table) => dataSource.createQueryBuilder().select('*').from(table, 'row').getRawMany()),
    );
    return JSON.stringify(dumps);
  }

  describe('keys', () => {
    it('POST /keys shows the key once and stores only its SHA-256; DELETE /keys/:id revokes it (401 after)', async () => {
      const res = await api.post('/keys', TEST_ADMIN_KEY, {
        role: 'officer',
        name: 'NDRC officer Li',
        department: 'ndrc',
      });
      expectStatus(res, 201);
      expect(Object.keys(res.body).sort()).toEqual(['id', 'key']);
      const { id, key } = res.body as { id: string; key: string };
      expect(id).toMatch(UUID);
      expect(key).toMatch(/^ipr_[A-Za-z0-9_-]{43}$/);
      expectStatus(await api.get('/departments', key), 200);

      // GET /keys lists holders and states for the admin, never a secret or its hash; no route reads one key.
      const listed = await api.get('/keys', TEST_ADMIN_KEY);
      expectStatus(listed, 200);
      expect(listed.body).toEqual(
        expect.arrayContaining([
          {
            id,
            role: 'officer',
            name: 'NDRC officer Li',
            department: 'ndrc',
            creditCode: null,
            createdAt: expect.stringMatching(ISO_INSTANT),
            revokedAt: null,
          },
        ]),
      );
      expect(listed.text).not.toContain(key);
      expect(listed.text).not.toContain(sha256(key));
      expectProblem(await api.get(`/keys/${id}`, TEST_ADMIN_KEY), 404);

      const dataSource = t.app.get(DataSource);
      const row = await dataSource
        .createQueryBuilder()
        .select('*')
        .from('api_keys', 'k')
        .where('k.id = :id', { id })
        .getRawOne<Record<string, unknown>>();
      expect(row).toMatchObject({
        id,
        role: 'officer',
        department: 'ndrc',
        key_hash: sha256(key),
        revoked_at: null,
      });
      expect(row!.key_hash).toMatch(SHA256_HEX);
      const stored = await everyStoredRow();
      expect(stored).toContain(sha256(key));
      expect(stored).not.toContain(key);
      expect(stored).not.toContain(TEST_ADMIN_KEY);

      const revoked = await api.delete(`/keys/${id}`, TEST_ADMIN_KEY);
      expectStatus(revoked, 204);
      expect(revoked.text).toBe('');
      expectProblem(await api.get('/departments', key), 401, 'auth.unauthenticated');
      const after = await dataSource
        .createQueryBuilder()
        .select('*')
        .from('api_keys', 'k')
        .where('k.id = :id', { id })
        .getRawOne<Record<string, unknown>>();
      expect(after!.revoked_at).toMatch(ISO_INSTANT);
      expectProblem(
        await api.delete('/keys/00000000-0000-4000-8000-000000000000', TEST_ADMIN_KEY),
        404,
        'resource.not-found',
      );
    });
  });

  describe('catalogue', () => {
    it('GET /vocabulary gives the words of outcomes, levels, dimensions, roles and statuses, by group', async () => {
      const res = await api.get('/vocabulary', await api.auditor());
      expectStatus(res, 200);
      expect(res.body.outcomes.object).toEqual({ zh: '不同意', en: 'Object' });
      expect(res.body.levels.critical).toEqual({ zh: '重大', en: 'Critical' });
      expect(res.body.taskStatuses.open.zh).not.toBe(res.body.caseStatuses.open.zh);
      expect(res.body).not.toHaveProperty('$schema');
    });

    it('GET /departments lists the ten departments of the catalogue', async () => {
      const res = await api.get('/departments', await api.auditor());
      expectStatus(res, 200);
      expect((res.body as { code: string }[]).map((d) => d.code).sort()).toEqual(
        [...DEPARTMENT_CODES].sort(),
      );
      for (const department of res.body)
        expect(department).toEqual({
          code: expect.any(String),
          zh: expect.any(String),
          en: expect.any(String),
          part: localized,
        });
    });

    it('GET /definitions lists the four types with their hashes; GET /definitions/:type serves the same version; an unknown type is 404', async () => {
      const key = await api.officer('ndrc');
      const list = await api.get('/definitions', key);
      expectStatus(list, 200);
      const summaries = list.body as {
        type: string;
        workflowHash: string;
        rulesHash: string;
        ruleCount: number;
        states: string[];
      }[];
      expect(summaries.map((s) => s.type).sort()).toEqual([...ACTIVITY_TYPES, 'st-programme'].sort());

      for (const summary of summaries) {
        expect(summary.workflowHash).toMatch(SHA256_HEX);
        expect(summary.rulesHash).toMatch(SHA256_HEX);
        expect(summary.ruleCount).toBeGreaterThan(0);
        // The phased procedure starts with the assessment of the first phase, the others with the intake.
        const initial = summary.type === 'st-programme' ? 'assessment' : 'intake';
        expect(summary.states).toEqual(
          expect.arrayContaining([initial, 'decision', 'archived', 'withdrawn']),
        );

        const res = await api.get(`/definitions/${summary.type}`, key);
        expectStatus(res, 200);
        const { type, workflow, rules } = res.body;
        expect(type).toBe(summary.type);
        expect(workflow).toMatchObject({
          type: summary.type,
          hash: summary.workflowHash,
          machine: { initial, states: expect.any(Object) },
        });
        expect(Object.keys(workflow.machine.states)).toEqual(summary.states);
        expect(rules).toMatchObject({
          type: summary.type,
          hash: summary.rulesHash,
          levels: expect.any(Object),
          routeDefaults: expect.any(Object),
        });
        expect(rules.files.reduce((n: number, f: { rules: unknown[] }) => n + f.rules.length, 0)).toBe(
          summary.ruleCount,
        );
        // Content-addressed: what is served hashes to its own hash (SHA-256 of RFC 8785 canonical JSON).
        expect(sha256(canonicalize(workflow.machine)!)).toBe(workflow.hash);
        const { hash: _hash, ...ruleContent } = rules;
        expect(sha256(canonicalize(ruleContent)!)).toBe(rules.hash);
      }

      expectProblem(await api.get('/definitions/space-programme', key), 404, 'definition.unknown-type');
    });

    it('GET /definitions/:type serves the facts contract: the JSON Schema with its labels, the applicant, the derived facts', async () => {
      const key = await api.officer('ndrc');
      const res = await api.get('/definitions/trade-show', key);
      expectStatus(res, 200);
      expect(res.body.label).toEqual({ zh: expect.any(String), en: 'International trade show' });
      expect(res.body.competentDepartments).toEqual(['commerce']);
      const { facts, applicant, derived } = res.body;
      expect(facts).not.toHaveProperty('$schema');
      expect(facts).toMatchObject({ type: 'object', additionalProperties: false });
      expect(facts.required).toContain('exhibition');
      expect(facts.properties.exhibition.properties.opensOn).toEqual({
        'x-label': { zh: '开幕日期', en: 'Opens on' },
        type: 'string',
        format: 'date',
      });
      expect(facts.properties.exhibition.properties.country.format).toBe('country');
      expect(applicant.properties.creditCode['x-label'].zh).toMatch(/统一社会信用代码/);
      expect(derived.daysUntilOpening).toMatchObject({ kind: 'integer', label: { zh: expect.any(String) } });
      expect(derived.activeCreditLists).toBeDefined(); // the shared derived facts are the type's too
    });
  });

  describe('assessments', () => {
    it('POST /assessments answers 201 with a full Decision; GET /assessments/:id returns the same', async () => {
      const key = await api.officer('hrss');
      const { applicant, ...facts } = factFixture('talent-introduction.high');
      const res = await api.post('/assessments', key, { type: 'talent-introduction', applicant, facts });
      expectStatus(res, 201);
      const assessment = res.body as AssessmentView;
      expect(assessment).toEqual({
        id: expect.stringMatching(UUID),
        type: 'talent-introduction',
        applicant,
        submittedAt: expect.stringMatching(ISO_INSTANT),
        decision: expect.any(Object),
      });
      expect(Date.parse(assessment.submittedAt)).toBeGreaterThanOrEqual(Date.parse(FIXTURE_EPOCH));

      const decision = assessment.decision;
      expect(decision).toMatchObject({
        type: 'talent-introduction',
        definitionHash: expect.stringMatching(SHA256_HEX),
        submittedAt: assessment.submittedAt,
      });
      expect(decision.score).toBeGreaterThan(0);
      expect(['low', 'medium', 'high', 'critical']).toContain(decision.level);
      expect(decision.findings.length).toBeGreaterThan(0);
      for (const finding of decision.findings) {
        expect(finding).toMatchObject({
          rule: expect.any(String),
          dimension: expect.any(String),
          points: expect.any(Number),
          reason: localized,
          basis: expect.any(String),
        });
        expect(finding.basis.length).toBeGreaterThan(0);
      }
      expect(decision.score).toBe(decision.findings.reduce((sum, f) => sum + f.points, 0));
      expect(decision.hardStops.length).toBeGreaterThan(0);
      for (const stop of decision.hardStops)
        expect(stop).toMatchObject({
          rule: expect.any(String),
          reason: localized,
          basis: expect.any(String),
        });
      expect(decision.measures.length).toBeGreaterThan(0);
      for (const measure of decision.measures)
        expect(measure).toEqual({
          code: expect.any(String),
          zh: expect.any(String),
          en: expect.any(String),
          rules: expect.any(Array),
        });
      expect(decision.route).toMatchObject({
        mode: expect.stringMatching(/^(all|any|sequential)$/),
        expertReview: expect.any(Boolean),
        legalityReview: expect.any(Boolean),
        reasons: expect.any(Array),
      });
      expect(decision.route.countersign.length).toBeGreaterThan(0);
      for (const step of decision.route.countersign) expect(DEPARTMENT_CODES).toContain(step.department);

      // The explanation shows the rules that did not fire too, with the fact values they saw.
      const { fired, notFired } = decision.explanation;
      expect(fired.every((trace) => trace.fired)).toBe(true);
      expect(notFired.length).toBeGreaterThan(0);
      expect(notFired.every((trace) => !trace.fired)).toBe(true);
      expect(fired.map((trace) => trace.rule)).toEqual(
        expect.arrayContaining([...decision.findings, ...decision.hardStops].map((f) => f.rule)),
      );
      for (const trace of [...fired, ...notFired]) {
        expect(trace).toMatchObject({
          rule: expect.any(String),
          file: expect.stringMatching(/^rules\//),
          eventType: expect.any(String),
        });
        expect(trace.conditions.length).toBeGreaterThan(0);
        for (const condition of trace.conditions) expect(condition).toHaveProperty('factResult');
      }

      const again = await api.get(`/assessments/${assessment.id}`, key);
      expectStatus(again, 200);
      expect(again.body).toEqual(assessment);
      expectProblem(
        await api.get('/assessments/00000000-0000-4000-8000-000000000000', key),
        404,
        'resource.not-found',
      );
    });
  });

  describe('evaluations', () => {
    it('POST /evaluations answers 201 with the case in intake, its decision and its open task', async () => {
      const body = api.submissionBody('major-project', 'low');
      const res = await api.post('/evaluations', await api.officer('ndrc'), body);
      expectStatus(res, 201);
      const view = res.body as EvaluationView;
      expect(view).toMatchObject({
        id: expect.stringMatching(UUID),
        type: 'major-project',
        title: body.title,
        applicant: body.applicant,
        competentDepartment: 'ndrc',
        state: 'intake',
        stateLabel: localized,
        status: 'open',
        outcome: null,
        conditions: [],
        overrideReason: null,
        version: 1,
      });
      expect(view).toMatchObject({ level: view.decision.level, score: view.decision.score });
      expect(view.decision).toMatchObject({
        type: 'major-project',
        findings: expect.any(Array),
        route: expect.any(Object),
        explanation: expect.any(Object),
      });
      expect(view.definition).toEqual({
        workflowHash: expect.stringMatching(SHA256_HEX),
        rulesHash: view.decision.definitionHash,
      });
      expect(view.tasks).toEqual([
        expect.objectContaining({
          id: expect.stringMatching(UUID),
          evaluationId: view.id,
          stage: 'intake',
          department: 'ipo',
          status: 'open',
          allowedOutcomes: ['accept', 'return'],
          outcome: null,
        }),
      ]);
      expect(view.createdAt).toMatch(ISO_INSTANT);
    });

    it('GET /evaluations filters by type, state, status and level, and pages in a stable newest-first order', async () => {
      // A spread of cases: two types at two levels, one moved on to the countersign, one withdrawn.
      await api.submit('major-project', 'low');
      await api.submit('major-project', 'high');
      await api.submit('talent-introduction', 'high', { as: 'enterprise' });
      const moved = await api.submit('trade-show', 'low');
      await api.drive(moved.id, approvingChooser('pass'), (e) => e.state === 'countersign');
      const gone = await api.submit('technology-trade', 'low');
      expectStatus(await api.post(`/evaluations/${gone.id}/withdraw`, gone.key, {}), 200);

      const auditor = await api.auditor();
      const listed = await api.get('/evaluations?pageSize=100', auditor);
      expectStatus(listed, 200);
      const all = listed.body as Page<EvaluationSummary>;
      expect(all).toMatchObject({ page: 1, pageSize: 100, total: all.items.length });
      expect(all.items.length).toBeGreaterThanOrEqual(5);
      const created = all.items.map((item) => item.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      for (const item of all.items) {
        expect(item).not.toHaveProperty('decision');
        expect(item).not.toHaveProperty('tasks');
        expect(item.applicant).toEqual({ name: expect.any(String), creditCode: expect.any(String) });
        expect(item).toMatchObject({
          id: expect.stringMatching(UUID),
          state: expect.any(String),
          status: expect.any(String),
          level: expect.any(String),
          stateLabel: localized,
        });
      }

      const defaults = await api.get('/evaluations', auditor);
      expect(defaults.body).toMatchObject({ page: 1, pageSize: 20, total: all.total });

      const filters: [string, (item: EvaluationSummary) => boolean][] = [
        ['type=major-project', (item) => item.type === 'major-project'],
        ['state=intake', (item) => item.state === 'intake'],
        ['state=countersign', (item) => item.state === 'countersign'],
        ['status=closed', (item) => item.status === 'closed'],
        ['level=critical', (item) => item.level === 'critical'],
        ['type=major-project&level=low', (item) => item.type === 'major-project' && item.level === 'low'],
      ];
      for (const [query, matches] of filters) {
        const expected = all.items.filter(matches).map((item) => item.id);
        expect({ query, some: expected.length > 0, notAll: expected.length < all.total }).toEqual({
          query,
          some: true,
          notAll: true,
        });
        const res = await api.get(`/evaluations?${query}&pageSize=100`, auditor);
        expectStatus(res, 200);
        expect({
          query,
          ids: (res.body as Page<EvaluationSummary>).items.map((item) => item.id),
          total: res.body.total,
        }).toEqual({ query, ids: expected, total: expected.length });
      }

      const pageSize = 2;
      const paged: string[] = [];
      for (let page = 1; page <= Math.ceil(all.total / pageSize); page++) {
        const res = await api.get(`/evaluations?page=${page}&pageSize=${pageSize}`, auditor);
        expectStatus(res, 200);
        expect(res.body).toMatchObject({ page, pageSize, total: all.total });
        expect(res.body.items.length).toBe(Math.min(pageSize, all.total - (page - 1) * pageSize));
        paged.push(...(res.body as Page<EvaluationSummary>).items.map((item) => item.id));
      }
      expect(paged).toEqual(all.items.map((item) => item.id));
      const beyond = await api.get(
        `/evaluations?page=${Math.ceil(all.total / pageSize) + 1}&pageSize=${pageSize}`,
        auditor,
      );
      expect(beyond.body).toMatchObject({ items: [], total: all.total });
    });

    it('GET /evaluations/:id returns the case with its task history; an unknown id is 404', async () => {
      const { id, key } = await api.submit('trade-show', 'low', { as: 'enterprise' });
      await api.drive(id, approvingChooser('pass'), (e) => e.state === 'countersign');
      const res = await api.get(`/evaluations/${id}`, key);
      expectStatus(res, 200);
      const view = res.body as EvaluationView;
      expect(view).toMatchObject({ id, state: 'countersign', status: 'open', version: 2 });
      expect(view.history!.map((task) => [task.stage, task.status])).toEqual([
        ['intake', 'done'],
        ...view.tasks.map(() => ['countersign', 'open']),
      ]);
      expect(view.tasks.map((task) => task.department)).toEqual(
        view.decision.route.countersign.map((step) => step.department),
      );
      expectProblem(
        await api.get('/evaluations/00000000-0000-4000-8000-000000000000', key),
        404,
        'case.not-found',
      );
    });

    it('POST /evaluations/:id/withdraw answers 200 with the withdrawn case', async () => {
      const { id, key } = await api.submit('talent-introduction', 'low');
      const res = await api.post(`/evaluations/${id}/withdraw`, key, {
        reason: '候选人另有安排 The candidate went elsewhere',
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ id, state: 'withdrawn', status: 'closed', tasks: [], version: 2 });
      expect(res.body.history).toEqual([expect.objectContaining({ stage: 'intake', status: 'cancelled' })]);
    });

    it('POST /evaluations/:id/resubmit is refused (409) unless the case was returned, and then answers 200 with a new decision', async () => {
      const { id, key, view } = await api.submit('technology-trade', 'low', { as: 'enterprise' });
      const { applicant: _applicant, ...facts } = factFixture('technology-trade.low');
      const supplemented = { ...facts, ftoSearchDone: false };
      expectProblem(
        await api.post(`/evaluations/${id}/resubmit`, key, { facts: supplemented }),
        409,
        'workflow.event-not-allowed',
      );

      const [intake] = view.tasks;
      expectStatus(
        await api.complete(intake, {
          ...pick(intake, 'return'),
          comment: '请补充FTO检索报告 Supply the FTO search report',
        }),
        200,
      );
      const res = await api.post(`/evaluations/${id}/resubmit`, key, { facts: supplemented });
      expectStatus(res, 200);
      const resubmitted = res.body as EvaluationView;
      expect(resubmitted).toMatchObject({ id, state: 'intake', status: 'open', version: 3 });
      expect(resubmitted.decision.score).toBeGreaterThan(view.decision.score);
      expect(resubmitted.score).toBe(resubmitted.decision.score);
      expect(resubmitted.tasks).toEqual([expect.objectContaining({ stage: 'intake', status: 'open' })]);
      expect(resubmitted.tasks[0].id).not.toBe(intake.id);
      // Once resubmitted, it is no longer waiting for a supplement.
      expectProblem(
        await api.post(`/evaluations/${id}/resubmit`, key, { facts: supplemented }),
        409,
        'workflow.event-not-allowed',
      );
    });

    it('GET /evaluations/:id/trail lists the case events in seq order, hash-chained', async () => {
      const { id, key } = await api.submit('major-project', 'low');
      const res = await api.get(`/evaluations/${id}/trail`, key);
      expectStatus(res, 200);
      const trail = res.body as AuditEventView[];
      // One submission, one transaction: its events are adjacent in the global trail, in this order.
      const actions = trail.map((event) => event.action);
      expect(actions[0]).toBe('evaluation.submitted');
      expect(actions).toEqual(expect.arrayContaining(['decision.made', 'task.opened']));
      expect(actions.indexOf('decision.made')).toBeLessThan(actions.indexOf('task.opened'));
      expect(actions[actions.length - 1]).toBe('workflow.transition');
      expect(trail.map((event) => event.seq)).toEqual(trail.map((_, i) => trail[0].seq + i));
      for (const [i, event] of trail.entries()) {
        expect(event).toMatchObject({
          caseId: id,
          occurredAt: expect.stringMatching(ISO_INSTANT),
          actor: { id: expect.any(String), role: 'officer', department: 'ndrc' },
        });
        expect(event.hash).toMatch(SHA256_HEX);
        if (i > 0) expect(event.prevHash).toBe(trail[i - 1].hash);
      }
      expect(trail[0]).toMatchObject({
        toState: 'intake',
        payload: { type: 'major-project', competentDepartment: 'ndrc' },
      });
      expect(trail[trail.length - 1]).toMatchObject({
        fromState: null,
        toState: 'intake',
        payload: { event: 'SUBMIT', status: 'open' },
      });
      expectProblem(
        await api.get('/evaluations/00000000-0000-4000-8000-000000000000/trail', key),
        404,
        'case.not-found',
      );
    });
  });

  describe('tasks', () => {
    it('GET /tasks lists the department inbox; POST /tasks/:id/complete takes only an allowed outcome; ?status=done lists what was closed', async () => {
      const { id } = await api.submit('trade-show', 'low');
      const reviewer = await api.createKey({
        role: 'reviewer',
        name: 'IPO reviewer Zhang',
        department: 'ipo',
      });

      const inbox = await api.get('/tasks', reviewer.key);
      expectStatus(inbox, 200);
      expect(inbox.body).toMatchObject({ page: 1, pageSize: 20, total: expect.any(Number) });
      const open = inbox.body.items as InboxTaskView[];
      expect(open.length).toBeGreaterThan(0);
      expect(open.every((task) => task.department === 'ipo' && task.status === 'open')).toBe(true);
      const due = open.map((task) => task.dueAt);
      expect(due).toEqual([...due].sort()); // the earliest due first
      const task = open.find((candidate) => candidate.evaluationId === id)!;
      expect(task).toMatchObject({
        id: expect.stringMatching(UUID),
        evaluationId: id,
        key: expect.any(String),
        stage: 'intake',
        department: 'ipo',
        allowedOutcomes: ['accept', 'return'],
        status: 'open',
        outcome: null,
        comment: null,
        timeLimitWorkingDays: 5,
        openedAt: expect.stringMatching(ISO_INSTANT),
        closedAt: null,
        completedBy: null,
        case: {
          title: expect.any(String),
          type: 'trade-show',
          applicantName: expect.any(String),
          level: 'low',
        },
      });

      const refused = await api.post(`/tasks/${task.id}/complete`, reviewer.key, { outcome: 'approve' });
      expectProblem(refused, 409, 'workflow.outcome-not-allowed');
      expect(refused.body).toMatchObject({ outcome: 'approve', allowedOutcomes: ['accept', 'return'] });

      const res = await api.post(`/tasks/${task.id}/complete`, reviewer.key, {
        outcome: 'accept',
        comment: '材料齐全 Complete',
      });
      expectStatus(res, 200);
      const { case: _case, ...taskAlone } = task;
      expect(res.body).toEqual({
        ...taskAlone,
        status: 'done',
        outcome: 'accept',
        comment: '材料齐全 Complete',
        closedAt: expect.stringMatching(ISO_INSTANT),
        completedBy: { id: reviewer.id, name: 'IPO reviewer Zhang' },
      });
      expect((await api.get('/tasks', reviewer.key)).body.items.map((row: TaskView) => row.id)).not.toContain(
        task.id,
      );
      const done = await api.get('/tasks?status=done', reviewer.key);
      expectStatus(done, 200);
      expect(done.body.items).toEqual(expect.arrayContaining([{ ...res.body, case: task.case }]));
      expect(
        (done.body.items as TaskView[]).every((row) => row.department === 'ipo' && row.status !== 'open'),
      ).toBe(true);

      expectProblem(
        await api.post(`/tasks/${task.id}/complete`, reviewer.key, { outcome: 'accept' }),
        409,
        'workflow.task-not-open',
      );
      expectProblem(
        await api.post('/tasks/00000000-0000-4000-8000-000000000000/complete', reviewer.key, {
          outcome: 'accept',
        }),
        404,
        'resource.not-found',
      );
    });
  });

  describe('operations', () => {
    it('GET /health answers 200 without a key, with the database up', async () => {
      const res = await t.http.get(`${API}/health`);
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });

    it('GET /docs-json is an OpenAPI document listing every path above; GET /docs is the HTML page', async () => {
      const res = await t.http.get('/docs-json');
      expectStatus(res, 200);
      expect(res.body.openapi).toMatch(/^3\./);
      const operations = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      // Other endpoints may join later; these are the ones the API has promised so far.
      expect(operations).toEqual(
        expect.arrayContaining([
          'POST /api/v1/keys',
          'DELETE /api/v1/keys/{id}',
          'GET /api/v1/departments',
          'GET /api/v1/definitions',
          'GET /api/v1/definitions/{type}',
          'GET /api/v1/vocabulary',
          'POST /api/v1/assessments',
          'GET /api/v1/assessments/{id}',
          'POST /api/v1/evaluations',
          'GET /api/v1/evaluations',
          'GET /api/v1/evaluations/{id}',
          'POST /api/v1/evaluations/{id}/withdraw',
          'POST /api/v1/evaluations/{id}/resubmit',
          'GET /api/v1/evaluations/{id}/trail',
          'GET /api/v1/tasks',
          'POST /api/v1/tasks/{id}/complete',
          'GET /api/v1/health',
        ]),
      );

      // Each type's facts contract is a component schema; the bodies that carry `type` are discriminated by it.
      const schemas = res.body.components.schemas as Record<string, Record<string, unknown>>;
      for (const type of ACTIVITY_TYPES) {
        const name = `${type.replace(/(^|-)([a-z])/g, (_: string, _d: string, c: string) => c.toUpperCase())}Facts`;
        expect(schemas[name]).toMatchObject({ type: 'object', additionalProperties: false });
      }
      const body = res.body.paths['/api/v1/evaluations'].post.requestBody.content['application/json'].schema;
      expect(body.discriminator.propertyName).toBe('type');
      expect(Object.keys(body.discriminator.mapping).sort()).toEqual(
        [...ACTIVITY_TYPES, 'st-programme'].sort(),
      );
      expect(body.oneOf).toHaveLength(ACTIVITY_TYPES.length + 1);
      expect(schemas['CreateEvaluationDto.trade-show']).toEqual({
        allOf: [
          { $ref: '#/components/schemas/CreateEvaluationDto' },
          {
            type: 'object',
            properties: {
              type: { const: 'trade-show' },
              facts: { $ref: '#/components/schemas/TradeShowFacts' },
            },
          },
        ],
      });

      const page = await t.http.get('/docs');
      expectStatus(page, 200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('swagger');
    });

    it('errors are application/problem+json with type, title, status and detail', async () => {
      const noKey = await t.http.get(`${API}/evaluations`);
      expectProblem(noKey, 401, 'auth.unauthenticated');
      expect(noKey.body).toMatchObject({
        type: 'urn:ipr:problem:auth.unauthenticated',
        title: 'Unauthorized',
        instance: `${API}/evaluations`,
      });

      const invalid = await api.post('/evaluations', await api.officer('ndrc'), { type: 'major-project' });
      expectProblem(invalid, 400, 'request.invalid');
      expect(invalid.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'title', reason: expect.any(String) })]),
      );

      expectProblem(await api.get('/no-such-endpoint', TEST_ADMIN_KEY), 404);
    });
  });
});
