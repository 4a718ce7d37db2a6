/**
 * Several instances, as deployed behind a load balancer: two service PROCESSES (node src/main.ts) on one
 * PostgreSQL database, started at the same moment, with work driven through both at once: submissions,
 * the same task answered on both instances at once, the parallel tasks of one case answered on different
 * instances, and both schedulers running every second on the same due rows. Afterwards: every 2xx is
 * there and readable from the other instance, no update was lost (each case's version counts its
 * transitions), the audit sequence has no gap and the chain verifies, and every reminder and escalation
 * happened exactly once.
 *
 * PostgreSQL only (TEST_DATABASE_URL, as CI sets it): on SQLite one embedded file is one instance.
 */
import { Client } from 'pg';
import request from 'supertest';
import type { ActivityType } from '../src/definitions/definition.types';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { TaskView } from '../src/tasks/task.view';
import { ApiClient, expectStatus, pick, type Submission } from './support/api-client';
import { deemedCountersign } from './support/definitions-copy';
import { startServiceProcess, type ServiceProcess } from './support/service-process';
import { resetPostgres, TEST_ADMIN_KEY, testSigningKeyFile, type TestApp } from './support/test-app';

const PG_URL = process.env.TEST_DATABASE_URL;
const describeOnPostgres = PG_URL ? describe : describe.skip;

const TYPES: ActivityType[] = ['major-project', 'talent-introduction', 'trade-show', 'technology-trade'];
const PER_TYPE = 5;
/** Talent introductions left unanswered in the countersign, for the schedulers to deem approved. */
const LEFT_FOR_THE_SCHEDULER = 2;

describeOnPostgres('two service processes on one PostgreSQL (needs TEST_DATABASE_URL)', () => {
  jest.setTimeout(180_000);
  let definitions: ReturnType<typeof deemedCountersign>;
  let services: ServiceProcess[] = [];
  let apis: ApiClient[] = [];
  let db: Client;
  const submissions: (Submission & { type: ActivityType; via: number })[] = [];

  beforeAll(async () => {
    definitions = deemedCountersign(); // here, not at collection: a skipped suite leaves no temp copy
    await resetPostgres(PG_URL!);
    const env = {
      DATABASE_URL: PG_URL!,
      IPR_ADMIN_KEY: TEST_ADMIN_KEY,
      IPR_AUDIT_SIGNING_KEY_FILE: testSigningKeyFile(),
      IPR_DEFINITIONS_DIR: definitions.dir,
      IPR_SCHEDULER_SECONDS: '1',
      LOG_LEVEL: 'warn',
    };
    // Started together, as after a deployment: migrations and the first admin key are written once.
    services = await Promise.all([startServiceProcess(env), startServiceProcess(env)]);
    apis = services.map((service) => new ApiClient(request(service.url) as unknown as TestApp['http']));
    db = new Client({ connectionString: PG_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await Promise.all(services.map((service) => service.stop()));
    definitions?.remove();
  });

  const other = (via: number) => apis[1 - via];

  it('started together, the two instances share one admin key and one set of definition versions', async () => {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM api_keys WHERE role = 'admin'`);
    expect(Number(rows[0].n)).toBe(1);
    const versions = await db.query<{ n: string }>('SELECT count(*) AS n FROM definition_versions');
    // One rule-set version per type and one of the workflow they all follow (standard-review), not one set
    // per instance; an earlier spec on the same database may have left a workflow version of its own.
    expect(Number(versions.rows[0].n)).toBeGreaterThanOrEqual(TYPES.length + 1);
    expect(Number(versions.rows[0].n)).toBeLessThan(2 * (TYPES.length + 1));
  });

  it('takes concurrent submissions through both instances; each is readable from the other', async () => {
    const work = TYPES.flatMap((type) => Array.from({ length: PER_TYPE }, (_, i) => ({ type, via: i % 2 })));
    const done = await Promise.all(
      work.map(({ type, via }) => apis[via].submit(type, 'low', { title: `${type} via instance ${via}` })),
    );
    submissions.push(...done.map((submission, i) => ({ ...submission, ...work[i] })));
    const reads = await Promise.all(submissions.map((s) => other(s.via).evaluation(s.id)));
    expect(reads.map((view) => view.id)).toEqual(submissions.map((s) => s.id));
    expect(reads.every((view) => view.state === 'intake' && view.version === 1)).toBe(true);
  });

  it('answers the same task on both instances at once: exactly one answer wins, the other is a 409', async () => {
    const answers = await Promise.all(
      submissions.map(async (s) => {
        const intake = s.view.tasks[0];
        return Promise.all(apis.map((api) => api.complete(intake, pick(intake, 'accept'))));
      }),
    );
    for (const pair of answers) {
      if (
        pair
          .map((res) => res.status)
          .sort()
          .join() !== '200,409'
      ) {
        throw new Error(
          `expected one 200 and one 409, got: ${pair.map((res) => `${res.status} ${res.text}`).join(' | ')}`,
        );
      }
      const lost = pair.find((res) => res.status === 409)!;
      expect(['workflow.task-not-open', 'case.version-conflict']).toContain(lost.body.code);
    }
  });

  it('answers the parallel countersign tasks of one case on different instances without losing an answer', async () => {
    const answered = submissions.filter(
      (s, i) => !(s.type === 'talent-introduction' && i % PER_TYPE < LEFT_FOR_THE_SCHEDULER),
    );
    await Promise.all(
      answered.map(async (s) => {
        const tasks = (await apis[0].evaluation(s.id)).tasks;
        expect(tasks.length).toBeGreaterThan(0);
        await Promise.all(tasks.map((task, i) => completeRetryingConflicts(apis[i % 2], task)));
      }),
    );
    for (const s of answered) {
      const view = await apis[1].evaluation(s.id);
      expect(view.state).toBe('decision');
      const countersign = (view.history ?? []).filter((task) => task.stage === 'countersign');
      expect(countersign.every((task) => task.status === 'done' && task.outcome === 'approve')).toBe(true);
    }
  });

  it('both schedulers act on the same due rows: each reminder and escalation exactly once', async () => {
    const open = (await Promise.all(submissions.map((s) => apis[0].evaluation(s.id)))).flatMap((view) =>
      view.tasks.map((task) => task.id),
    );
    // The processes run on the real clock; the due rows are moved into the past instead of the clock forward.
    const { rows } = await db.query<{ id: string }>(
      `UPDATE tasks SET remind_at = '2000-01-01T00:00:00.000Z', escalate_at = '2000-01-03T00:00:00.000Z' WHERE status = 'open' RETURNING id`,
    );
    const due = rows.map((row) => row.id);
    expect(due.sort()).toEqual(open.sort()); // a decision task per answered case, and the waiting countersigns
    await waitFor(async () => {
      const pending = await db.query(
        `SELECT 1 FROM tasks WHERE id = ANY($1) AND (reminded_at IS NULL OR escalated_at IS NULL)`,
        [due],
      );
      return pending.rowCount === 0;
    });
    const events = await db.query<{ entity_id: string; action: string; n: string }>(
      `SELECT entity_id, action, count(*) AS n FROM audit_events WHERE action IN ('task.reminded', 'task.escalated') GROUP BY entity_id, action`,
    );
    expect(events.rows.length).toBe(2 * due.length);
    expect(events.rows.every((row) => Number(row.n) === 1 && due.includes(row.entity_id))).toBe(true);
    const notices = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM notifications GROUP BY task_id, kind, department HAVING count(*) > 1`,
    );
    expect(notices.rows).toEqual([]);

    // The talent introductions left in the countersign were deemed approved and moved on, once each.
    const left = submissions.filter(
      (s, i) => s.type === 'talent-introduction' && i % PER_TYPE < LEFT_FOR_THE_SCHEDULER,
    );
    for (const s of left) {
      const view = await apis[0].evaluation(s.id);
      expect(view.state).toBe('decision');
      const countersign = (view.history ?? []).filter((task) => task.stage === 'countersign');
      expect(
        countersign.every((task) => task.completedBy?.id === 'scheduler' && task.outcome === 'approve'),
      ).toBe(true);
    }
  });

  it('lost no update and kept the chain: versions count transitions, the sequence has no gap, the chain verifies', async () => {
    for (const s of submissions) {
      const view: EvaluationView = await apis[s.via].evaluation(s.id);
      const transitions = (await apis[1 - s.via].trail(s.id)).filter(
        (event) => event.action === 'workflow.transition',
      );
      expect(view.version).toBe(transitions.length);
    }
    const auditors = await Promise.all(apis.map((api) => api.auditor())); // issuing a key is an audit event too
    const { rows } = await db.query<{ n: string; max: number }>(
      'SELECT count(*) AS n, max(seq) AS max FROM audit_events',
    );
    expect(Number(rows[0].n)).toBe(rows[0].max);
    for (const [i, api] of apis.entries()) {
      const verified = await api.get('/audit/verify', auditors[i]);
      expectStatus(verified, 200);
      expect(verified.body).toMatchObject({ ok: true, events: rows[0].max });
    }
  });
});

/** What a client does with a 409 version conflict: reload and try again. Any other answer fails the test. */
async function completeRetryingConflicts(api: ApiClient, task: TaskView): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const res = await api.complete(task, pick(task, 'approve'));
    if (res.status === 200) return;
    if (res.status !== 409 || res.body.code !== 'case.version-conflict') expectStatus(res, 200);
  }
  throw new Error(`task ${task.id} still conflicting after 20 attempts`);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
