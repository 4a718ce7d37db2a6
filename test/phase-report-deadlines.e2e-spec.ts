/**
 * The deadline of a report a case waits for between phases, over real HTTP and a real database, with a
 * clock the test moves: an S&T programme project waiting for its mid-term report (due 2027-03-31, from the
 * task contract in the approval facts) is reminded to the competent department 10 working days before
 * (workflows/phased-assessment.json, meta.reportReminder) and noticed once overdue, each once; a project
 * that reported in time is not; the next wait (the acceptance) gets its own report and notices. The
 * scheduler is driven by hand (DeadlineScheduler.runDue), as the timer would drive it. Runs on SQLite, and
 * on PostgreSQL with TEST_DATABASE_URL.
 */
import type { AuditEventView } from '../src/audit/audit-event.view';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { NotificationView } from '../src/notifications/notification.view';
import { ApiClient, expectStatus } from './support/api-client';
import { factFixture } from './support/fact-fixtures';
import { MovableClock } from './support/movable-clock';
import { startTestApp, type TestApp } from './support/test-app';

const TYPE = 'st-programme';
const beijing = (local: string) => `${local.replace(' ', 'T')}:00.000+08:00`;
const MS = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString();

const OPENED = beijing('2026-03-02 10:00');
/** Mid-term report due Wed 31 March 2027 (no 2027 notice: weekdays count); 10 working days before: Wed 17 March. */
const MIDTERM_DUE_ON = '2027-03-31';
const MIDTERM_REMIND = '2027-03-16T16:00:00.000Z'; // 00:00 Wed 17 March 2027, Beijing
const MIDTERM_OVERDUE = '2027-03-31T16:00:00.000Z'; // 00:00 Thu 1 April 2027, Beijing: the day after
/** Acceptance due Fri 31 March 2028 (the project's end); 10 working days before: Fri 17 March. */
const ACCEPTANCE_REMIND = '2028-03-16T16:00:00.000Z';

describe('the report a phased case waits for: reminded near its due date and noticed once overdue', () => {
  let t: TestApp;
  let api: ApiClient;
  let clock: MovableClock;
  let scheduler: DeadlineScheduler;

  beforeAll(async () => {
    clock = new MovableClock(OPENED);
    t = await startTestApp({ clock });
    api = new ApiClient(t.http);
    scheduler = t.app.get(DeadlineScheduler);
  });
  afterAll(() => t?.close());

  const runAt = (instant: string) => scheduler.runDue(clock.set(instant));
  const phaseFacts = (phase: string) => {
    const { applicant: _applicant, ...facts } = factFixture(`${TYPE}.${phase}`);
    return facts;
  };

  async function open(title: string): Promise<{ id: string; officer: string }> {
    const officer = await api.officer('most');
    const res = await api.post('/evaluations', officer, {
      type: TYPE,
      title,
      applicant: factFixture(`${TYPE}.approval`).applicant,
      competentDepartment: 'most',
      facts: phaseFacts('approval'),
    });
    expectStatus(res, 201);
    return { id: (res.body as EvaluationView).id, officer };
  }

  /** The phase's countersign approved and its decision a pass: the case then waits for the next report. */
  async function passPhase(id: string): Promise<EvaluationView> {
    for (const outcome of ['approve', 'pass']) {
      const [task] = (await api.evaluation(id)).tasks;
      expectStatus(await api.complete(task, { outcome, comment: '同意 Agreed' }), 200);
    }
    return api.evaluation(id);
  }

  async function submitPhase(id: string, officer: string, phase: string): Promise<void> {
    expectStatus(
      await api.post(`/evaluations/${id}/phases`, officer, { phase, facts: phaseFacts(phase) }),
      200,
    );
  }

  async function notificationsOf(key: string): Promise<NotificationView[]> {
    const res = await api.get('/notifications', key);
    expectStatus(res, 200);
    return (res.body as { items: NotificationView[] }).items;
  }

  const reportEvents = async (id: string): Promise<AuditEventView[]> =>
    (await api.trail(id)).filter((event) => event.action.startsWith('report.'));

  it('reminds and notices the mid-term report once each, not the one reported in time, then the acceptance', async () => {
    const late = await open('逾期未交中期报告的项目 A late mid-term report');
    const prompt = await open('按时提交中期报告的项目 A mid-term report in time');
    for (const { id } of [late, prompt])
      expect(await passPhase(id)).toMatchObject({
        state: 'running-to-midterm',
        awaiting: { phase: 'midterm', dueOn: MIDTERM_DUE_ON },
      });
    // The prompt project reports the next day and passes its mid-term: it now waits for the acceptance.
    clock.set(beijing('2026-03-03 10:00'));
    await submitPhase(prompt.id, prompt.officer, 'midterm');
    expect(await passPhase(prompt.id)).toMatchObject({ state: 'running-to-acceptance' });

    // Nothing before the reminder time, not a millisecond early.
    for (const instant of [beijing('2026-12-31 12:00'), MS(MIDTERM_REMIND, -1)])
      expect(await runAt(instant)).toEqual({ reminded: [], escalated: [] });
    const { reminded } = await runAt(MIDTERM_REMIND);
    expect(reminded).toEqual([expect.any(String)]);
    const [reportId] = reminded;
    expect(await runAt(MS(MIDTERM_REMIND, 60_000))).toEqual({ reminded: [], escalated: [] }); // once

    const most = await api.officer('most');
    expect(await notificationsOf(most)).toEqual([
      expect.objectContaining({
        kind: 'reminder',
        department: 'most',
        taskId: reportId,
        evaluationId: late.id,
        stage: 'midterm',
        taskDepartment: 'most',
        dueAt: '2027-03-31T15:59:59.999Z',
        createdAt: MIDTERM_REMIND,
        message: { zh: expect.stringContaining(MIDTERM_DUE_ON), en: expect.stringContaining(MIDTERM_DUE_ON) },
      }),
    ]);
    expect(await notificationsOf(await api.reviewer('ipo'))).toEqual([]);

    // Due through the whole of 31 March; overdue from 00:00 the day after, noticed once.
    expect(await runAt(MS(MIDTERM_OVERDUE, -1))).toEqual({ reminded: [], escalated: [] });
    expect(await runAt(MIDTERM_OVERDUE)).toEqual({ reminded: [], escalated: [reportId] });
    expect(await runAt(MS(MIDTERM_OVERDUE, 60_000))).toEqual({ reminded: [], escalated: [] });
    const [overdue] = await notificationsOf(most);
    expect(overdue).toMatchObject({ kind: 'escalation', taskId: reportId, evaluationId: late.id });
    expect(overdue.message.zh).toContain('逾期未交');

    expect((await reportEvents(late.id)).map((event) => [event.action, event.payload])).toEqual([
      ['report.reminded', { reportId, phase: 'midterm', dueOn: MIDTERM_DUE_ON, department: 'most' }],
      ['report.overdue', { reportId, phase: 'midterm', dueOn: MIDTERM_DUE_ON, department: 'most' }],
    ]);
    expect(await reportEvents(prompt.id)).toEqual([]);

    // The late report comes in and its phase passes: the acceptance is a new wait, with its own notices.
    clock.set(beijing('2027-04-06 10:00'));
    await submitPhase(late.id, late.officer, 'midterm');
    expect(await passPhase(late.id)).toMatchObject({
      awaiting: { phase: 'acceptance', dueOn: '2028-03-31' },
    });
    expect(await runAt(MS(ACCEPTANCE_REMIND, -1))).toEqual({ reminded: [], escalated: [] });
    const acceptance = await runAt(ACCEPTANCE_REMIND);
    expect(acceptance.reminded).toHaveLength(2);
    expect(acceptance.reminded).not.toContain(reportId);
    const reminders = (await notificationsOf(most)).filter((n) => n.createdAt === ACCEPTANCE_REMIND);
    expect(reminders.map((n) => [n.evaluationId, n.stage]).sort()).toEqual(
      [
        [late.id, 'acceptance'],
        [prompt.id, 'acceptance'],
      ].sort(),
    );
  });
});
