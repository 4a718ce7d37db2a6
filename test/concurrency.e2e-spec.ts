/**
 * Requests racing each other over real HTTP. On SQLite the unit of work serialises them; on PostgreSQL
 * (TEST_DATABASE_URL) the transactions really run in parallel, and the optimistic case version, the
 * "only an open task closes" update and the locked audit head must keep the record straight.
 */
import { DataSource } from 'typeorm';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { type ChainedEvent, chainHash, GENESIS_HASH } from '../src/audit/audit-hash';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { TaskView } from '../src/tasks/task.view';
import {
  bearer,
  buildWorld,
  caseBody,
  expectProblem,
  expectStatus,
  INTAKE_DEPARTMENT,
  issueKey,
  type IssuedKey,
  onlyOpenTask,
  send,
  submitCase,
  type World,
} from './support/authz-world';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let world: World;
let reviewers: [IssuedKey, IssuedKey]; // two reviewers of the IP office, which does intake

beforeAll(async () => {
  t = await startTestApp();
  world = await buildWorld(t);
  reviewers = [
    await issueKey(t, { role: 'reviewer', department: INTAKE_DEPARTMENT }),
    await issueKey(t, { role: 'reviewer', department: INTAKE_DEPARTMENT }),
  ];
});

afterAll(() => t?.close());

const events = () => t.app.get(DataSource).getRepository(AuditEventEntity);

/** What the hash of a stored event covers, field by field (the payload is stored as canonical JSON). */
function chained(e: AuditEventEntity): ChainedEvent {
  return {
    seq: e.seq,
    occurredAt: e.occurredAt,
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorDepartment: e.actorDepartment,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    caseId: e.caseId,
    fromState: e.fromState,
    toState: e.toState,
    payload: JSON.parse(e.payload),
  };
}

async function caseAsAuditor(id: string): Promise<EvaluationView> {
  const res = await send(t, 'get', `/evaluations/${id}`, world.header.auditor);
  expectStatus(res, 200);
  return res.body as EvaluationView;
}

describe('two reviewers complete the same task at the same moment', () => {
  it.each(Array.from({ length: 10 }, (_, round) => round + 1))(
    'round %i: one wins, the other gets a 409, the case moves once',
    async () => {
      const evaluation = await submitCase(world);
      const task = onlyOpenTask(evaluation);

      const responses = await Promise.all(
        reviewers.map((reviewer) =>
          send(t, 'post', `/tasks/${task.id}/complete`, bearer(reviewer.key), { outcome: 'accept' }),
        ),
      );

      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = responses.findIndex((r) => r.status === 200);
      const loser = responses[1 - winner];
      expectProblem(loser, 409);
      expect(['workflow.task-not-open', 'case.version-conflict']).toContain(loser.body.code);
      expect(responses[winner].body).toMatchObject({
        id: task.id,
        status: 'done',
        outcome: 'accept',
        completedBy: { id: reviewers[winner].id, name: expect.any(String) },
      });

      // The case took exactly one step: intake accepted, on to the countersign, version 1 -> 2.
      const after = await caseAsAuditor(evaluation.id);
      expect(after.version).toBe(2);
      expect(after.state).toBe('countersign');
      const intake = after.history!.filter((h: TaskView) => h.stage === 'intake');
      expect(intake).toEqual([
        expect.objectContaining({
          id: task.id,
          status: 'done',
          completedBy: { id: reviewers[winner].id, name: expect.any(String) },
        }),
      ]);
      const countersignTasks = after.history!.filter((h: TaskView) => h.stage === 'countersign');
      expect(new Set(countersignTasks.map((h) => h.key)).size).toBe(countersignTasks.length); // none opened twice

      const trail = await events().find({ where: { caseId: evaluation.id }, order: { seq: 'ASC' } });
      expect(trail.filter((e) => e.action === 'task.completed' && e.entityId === task.id)).toHaveLength(1);
      expect(
        trail.filter((e) => e.action === 'workflow.transition').map((e) => JSON.parse(e.payload).event),
      ).toEqual(['SUBMIT', 'TASK_COMPLETED']);
      expect(trail.filter((e) => e.action === 'task.opened')).toHaveLength(after.history!.length);
    },
  );
});

describe('a withdrawal racing a task completion on the same case', () => {
  it.each([1, 2, 3, 4, 5])('round %i: every success is one recorded step, and nothing else is', async () => {
    const evaluation = await submitCase(world);
    const task = onlyOpenTask(evaluation);

    const responses = await Promise.all([
      send(t, 'post', `/tasks/${task.id}/complete`, bearer(reviewers[0].key), { outcome: 'accept' }),
      send(t, 'post', `/evaluations/${evaluation.id}/withdraw`, world.header['enterprise-owner'], {
        reason: '撤回',
      }),
    ]);

    // Whichever comes second either still applies (a withdrawal from the countersign) or loses to the first
    // (409: the task was cancelled under it, or the case version moved); it never half-applies.
    for (const res of responses) {
      if (res.status !== 200) {
        expectProblem(res, 409);
        expect(['workflow.task-not-open', 'case.version-conflict']).toContain(res.body.code);
      }
    }
    const successes = responses.filter((r) => r.status === 200).length;
    expect(successes).toBeGreaterThanOrEqual(1);
    const after = await caseAsAuditor(evaluation.id);
    if (responses[1].status === 200) {
      expect(after.state).toBe('withdrawn');
      expect(after.tasks).toEqual([]);
    } else {
      expect(after.state).toBe('countersign');
    }
    expect(after.version).toBe(1 + successes);
    const transitions = await events().find({
      where: { caseId: evaluation.id, action: 'workflow.transition' },
    });
    expect(transitions).toHaveLength(1 + successes);
    const completed = await events().count({ where: { entityId: task.id, action: 'task.completed' } });
    expect(completed).toBe(responses[0].status === 200 ? 1 : 0);
  });
});

describe('departments completing their parallel countersign tasks at the same moment', () => {
  it.each([1, 2, 3])('round %i: every answer is taken, each a step of its own', async () => {
    const evaluation = await submitCase(world);
    const intake = onlyOpenTask(evaluation);
    expectStatus(
      await send(t, 'post', `/tasks/${intake.id}/complete`, bearer(reviewers[0].key), { outcome: 'accept' }),
      200,
    );
    const parallel = (await caseAsAuditor(evaluation.id)).tasks;
    expect(parallel.length).toBeGreaterThanOrEqual(2);
    const keys = await Promise.all(
      parallel.map((task) => issueKey(t, { role: 'reviewer', department: task.department })),
    );

    // Each completion was worked out from the case as it was before any of them; the ones that find the
    // case changed when they write are worked out again on the case as it is, not refused.
    const responses = await Promise.all(
      parallel.map((task, i) =>
        send(t, 'post', `/tasks/${task.id}/complete`, bearer(keys[i].key), { outcome: 'approve' }),
      ),
    );
    for (const res of responses) expectStatus(res, 200);

    const after = await caseAsAuditor(evaluation.id);
    expect(after.version).toBe(2 + parallel.length);
    for (const task of parallel)
      expect(after.history!.find((h: TaskView) => h.id === task.id)).toMatchObject({
        status: 'done',
        outcome: 'approve',
      });
    const transitions = await events().count({
      where: { caseId: evaluation.id, action: 'workflow.transition' },
    });
    expect(transitions).toBe(2 + parallel.length);
  });
});

describe('thirty submissions at once', () => {
  it('all succeed, and the audit trail stays one gap-free hash chain', async () => {
    const submitters = [world.header['enterprise-owner'], world.header['officer-competent']];
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        send(t, 'post', '/evaluations', submitters[i % 2], caseBody({ title: `并发提交 ${i + 1}` })),
      ),
    );
    for (const res of responses) expectStatus(res, 201);
    const ids = responses.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(30);

    const chain = await events().find({ order: { seq: 'ASC' } });
    expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
    chain.forEach((event, i) => {
      expect(event.prevHash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1].hash);
      expect(chainHash(event.prevHash, chained(event))).toBe(event.hash);
    });

    // Each submission appended its events in one unbroken run: no other transaction wrote in between.
    for (const id of ids) {
      const seqs = chain.filter((e) => e.caseId === id).map((e) => e.seq);
      expect(seqs.filter((s) => chain[s - 1].action === 'evaluation.submitted')).toHaveLength(1);
      expect(seqs[seqs.length - 1] - seqs[0] + 1).toBe(seqs.length);
    }
  });
});
