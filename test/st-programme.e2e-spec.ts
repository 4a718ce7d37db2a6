/**
 * A project of an S&T programme through its three phases over HTTP (科技计划知识产权目标评估): approval
 * (立项), running until the mid-term report, mid-term review (中期), running until acceptance, acceptance
 * by the expert panel and the competent department (验收), archived with the acceptance outcome. The type
 * is data only (rules/st-programme, workflows/phased-assessment.json). Runs on SQLite, and on PostgreSQL
 * with TEST_DATABASE_URL.
 */
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import { ApiClient, expectProblem, expectStatus, SteppingClock } from './support/api-client';
import { factFixture } from './support/fact-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const TYPE = 'st-programme';

describe('st-programme: a whole project through three phases', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
  });
  afterAll(() => t.close());

  const phaseFacts = (phase: string, change: Record<string, unknown> = {}) => {
    const { applicant: _applicant, ...facts } = factFixture(`${TYPE}.${phase}`);
    return { ...facts, ...change };
  };

  async function open(): Promise<{ id: string; officer: string }> {
    const officer = await api.officer('most');
    const { applicant } = factFixture(`${TYPE}.approval`);
    const res = await api.post('/evaluations', officer, {
      type: TYPE,
      title: '海洋防腐新材料关键技术研发',
      applicant,
      competentDepartment: 'most',
      facts: phaseFacts('approval'),
    });
    expectStatus(res, 201);
    return { id: (res.body as EvaluationView).id, officer };
  }

  /** Completes the one open task with the answer for its stage; returns the case after it. */
  async function answer(id: string, outcomes: Record<string, object>): Promise<EvaluationView> {
    const [task] = (await api.evaluation(id)).tasks;
    const res = await api.complete(task, { ...(outcomes[task.stage] as { outcome: string }) });
    expectStatus(res, 200);
    return api.evaluation(id);
  }

  async function submitPhase(id: string, key: string, phase: string, facts: object) {
    return api.post(`/evaluations/${id}/phases`, key, { phase, facts });
  }

  it('approval → running → mid-term → running → acceptance → archived with the acceptance outcome', async () => {
    const { id, officer } = await open();
    let evaluation = await api.evaluation(id);
    expect(evaluation).toMatchObject({
      state: 'countersign',
      status: 'open',
      phase: 'approval',
      awaiting: null,
    });
    expect(evaluation.tasks.map((task) => [task.stage, task.department])).toEqual([['countersign', 'ipo']]);

    // 立项: the IP office reviews, the science and technology bureau decides.
    evaluation = await answer(id, { countersign: { outcome: 'approve' } });
    expect(evaluation.tasks.map((task) => [task.stage, task.department])).toEqual([['decision', 'most']]);
    evaluation = await answer(id, { decision: { outcome: 'pass', comment: '同意立项' } });
    expect(evaluation).toMatchObject({
      state: 'running-to-midterm',
      status: 'open',
      outcome: null, // a phase passed is not the case's outcome
      awaiting: { phase: 'midterm', dueOn: '2027-03-31' }, // from the task contract's date in the facts
    });
    expect(evaluation.tasks).toEqual([]);

    // Only the awaited phase, with that phase's contract, is taken.
    expectProblem(
      await submitPhase(id, officer, 'acceptance', phaseFacts('acceptance')),
      409,
      'workflow.event-not-allowed',
    );
    const unknown = await submitPhase(id, officer, 'final-report', phaseFacts('midterm'));
    expectProblem(unknown, 400, 'request.invalid');
    expect(unknown.body.errors).toEqual([
      { field: 'phase', reason: 'phase must be one of midterm, acceptance' },
    ]);
    const bad = await submitPhase(id, officer, 'midterm', phaseFacts('approval'));
    expectProblem(bad, 400, 'request.invalid');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['facts.rights', 'facts.project']),
    );
    expect((await api.evaluation(id)).state).toBe('running-to-midterm');

    // 中期: a right owned by someone else is a finding; the phase's rules decide.
    const midterm = await submitPhase(id, officer, 'midterm', phaseFacts('midterm'));
    expectStatus(midterm, 200);
    evaluation = midterm.body as EvaluationView;
    expect(evaluation).toMatchObject({ state: 'countersign', phase: 'midterm', awaiting: null });
    expect(evaluation.decision.derivedFacts).toMatchObject({
      lowestCompletion: 0.5,
      acceptanceDueOn: '2028-03-31',
    });
    await answer(id, { countersign: { outcome: 'approve' } });
    evaluation = await answer(id, { decision: { outcome: 'pass', comment: '中期评估通过' } });
    expect(evaluation).toMatchObject({
      state: 'running-to-acceptance',
      awaiting: { phase: 'acceptance', dueOn: '2028-03-31' },
    });

    // 验收: the expert panel, then the competent department's conclusion.
    evaluation = (await submitPhase(id, officer, 'acceptance', phaseFacts('acceptance')))
      .body as EvaluationView;
    expect(evaluation).toMatchObject({ state: 'expert-review', phase: 'acceptance' });
    expect(evaluation.decision.hardStops).toEqual([]);
    evaluation = await answer(id, { 'expert-review': { outcome: 'approve', comment: '目标全部完成' } });
    expect(evaluation.tasks.map((task) => [task.stage, task.department, task.allowedOutcomes])).toEqual([
      ['acceptance', 'most', ['pass', 'fail', 'rectify']],
    ]);
    evaluation = await answer(id, { acceptance: { outcome: 'pass', comment: '通过验收' } });
    expect(evaluation).toMatchObject({ state: 'archived', status: 'closed', outcome: 'pass' });

    // Every phase's decision is kept in the trail and replays identical with the rules it was made with.
    const trail = await api.trail(id);
    const decisions = trail.filter((event) => event.action === 'decision.made');
    expect(decisions).toHaveLength(3);
    const hashes = decisions.map(
      (event) => (event.payload as { decision: { definitionHash: string } }).decision.definitionHash,
    );
    expect(new Set(hashes).size).toBe(3);
    const replay = await api.post(`/evaluations/${id}/replay`, await api.auditor());
    expectStatus(replay, 200);
    expect(replay.body).toMatchObject({ identical: true });
    expect(replay.body.rounds).toHaveLength(3);
  });

  it('an unmet target without a written explanation blocks a pass at acceptance; 限期整改 archives the case', async () => {
    const { id, officer } = await open();
    await answer(id, { countersign: { outcome: 'approve' } });
    await answer(id, { decision: { outcome: 'pass' } });
    expectStatus(await submitPhase(id, officer, 'midterm', phaseFacts('midterm')), 200);
    await answer(id, { countersign: { outcome: 'approve' } });
    await answer(id, { decision: { outcome: 'pass' } });
    const unmet = phaseFacts('acceptance', {
      ipTargets: { ...(phaseFacts('acceptance').ipTargets as object), pctApplications: 1 },
    });
    const accepted = (await submitPhase(id, officer, 'acceptance', unmet)).body as EvaluationView;
    expect(accepted.decision.hardStops.map((stop) => stop.rule)).toEqual([
      'st.acceptance.unexplained-unmet-target',
    ]);
    await answer(id, { 'expert-review': { outcome: 'object', comment: 'PCT 目标未完成且无说明' } });
    const [task] = (await api.evaluation(id)).tasks;
    expectProblem(await api.complete(task, { outcome: 'pass' }), 409, 'workflow.override-required');
    const evaluation = await answer(id, {
      acceptance: { outcome: 'rectify', comment: '限期三个月补充说明' },
    });
    expect(evaluation).toMatchObject({ state: 'archived', status: 'closed', outcome: 'rectify' });
  });

  it('a type without phases takes no phase submission', async () => {
    const { id, key } = await api.submit('trade-show', 'low');
    const res = await submitPhase(id, key, 'midterm', {});
    expectProblem(res, 400, 'request.invalid');
    expect(res.body.errors).toEqual([{ field: 'phase', reason: 'trade-show has no later phases' }]);
  });
});
