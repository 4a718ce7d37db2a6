/**
 * Whole case lifecycles over real HTTP, for each activity type, driven only through the API and only with
 * the outcomes each task offers: submission to archive (pass with conditions, override of hard stops), a
 * return and a resubmission that decides again, withdrawal, and the defer / not-recommended decisions.
 * After each one, the case record and its trail must tell the same story.
 */
import { ACTIVITY_TYPES } from './support/activity-types';
import { type ActivityType } from '../src/definitions/definition.types';
import type { Decision } from '../src/decision/decision.types';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { AuditEventView } from '../src/audit/audit-event.view';
import {
  ApiClient,
  approvingChooser,
  COMPETENT_DEPARTMENT,
  DriveStep,
  expectProblem,
  expectStatus,
  pick,
  SteppingClock,
} from './support/api-client';
import { changeFacts, factFixture, type FactChange } from './support/fact-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** What each stage offers (docs/domain.md §7); written out here so a change in the code shows up as a failure. */
const OUTCOMES_OF_STAGE: Record<string, string[]> = {
  intake: ['accept', 'return'],
  'expert-review': ['approve', 'object', 'return'],
  countersign: ['approve', 'object', 'return'],
  'legality-review': ['approve', 'object', 'return'],
  decision: ['pass', 'pass-with-conditions', 'defer', 'not-recommended'],
  conditions: ['fulfilled'],
};

const CONDITION = '取得自由实施（FTO）分析意见后方可实施 Obtain an FTO opinion before implementation';
const OVERRIDE =
  '经核查否决项所涉情形已消除 The facts behind the hard stops were checked and no longer apply';
const RETURN_COMMENT =
  '一次性告知：请补充自由实施分析及境外布局材料 Supply the FTO analysis and the filings abroad';

/** A supplement that changes what the rules see: each adds a scored finding (and no hard stop) to the low fixture. */
const SUPPLEMENT_CHANGE: Record<ActivityType, FactChange> = {
  'major-project': { ftoSearchDone: false },
  'talent-introduction': { claimedAchievementsVerified: false },
  'trade-show': { localCounselArranged: false },
  'technology-trade': { ftoSearchDone: false },
};

/** The stages a case passes through up to its decision, as its Decision's route asks. */
function pathToDecision(decision: Decision): { stage: string; department: string }[] {
  const { route } = decision;
  return [
    { stage: 'intake', department: 'ipo' },
    ...(route.expertReview ? [{ stage: 'expert-review', department: 'experts' }] : []),
    ...route.countersign.map((step) => ({ stage: 'countersign', department: step.department })),
    ...(route.legalityReview ? [{ stage: 'legality-review', department: 'justice' }] : []),
  ];
}

const stagesOf = (steps: DriveStep[]) => steps.map(({ stage, department }) => ({ stage, department }));

describe('case lifecycles over HTTP', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Every task a drive completed offered exactly its stage's outcomes. */
  function expectStageOutcomes(steps: DriveStep[]): void {
    for (const step of steps)
      expect({ stage: step.stage, offered: step.allowedOutcomes }).toEqual({
        stage: step.stage,
        offered: OUTCOMES_OF_STAGE[step.stage],
      });
  }

  /**
   * The closed case as its submitter reads it: the final state and outcome, no open task, and a task
   * history whose completed tasks are the drive's completions in order. Returns the view.
   */
  async function expectClosedRecord(
    id: string,
    key: string,
    expected: {
      state: 'archived' | 'withdrawn';
      outcome: string | null;
      conditions: string[];
      overrideReason: string | null;
    },
    completions: { stage: string; department: string; outcome: string }[],
  ): Promise<EvaluationView> {
    const res = await api.get(`/evaluations/${id}`, key);
    expectStatus(res, 200);
    const view = res.body as EvaluationView;
    expect(view).toMatchObject({ id, status: 'closed', tasks: [], ...expected });
    expect(view.stateLabel).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const history = view.history ?? [];
    expect(history.every((task) => task.status !== 'open' && task.closedAt !== null)).toBe(true);
    const done = history.filter((task) => task.status === 'done');
    expect(done.map(({ stage, department, outcome }) => ({ stage, department, outcome }))).toEqual(
      completions,
    );
    expect(done.every((task) => task.allowedOutcomes.includes(task.outcome!))).toBe(true);
    // Who completed each task is the officials' to see (an enterprise submitter sees null): the auditor does.
    const officialHistory = (await api.evaluation(id)).history ?? [];
    expect(
      officialHistory.filter((task) => task.status === 'done').every((task) => task.completedBy !== null),
    ).toBe(true);
    for (const task of history.filter((t) => t.status === 'cancelled'))
      expect(task).toMatchObject({ outcome: null, completedBy: null });
    return view;
  }

  /**
   * The case's trail: in seq order, from the submission to the transition into the final state, every
   * workflow transition starting where the previous one ended, and the hash chain unbroken where the
   * events are adjacent in the global trail.
   */
  async function expectTrail(
    id: string,
    key: string,
    finalState: string,
    fromState: string,
  ): Promise<AuditEventView[]> {
    const res = await api.get(`/evaluations/${id}/trail`, key);
    expectStatus(res, 200);
    const trail = res.body as AuditEventView[];
    expect(trail.length).toBeGreaterThan(3);
    expect(trail.every((event) => event.caseId === id)).toBe(true);
    for (let i = 1; i < trail.length; i++) {
      expect(trail[i].seq).toBeGreaterThan(trail[i - 1].seq);
      if (trail[i].seq === trail[i - 1].seq + 1) expect(trail[i].prevHash).toBe(trail[i - 1].hash);
    }
    expect(trail[0]).toMatchObject({ action: 'evaluation.submitted', toState: 'intake' });
    expect(trail[trail.length - 1]).toMatchObject({
      action: 'workflow.transition',
      fromState,
      toState: finalState,
    });
    const transitions = trail.filter((event) => event.action === 'workflow.transition');
    expect(transitions[0]).toMatchObject({ fromState: null, toState: 'intake' });
    for (let i = 1; i < transitions.length; i++)
      expect(transitions[i].fromState).toBe(transitions[i - 1].toState);
    // Every decision the case received replays identically from what was stored (issue 4).
    const replay = await api.post(`/evaluations/${id}/replay`, await api.auditor(), {});
    expectStatus(replay, 200);
    expect(replay.body).toMatchObject({ identical: true });
    expect(replay.body.rounds.length).toBe(trail.filter((event) => event.action === 'decision.made').length);
    return trail;
  }

  const completionsOf = (steps: DriveStep[]) =>
    steps.map(({ stage, department, answer }) => ({ stage, department, outcome: answer.outcome }));

  it.each(ACTIVITY_TYPES)(
    '%s: the high fixture goes from submission to archive with pass-with-conditions, an override of its hard stops and the conditions fulfilled',
    async (type) => {
      const { id, key, view } = await api.submit(type, 'high');
      expect(view).toMatchObject({
        type,
        state: 'intake',
        status: 'open',
        competentDepartment: COMPETENT_DEPARTMENT[type],
        outcome: null,
      });
      expect(view.decision.hardStops.length).toBeGreaterThan(0); // the high fixtures are built to hit a hard stop
      expect(view.tasks).toEqual([
        expect.objectContaining({
          stage: 'intake',
          department: 'ipo',
          status: 'open',
          allowedOutcomes: OUTCOMES_OF_STAGE.intake,
        }),
      ]);

      const chooser = approvingChooser('pass-with-conditions');
      const reviewed = await api.drive(id, chooser, (e) => e.state === 'decision');
      expect(reviewed.evaluation.state).toBe('decision');
      expect(stagesOf(reviewed.steps)).toEqual(pathToDecision(view.decision));
      expect(reviewed.steps.map((s) => s.stage)).toEqual(
        expect.arrayContaining(['expert-review', 'legality-review']),
      );

      // A hard stop: deciding anything but not-recommended without an override reason is refused, and nothing moves.
      const [decisionTask] = reviewed.evaluation.tasks;
      expect(reviewed.evaluation.tasks).toHaveLength(1);
      expect(decisionTask).toMatchObject({
        stage: 'decision',
        department: COMPETENT_DEPARTMENT[type],
        allowedOutcomes: OUTCOMES_OF_STAGE.decision,
      });
      const refused = await api.complete(decisionTask, {
        ...pick(decisionTask, 'pass-with-conditions'),
        conditions: [CONDITION],
      });
      expectProblem(refused, 409, 'workflow.override-required');
      const unchanged = await api.evaluation(id);
      expect(unchanged).toMatchObject({
        state: 'decision',
        version: reviewed.evaluation.version,
        outcome: null,
      });
      expect(unchanged.tasks.map((task) => task.id)).toEqual([decisionTask.id]);

      const decided = await api.drive(id, chooser, (e) => e.state === 'conditions');
      expect(decided.evaluation).toMatchObject({
        state: 'conditions',
        status: 'open',
        outcome: 'pass-with-conditions',
        conditions: [CONDITION],
        overrideReason: OVERRIDE,
      });
      expect(decided.evaluation.tasks).toEqual([
        expect.objectContaining({
          stage: 'conditions',
          department: COMPETENT_DEPARTMENT[type],
          allowedOutcomes: ['fulfilled'],
        }),
      ]);
      // The decision is taken: the applicant can no longer withdraw.
      expectProblem(
        await api.post(`/evaluations/${id}/withdraw`, key, {}),
        409,
        'workflow.event-not-allowed',
      );

      const closed = await api.driveToClosed(id, chooser);
      const steps = [...reviewed.steps, ...decided.steps, ...closed.steps];
      expect(steps.slice(-2).map((s) => s.stage)).toEqual(['decision', 'conditions']);
      expectStageOutcomes(steps);

      expectProblem(
        await api.post(`/evaluations/${id}/withdraw`, key, { reason: 'too late' }),
        409,
        'workflow.event-not-allowed',
      );
      await expectClosedRecord(
        id,
        key,
        {
          state: 'archived',
          outcome: 'pass-with-conditions',
          conditions: [CONDITION],
          overrideReason: OVERRIDE,
        },
        completionsOf(steps),
      );
      const trail = await expectTrail(id, key, 'archived', 'conditions');
      expect(trail.filter((e) => e.action === 'task.completed')).toHaveLength(steps.length);
      expect(
        trail.find((e) => e.action === 'workflow.transition' && e.toState === 'conditions')?.payload,
      ).toMatchObject({
        outcome: 'pass-with-conditions',
        conditions: [CONDITION],
        overrideReason: OVERRIDE,
      });
    },
  );

  it.each(ACTIVITY_TYPES)(
    '%s: the low fixture is returned at intake, resubmitted with changed facts, decided again, accepted and passed',
    async (type) => {
      const { id, key, view } = await api.submit(type, 'low', { as: 'enterprise' });
      const first = view.decision;
      const [intake] = view.tasks;
      expect(intake).toMatchObject({ stage: 'intake', department: 'ipo' });

      // 一次性告知: a return must say what is missing.
      expectProblem(await api.complete(intake, pick(intake, 'return')), 409, 'workflow.comment-required');
      const returned = await api.complete(intake, { ...pick(intake, 'return'), comment: RETURN_COMMENT });
      expectStatus(returned, 200);
      expect(returned.body).toMatchObject({
        id: intake.id,
        status: 'done',
        outcome: 'return',
        comment: RETURN_COMMENT,
      });
      const waiting = await api.evaluation(id);
      expect(waiting).toMatchObject({ state: 'supplement', status: 'open', tasks: [] });

      const { applicant: _applicant, ...facts } = factFixture(`${type}.low`);
      const supplemented = changeFacts(facts as never, SUPPLEMENT_CHANGE[type]);
      const res = await api.post(`/evaluations/${id}/resubmit`, key, { facts: supplemented });
      expectStatus(res, 200);
      const resubmitted = res.body as EvaluationView;
      const second = resubmitted.decision;
      expect(resubmitted).toMatchObject({
        state: 'intake',
        status: 'open',
        score: second.score,
        level: second.level,
      });
      expect(resubmitted.tasks).toEqual([
        expect.objectContaining({ stage: 'intake', department: 'ipo', status: 'open' }),
      ]);
      expect(resubmitted.tasks[0].id).not.toBe(intake.id);
      // Decided again on the new facts, at the resubmission time, with the rules the case is pinned to.
      expect(second.score).toBeGreaterThan(first.score);
      expect(second.findings.map((f) => f.rule)).not.toEqual(first.findings.map((f) => f.rule));
      expect(second.submittedAt).not.toBe(first.submittedAt);
      expect(second.definitionHash).toBe(first.definitionHash);
      expect(second.hardStops).toEqual([]);

      const chooser = approvingChooser('pass');
      const closed = await api.driveToClosed(id, chooser);
      expect(stagesOf(closed.steps)).toEqual([
        ...pathToDecision(second),
        { stage: 'decision', department: COMPETENT_DEPARTMENT[type] },
      ]);
      expectStageOutcomes(closed.steps);

      await expectClosedRecord(
        id,
        key,
        { state: 'archived', outcome: 'pass', conditions: [], overrideReason: null },
        [{ stage: 'intake', department: 'ipo', outcome: 'return' }, ...completionsOf(closed.steps)],
      );
      const trail = await expectTrail(id, key, 'archived', 'decision');
      const decisions = trail.filter((e) => e.action === 'decision.made');
      expect(decisions.map((e) => (e.payload as { round: number }).round)).toEqual([1, 2]);
      expect((decisions[0].payload as { decision: Decision }).decision).toEqual(first);
      expect((decisions[1].payload as { decision: Decision }).decision).toEqual(second);
      const returnedAt = trail.findIndex(
        (e) => e.action === 'workflow.transition' && e.toState === 'supplement',
      );
      const resubmittedAt = trail.findIndex(
        (e) => e.action === 'workflow.transition' && e.fromState === 'supplement',
      );
      expect(trail[returnedAt].payload).toMatchObject({
        event: 'TASK_COMPLETED',
        stage: 'intake',
        outcome: 'return',
        comment: RETURN_COMMENT,
      });
      expect(trail[resubmittedAt]).toMatchObject({
        toState: 'intake',
        payload: expect.objectContaining({ event: 'RESUBMIT' }),
      });
      expect(trail.indexOf(decisions[1])).toBeGreaterThan(returnedAt);
      expect(trail.indexOf(decisions[1])).toBeLessThan(resubmittedAt);
    },
  );

  /** Each type is withdrawn from a different open state, so every place a withdrawal can come from is covered. */
  const WITHDRAW_FROM: [ActivityType, string][] = [
    ['major-project', 'intake'],
    ['talent-introduction', 'supplement'],
    ['trade-show', 'countersign'],
    ['technology-trade', 'decision'],
  ];

  it.each(WITHDRAW_FROM)(
    '%s: withdrawn from %s, the case closes as withdrawn and its open tasks are cancelled',
    async (type, from) => {
      const { id, key } = await api.submit(type, 'low');
      const reachSupplement = (task: { stage: string }) =>
        task.stage === 'intake' ? { outcome: 'return', comment: RETURN_COMMENT } : 'approve';
      const chooser = from === 'supplement' ? reachSupplement : approvingChooser('pass');
      const reached = await api.drive(id, chooser, (e) => e.state === from);
      expect(reached.evaluation).toMatchObject({ state: from, status: 'open' });
      const openBefore = reached.evaluation.tasks;
      if (from !== 'supplement') expect(openBefore.length).toBeGreaterThan(0);
      if (from === 'countersign') expect(openBefore.length).toBeGreaterThan(1);

      const reason = '项目取消 The project was cancelled';
      const res = await api.post(`/evaluations/${id}/withdraw`, key, { reason });
      expectStatus(res, 200);
      const withdrawn = res.body as EvaluationView;
      expect(withdrawn).toMatchObject({ id, state: 'withdrawn', status: 'closed', outcome: null, tasks: [] });
      const cancelled = (withdrawn.history ?? []).filter((task) =>
        openBefore.some((open) => open.id === task.id),
      );
      expect(cancelled.map((task) => [task.id, task.status, task.outcome])).toEqual(
        openBefore.map((task) => [task.id, 'cancelled', null]),
      );

      // Gone from the departments' inboxes, listed among their closed tasks, and no longer completable.
      // The lists are searched for the case's title and the task's stage, so the task is on the one page.
      for (const task of openBefore) {
        const near = `q=${encodeURIComponent(withdrawn.title)}&stage=${task.stage}&pageSize=100`;
        const reviewer = await api.reviewer(task.department);
        const inbox = await api.get(`/tasks?${near}`, reviewer);
        expectStatus(inbox, 200);
        expect((inbox.body as { items: { id: string }[] }).items.map((row) => row.id)).not.toContain(task.id);
        const closedTasks = await api.get(`/tasks?status=done&${near}`, reviewer);
        expect(closedTasks.body.total).toBeLessThanOrEqual(100);
        expect(closedTasks.body.items).toEqual(
          expect.arrayContaining([expect.objectContaining({ id: task.id, status: 'cancelled' })]),
        );
        expectProblem(
          await api.complete(task, pick(task, task.allowedOutcomes[0])),
          409,
          'workflow.task-not-open',
        );
      }

      expectProblem(
        await api.post(`/evaluations/${id}/withdraw`, key, {}),
        409,
        'workflow.event-not-allowed',
      );
      await expectClosedRecord(
        id,
        key,
        { state: 'withdrawn', outcome: null, conditions: [], overrideReason: null },
        completionsOf(reached.steps),
      );
      const trail = await expectTrail(id, key, 'withdrawn', from);
      expect(trail[trail.length - 1].payload).toMatchObject({ event: 'WITHDRAW', reason });
      expect(trail.filter((e) => e.action === 'task.cancelled').map((e) => e.entityId)).toEqual(
        openBefore.map((task) => task.id),
      );
    },
  );

  const OTHER_DECISIONS = ACTIVITY_TYPES.flatMap((type) => [
    [type, 'not-recommended', 'high'] as const,
    [type, 'defer', 'low'] as const,
  ]);

  it.each(OTHER_DECISIONS)(
    '%s: decided %s (%s fixture), the case is archived with that outcome',
    async (type, outcome, variant) => {
      const { id, key, view } = await api.submit(type, variant);
      const closed = await api.driveToClosed(id, approvingChooser(outcome));
      expect(stagesOf(closed.steps)).toEqual([
        ...pathToDecision(view.decision),
        { stage: 'decision', department: COMPETENT_DEPARTMENT[type] },
      ]);
      expectStageOutcomes(closed.steps);
      // Not recommended on a hard stop is what the hard stop demands: no override reason is asked or kept.
      if (variant === 'high') expect(view.decision.hardStops.length).toBeGreaterThan(0);
      expect(closed.steps[closed.steps.length - 1].answer).toEqual({ outcome });

      expectProblem(
        await api.post(`/evaluations/${id}/withdraw`, key, {}),
        409,
        'workflow.event-not-allowed',
      );
      await expectClosedRecord(
        id,
        key,
        { state: 'archived', outcome, conditions: [], overrideReason: null },
        completionsOf(closed.steps),
      );
      const trail = await expectTrail(id, key, 'archived', 'decision');
      expect(trail[trail.length - 1].payload).toMatchObject({
        event: 'TASK_COMPLETED',
        outcome,
        overrideReason: null,
      });
    },
  );
});
