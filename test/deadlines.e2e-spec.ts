/**
 * Deadlines over real HTTP and a real database, with a clock the test moves (no sleeping): due times on
 * the official calendar across the 2026 Spring Festival (a holiday, and Saturdays 14 and 28 February
 * worked, 调休), reminders (催办) and escalations (超时) at exactly those working-day times, each once,
 * GET /tasks?overdue=true, GET /notifications, and the trail. The scheduler is driven by hand
 * (DeadlineScheduler.runDue), as the timer would drive it.
 */
import type { AuditEventView } from '../src/audit/audit-event.view';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import type { NotificationView } from '../src/notifications/notification.view';
import type { TaskView } from '../src/tasks/task.view';
import { ApiClient, expectProblem, expectStatus, pick } from './support/api-client';
import { deemedCountersign } from './support/definitions-copy';
import { MovableClock } from './support/movable-clock';
import { startTestApp, type TestApp } from './support/test-app';

/** Beijing wall-clock time as an instant. */
const beijing = (local: string) => `${local.replace(' ', 'T')}:00.000+08:00`;
const MS = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString();

/**
 * Submitted on Thursday 12 February 2026 at 10:00. The intake's 5 working days: Fri 13 (1), Sat 14 worked
 * (2), Spring Festival 15-23 off, Tue 24 (3), Wed 25 (4), Thu 26 (5).
 */
const SUBMITTED = beijing('2026-02-12 10:00');
const INTAKE_DUE = '2026-02-26T15:59:59.999Z'; // end of Thu 26 Feb, Beijing
const INTAKE_REMIND = '2026-02-24T16:00:00.000Z'; // start of Wed 25 Feb: one working day before the due day
const INTAKE_ESCALATE = '2026-02-26T16:00:00.000Z'; // start of Fri 27 Feb: overdue
/**
 * Intake accepted on Friday 27 February; the next reviews' 10 working days: Sat 28 worked (1), Mon 2 to
 * Fri 6 March (2-6), Mon 9 to Thu 12 (7-10). The reminder, two working days before: start of Tue 10 March.
 */
const ACCEPTED = beijing('2026-02-27 09:00');
const REVIEW_DUE = '2026-03-12T15:59:59.999Z';
const REVIEW_REMIND = '2026-03-09T16:00:00.000Z';

describe('deadlines, reminders and escalations on the working-day calendar', () => {
  let t: TestApp;
  let api: ApiClient;
  let clock: MovableClock;
  let scheduler: DeadlineScheduler;

  beforeAll(async () => {
    clock = new MovableClock(SUBMITTED);
    t = await startTestApp({ clock });
    api = new ApiClient(t.http);
    scheduler = t.app.get(DeadlineScheduler);
  });

  afterAll(async () => {
    await t?.close();
  });

  const runAt = (instant: string) => scheduler.runDue(clock.set(instant));

  async function tasksOf(department: string, query = ''): Promise<TaskView[]> {
    const res = await api.get(`/tasks${query}`, await api.reviewer(department));
    expectStatus(res, 200);
    return (res.body as { items: TaskView[] }).items;
  }

  async function notificationsOf(key: string, query = ''): Promise<NotificationView[]> {
    const res = await api.get(`/notifications${query}`, key);
    expectStatus(res, 200);
    return (res.body as { items: NotificationView[] }).items;
  }

  async function deadlineEvents(caseId: string): Promise<AuditEventView[]> {
    return (await api.trail(caseId)).filter(
      (event) => event.action === 'task.reminded' || event.action === 'task.escalated',
    );
  }

  it('a case submitted before the Spring Festival is reminded and escalated at its working-day times, once each', async () => {
    clock.set(SUBMITTED);
    const late = await api.submit('major-project', 'low', { title: '逾期受理的项目 A late intake' });
    const prompt = await api.submit('major-project', 'low', { title: '及时受理的项目 A prompt intake' });
    const [intake] = late.view.tasks;
    expect(intake).toMatchObject({ stage: 'intake', department: 'ipo', dueAt: INTAKE_DUE, overdue: false });
    expect(prompt.view.tasks[0]).toMatchObject({ dueAt: INTAKE_DUE });

    // The prompt case's intake is answered on Friday (returned for supplement, so no review follows):
    // a closed task is never reminded nor escalated.
    clock.set(beijing('2026-02-13 09:00'));
    const returned = {
      ...pick(prompt.view.tasks[0], 'return'),
      comment: '一次性告知：请补充专利清单 Supply the patent list',
    };
    expectStatus(await api.complete(prompt.view.tasks[0], returned), 200);

    // Nothing before the reminder time: not on the worked Saturday, not during the holiday, not a millisecond early.
    for (const instant of [beijing('2026-02-14 12:00'), beijing('2026-02-20 12:00'), MS(INTAKE_REMIND, -1)]) {
      expect(await runAt(instant)).toEqual({ reminded: [], escalated: [] });
    }
    expect(await runAt(INTAKE_REMIND)).toEqual({ reminded: [intake.id], escalated: [] });
    expect(await runAt(MS(INTAKE_REMIND, 60_000))).toEqual({ reminded: [], escalated: [] }); // exactly once

    const ipo = await api.reviewer('ipo');
    const ndrc = await api.officer('ndrc'); // the competent department of these cases
    expect(await notificationsOf(ipo)).toEqual([
      expect.objectContaining({
        kind: 'reminder',
        department: 'ipo',
        taskId: intake.id,
        evaluationId: late.id,
        stage: 'intake',
        taskDepartment: 'ipo',
        dueAt: INTAKE_DUE,
        createdAt: INTAKE_REMIND,
        message: { zh: expect.stringContaining('2026-02-26'), en: expect.stringContaining('2026-02-26') },
      }),
    ]);
    expect(await notificationsOf(ndrc)).toEqual([]);

    // Due at the last millisecond of Thursday 26 February: not overdue yet, and nothing to escalate.
    clock.set(INTAKE_DUE);
    expect(await tasksOf('ipo', '?overdue=true')).toEqual([]);
    expect(await runAt(INTAKE_DUE)).toEqual({ reminded: [], escalated: [] });

    // Overdue from the next millisecond, in the inbox and in the filter.
    clock.set(INTAKE_ESCALATE);
    expect(await tasksOf('ipo', '?overdue=true')).toEqual([
      expect.objectContaining({ id: intake.id, overdue: true, dueAt: INTAKE_DUE }),
    ]);
    expect((await tasksOf('ipo', '?overdue=false')).map((task) => task.id)).not.toContain(intake.id);
    expect((await api.evaluation(late.id)).tasks).toEqual([
      expect.objectContaining({ id: intake.id, overdue: true }),
    ]);

    expect(await runAt(INTAKE_ESCALATE)).toEqual({ reminded: [], escalated: [intake.id] });
    expect(await runAt(beijing('2026-03-02 09:00'))).toEqual({ reminded: [], escalated: [] }); // exactly once

    // The intake escalates to the competent department; the IP office hears that it was escalated.
    expect(await notificationsOf(ndrc)).toEqual([
      expect.objectContaining({
        kind: 'escalation',
        department: 'ndrc',
        taskId: intake.id,
        taskDepartment: 'ipo',
        escalatedTo: 'ndrc',
        deemedOutcome: null,
      }),
    ]);
    expect(await notificationsOf(ipo, '?kind=escalation')).toEqual([
      expect.objectContaining({
        kind: 'escalation',
        department: 'ipo',
        taskId: intake.id,
        escalatedTo: 'ndrc',
      }),
    ]);
    expect(await notificationsOf(await api.auditor())).toHaveLength(3);

    // Not reassigned: the overdue intake is still the IP office's to decide.
    expect((await api.evaluation(late.id)).tasks).toEqual([
      expect.objectContaining({ id: intake.id, department: 'ipo', status: 'open' }),
    ]);
    expect(await deadlineEvents(late.id)).toEqual([
      expect.objectContaining({
        action: 'task.reminded',
        entityId: intake.id,
        occurredAt: INTAKE_REMIND,
        actor: expect.objectContaining({ id: 'scheduler' }),
      }),
      expect.objectContaining({
        action: 'task.escalated',
        entityId: intake.id,
        occurredAt: INTAKE_ESCALATE,
        payload: expect.objectContaining({ escalatedTo: 'ndrc', reassigned: false, dueAt: INTAKE_DUE }),
      }),
    ]);
    expect(await deadlineEvents(prompt.id)).toEqual([]);

    // Accepted late, on Friday 27 February: the next reviews count Saturday 28 February, a worked day.
    clock.set(ACCEPTED);
    expectStatus(await api.complete(intake, pick(intake, 'accept')), 200);
    const reviews = (await api.evaluation(late.id)).tasks;
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((task) => task.dueAt === REVIEW_DUE && !task.overdue)).toBe(true);
    expect(await runAt(MS(REVIEW_REMIND, -1))).toEqual({ reminded: [], escalated: [] });
    const reminded = await runAt(REVIEW_REMIND);
    expect(reminded.reminded.sort()).toEqual(reviews.map((task) => task.id).sort());
  });

  it('lists notifications only for department keys and auditors', async () => {
    expectProblem(
      await api.get('/notifications', await api.enterprise('91350100M000100Y43')),
      403,
      'auth.forbidden',
    );
    expectProblem(await api.get('/notifications?kind=late', await api.auditor()), 400, 'request.invalid');
    expectProblem(await api.get('/tasks?overdue=yes', await api.reviewer('ipo')), 400, 'request.invalid');
  });
});

/**
 * The automatic action: a workflow whose countersign is deemed approved when a department does not answer
 * in time (逾期未反馈视为同意). The copy of the shipped definitions differs in that one meta key.
 */
describe('an overdue countersign deemed approved', () => {
  let t: TestApp;
  let api: ApiClient;
  let clock: MovableClock;
  let scheduler: DeadlineScheduler;
  let definitions: ReturnType<typeof deemedCountersign>;

  beforeAll(async () => {
    definitions = deemedCountersign(); // here, not at collection: a skipped suite leaves no temp copy
    clock = new MovableClock(SUBMITTED);
    t = await startTestApp({ clock, env: { IPR_DEFINITIONS_DIR: definitions.dir } });
    api = new ApiClient(t.http);
    scheduler = t.app.get(DeadlineScheduler);
  });

  afterAll(async () => {
    await t?.close();
    definitions?.remove();
  });

  it('completes every overdue countersign task as approved, through the workflow, and the case moves on', async () => {
    clock.set(SUBMITTED);
    const { id, view } = await api.submit('talent-introduction', 'low');
    clock.set(ACCEPTED);
    expectStatus(await api.complete(view.tasks[0], pick(view.tasks[0], 'accept')), 200);
    const countersign = (await api.evaluation(id)).tasks;
    expect(countersign.length).toBeGreaterThan(1); // talent introductions countersign with hrss and ipo, all must approve
    expect(countersign.every((task) => task.stage === 'countersign' && task.dueAt === REVIEW_DUE)).toBe(true);

    // One department answers in time; the others do not.
    const [answered, ...silent] = countersign;
    clock.set(beijing('2026-03-03 10:00'));
    expectStatus(await api.complete(answered, pick(answered, 'approve')), 200);

    expect(await scheduler.runDue(clock.set(REVIEW_DUE))).toEqual({
      reminded: expect.any(Array),
      escalated: [],
    });
    const escalatedAt = MS(REVIEW_DUE, 1);
    const run = await scheduler.runDue(clock.set(escalatedAt));
    expect(run.escalated.sort()).toEqual(silent.map((task) => task.id).sort());

    const after = await api.evaluation(id);
    expect(after.state).toBe('decision');
    const history = after.history ?? [];
    for (const task of silent) {
      expect(history.find((h) => h.id === task.id)).toMatchObject({
        status: 'done',
        outcome: 'approve',
        completedBy: { id: 'scheduler', name: 'deadline scheduler' },
        closedAt: escalatedAt,
        comment: expect.stringContaining('deemed "approve"'),
      });
    }
    expect(history.find((h) => h.id === answered.id)).toMatchObject({
      status: 'done',
      outcome: 'approve',
      completedBy: { id: expect.not.stringMatching('scheduler'), name: expect.any(String) },
    });
    // The decision task opened when the countersign completed, with its own 5 working days from then.
    expect(after.tasks).toEqual([
      expect.objectContaining({ stage: 'decision', department: 'hrss', dueAt: '2026-03-20T15:59:59.999Z' }),
    ]);

    const trail = await api.trail(id);
    const byScheduler = trail.filter((event) => event.actor.id === 'scheduler').map((event) => event.action);
    expect(byScheduler.filter((action) => action === 'task.escalated')).toHaveLength(silent.length);
    expect(byScheduler.filter((action) => action === 'task.completed')).toHaveLength(silent.length);
    expect(byScheduler).toContain('workflow.transition');
    expect(await scheduler.runDue(clock.set(beijing('2026-03-16 09:00')))).toEqual({
      reminded: [],
      escalated: [],
    });
  });
});
