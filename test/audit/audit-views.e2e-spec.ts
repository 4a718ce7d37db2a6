/**
 * The auditor's views: every kind of event lands in the chain (reads of a case by auditors and other
 * departments included), the case trail is a readable timeline, and GET /audit/events filters it by case,
 * actor, department, action and time.
 */
import type { TimelineEntry } from '../../src/audit/audit-timeline';
import type { TimelinePage } from '../../src/audit/audit-events.service';
import type { EvaluationView } from '../../src/evaluations/evaluation.view';
import {
  ApiClient,
  approvingChooser,
  expectProblem,
  expectStatus,
  FIXTURE_EPOCH,
  SteppingClock,
} from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('auditor views of the trail', () => {
  let t: TestApp;
  let api: ApiClient;
  let auditor: string;
  let officer: string;
  let caseId: string;
  let closed: EvaluationView;

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
    auditor = await api.auditor();
    const submitted = await api.submit('talent-introduction', 'high');
    caseId = submitted.id;
    officer = submitted.key;
    closed = (await api.driveToClosed(caseId, approvingChooser('pass-with-conditions'))).evaluation;
  });

  afterAll(async () => {
    await t?.close();
  });

  async function events(query: string): Promise<TimelinePage> {
    const res = await api.get(`/audit/events?${query}`, auditor);
    expectStatus(res, 200);
    return res.body as TimelinePage;
  }

  const readsOfCase = async () =>
    (await events(`caseId=${caseId}&action=evaluation.read&pageSize=200`)).items;

  it('GET /audit/head answers at once with the head signed at the last commit (it was a 404 until a timed checkpoint)', async () => {
    const head = await api.get('/audit/head', auditor);
    expectStatus(head, 200);
    expect(head.body).toMatchObject({ seq: expect.any(Number), algorithm: 'Ed25519' });
  });

  it('records reads of a case by auditors and by other departments, not by the applicant side or the competent department', async () => {
    const countersigners = closed
      .history!.filter((task) => task.stage === 'countersign')
      .map((task) => task.department);
    const other = countersigners.find((d) => d !== 'hrss');
    expect(other).toBeDefined(); // routed to a department other than the competent one

    const before = (await readsOfCase()).length;
    expectStatus(await api.get(`/evaluations/${caseId}`, officer), 200);
    expectStatus(await api.get(`/evaluations/${caseId}`, await api.reviewer('hrss')), 200);
    expectStatus(
      await api.get(`/evaluations/${caseId}`, await api.enterprise(closed.applicant.creditCode)),
      200,
    );
    expect(await readsOfCase()).toHaveLength(before);

    expectStatus(await api.get(`/evaluations/${caseId}`, await api.reviewer(other!)), 200);
    expectStatus(await api.get(`/evaluations/${caseId}`, auditor), 200);
    expectStatus(await api.get(`/evaluations/${caseId}/trail`, auditor), 200);
    const reads = (await readsOfCase()).slice(before);
    expect(reads.map((e) => [e.actor.role, e.actor.department, e.payload])).toEqual([
      ['reviewer', other, { view: 'case' }],
      ['auditor', null, { view: 'case' }],
      ['auditor', null, { view: 'trail' }],
    ]);
    // A refused read leaves nothing: it did not happen.
    expectProblem(
      await api.get(`/evaluations/${caseId}`, await api.reviewer('customs')),
      403,
      'auth.forbidden',
    );
    expect(await readsOfCase()).toHaveLength(before + 3);
  });

  it('every kind of event is in the chain', async () => {
    const { id: keyId } = await api.createKey({ role: 'reviewer', department: 'ipo', name: 'to be revoked' });
    expect(
      (await api.delete(`/keys/${keyId}`, (await import('../support/test-app')).TEST_ADMIN_KEY)).status,
    ).toBe(204);
    expectStatus(await api.post(`/evaluations/${caseId}/replay`, auditor), 200);
    const all = await events('pageSize=200');
    const actions = new Set(all.items.map((e) => e.action));
    for (const action of [
      'key.created',
      'key.revoked',
      'evaluation.submitted',
      'decision.made',
      'task.opened',
      'task.completed',
      'workflow.transition',
      'evaluation.read',
      'evaluation.replayed',
    ]) {
      expect(actions).toContain(action);
    }
    expect(all.items.find((e) => e.action === 'key.revoked')).toMatchObject({
      entityId: keyId,
      actor: { role: 'admin', name: 'first administrator' },
    });
  });

  it('the case trail is a readable timeline: who (name, role, department), what, states, outcome, comment, findings', async () => {
    const res = await api.get(`/evaluations/${caseId}/trail`, officer);
    expectStatus(res, 200);
    const trail = res.body as TimelineEntry[];
    expect(trail.some((e) => e.action === 'evaluation.read' || e.action === 'evaluation.replayed')).toBe(
      false,
    );
    expect(trail[0]).toMatchObject({
      action: 'evaluation.submitted',
      toState: 'intake',
      actor: { role: 'officer', department: 'hrss', name: 'officer hrss' },
    });

    const decision = trail.find((e) => e.action === 'decision.made')!;
    expect(decision.decision).toMatchObject({
      round: 1,
      rulesHash: closed.definition.rulesHash,
      score: closed.decision.score,
      level: closed.decision.level,
      findings: closed.decision.findings.map((f) => ({
        rule: f.rule,
        dimension: f.dimension,
        points: f.points,
        reason: f.reason,
        basis: f.basis,
      })),
      hardStops: closed.decision.hardStops.map((h) => ({ rule: h.rule, reason: h.reason, basis: h.basis })),
    });
    expect(decision.decision!.findings.length).toBeGreaterThan(0);

    const completions = trail.filter((e) => e.action === 'task.completed');
    expect(completions.length).toBe(closed.history!.filter((task) => task.status === 'done').length);
    const decided = completions.find((e) => e.payload.stage === 'decision')!;
    expect(decided).toMatchObject({
      outcome: 'pass-with-conditions',
      actor: { role: 'reviewer', department: 'hrss', name: 'reviewer hrss' },
    });
    const toConditions = trail.find((e) => e.action === 'workflow.transition' && e.toState === 'conditions')!;
    expect(toConditions).toMatchObject({ fromState: 'decision', outcome: 'pass-with-conditions' });
    expect(trail[trail.length - 1]).toMatchObject({
      action: 'workflow.transition',
      fromState: 'conditions',
      toState: 'archived',
    });

    const withAccess = await api.get(`/evaluations/${caseId}/trail?include=access`, auditor);
    expect(
      (withAccess.body as TimelineEntry[]).filter((e) => e.action === 'evaluation.read').length,
    ).toBeGreaterThan(0);
    expectProblem(
      await api.get(`/evaluations/${caseId}/trail?include=everything`, auditor),
      400,
      'request.invalid',
    );
  });

  it('GET /audit/events filters by case, actor, department, action and time, and pages', async () => {
    const all = await events('pageSize=200');
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((e) => e.seq)).toEqual(all.items.map((_, i) => i + 1));

    const ofCase = await events(`caseId=${caseId}&pageSize=200`);
    expect(ofCase.items.every((e) => e.caseId === caseId)).toBe(true);
    expect(ofCase.total).toBe(all.items.filter((e) => e.caseId === caseId).length);

    const ipoWork = await events('department=ipo&action=task.completed');
    expect(ipoWork.items.length).toBeGreaterThan(0);
    expect(ipoWork.items.every((e) => e.actor.department === 'ipo' && e.action === 'task.completed')).toBe(
      true,
    );

    const actorId = ipoWork.items[0].actor.id;
    const byActor = await events(`actorId=${actorId}&pageSize=200`);
    expect(byActor.items.every((e) => e.actor.id === actorId)).toBe(true);
    expect(byActor.total).toBe(all.items.filter((e) => e.actor.id === actorId).length);

    // The stepping clock moves one second per reading: a window in the middle holds exactly what happened then.
    const from = new Date(Date.parse(FIXTURE_EPOCH) + 10_000).toISOString();
    const to = new Date(Date.parse(FIXTURE_EPOCH) + 20_000).toISOString();
    const window = await events(`from=${from}&to=${to}&pageSize=200`);
    expect(window.items.map((e) => e.seq)).toEqual(
      all.items.filter((e) => e.occurredAt >= from && e.occurredAt < to).map((e) => e.seq),
    );
    expect(window.total).toBeGreaterThan(0);

    const page2 = await events('page=2&pageSize=5');
    expect(page2).toMatchObject({ page: 2, pageSize: 5, total: all.total });
    expect(page2.items.map((e) => e.seq)).toEqual([6, 7, 8, 9, 10]);

    expectProblem(await api.get('/audit/events?from=yesterday', auditor), 400, 'request.invalid');
    expectProblem(await api.get('/audit/events?pageSize=1000', auditor), 400, 'request.invalid');
    expectProblem(await api.get('/audit/events?caseId=not-a-uuid', auditor), 400, 'request.invalid');
  });
});
