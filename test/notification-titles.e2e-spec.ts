/**
 * A deadline notice is addressed to a department, and every officer and reviewer of that department reads
 * it; not all of them may read the case. The notice names the case's title only to a reader the policy
 * lets read the case: here the IP office's officer, whose department neither submitted the case nor is
 * competent for it nor holds a task on it, reads the IP office's reminders without the title.
 */
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';
import type { NotificationView } from '../src/notifications/notification.view';
import { ApiClient, expectProblem, expectStatus } from './support/api-client';
import { MovableClock } from './support/movable-clock';
import { startTestApp, type TestApp } from './support/test-app';

const SUBMITTED = '2026-02-12T10:00:00.000+08:00';
const INTAKE_REMIND = '2026-02-24T16:00:00.000Z'; // the intake's reminder (test/deadlines.e2e-spec.ts)
const INTAKE_ESCALATE = '2026-02-26T16:00:00.000Z'; // and its escalation to the competent department
const TITLE = '机密并购项目 Project Nightjar';

describe('notices name a case only to readers of the case', () => {
  let t: TestApp;
  let api: ApiClient;
  let clock: MovableClock;

  beforeAll(async () => {
    clock = new MovableClock(SUBMITTED);
    t = await startTestApp({ clock });
    api = new ApiClient(t.http);
  });

  afterAll(() => t?.close());

  async function notices(key: string): Promise<NotificationView[]> {
    const res = await api.get('/notifications', key);
    expectStatus(res, 200);
    return (res.body as { items: NotificationView[] }).items;
  }

  const mentions = (n: NotificationView) =>
    n.message.zh.includes('机密并购项目') || n.message.en.includes('Nightjar');

  it('hides the title from a department key that may not read the case, and only from it', async () => {
    const { id } = await api.submit('major-project', 'low', { title: TITLE }); // ndrc submits, ndrc competent
    const scheduler = t.app.get(DeadlineScheduler);
    expect((await scheduler.runDue(clock.set(INTAKE_REMIND))).reminded).toHaveLength(1);

    const ipoOfficer = await api.officer('ipo');
    const ipoReviewer = await api.reviewer('ipo');
    expectProblem(await api.get(`/evaluations/${id}`, ipoOfficer), 403, 'auth.forbidden');
    expectStatus(await api.get(`/evaluations/${id}`, ipoReviewer), 200); // holds the intake task

    const [hidden] = await notices(ipoOfficer);
    expect(hidden).toMatchObject({ kind: 'reminder', evaluationId: id, caseTitle: null });
    expect(mentions(hidden)).toBe(false);
    expect(hidden.message.zh).toContain(`案件 ${id.slice(0, 8)}`);
    expect(hidden.message.en).toContain(`case ${id.slice(0, 8)}`);

    const [shown] = await notices(ipoReviewer);
    expect(shown).toMatchObject({ id: hidden.id, caseTitle: TITLE });
    expect(mentions(shown)).toBe(true);

    // The escalation goes to the competent department, which may read the case, and to the late office.
    expect((await scheduler.runDue(clock.set(INTAKE_ESCALATE))).escalated).toHaveLength(1);
    const ndrc = await notices(await api.officer('ndrc'));
    expect(ndrc).toEqual([expect.objectContaining({ kind: 'escalation', caseTitle: TITLE })]);
    expect(mentions(ndrc[0])).toBe(true);
    const officerView = await notices(ipoOfficer);
    expect(officerView).toHaveLength(2);
    expect(officerView.some(mentions)).toBe(false);
    expect(officerView.every((n) => n.caseTitle === null)).toBe(true);
    const audited = await notices(await api.auditor());
    expect(audited).toHaveLength(3);
    expect(audited.every((n) => n.caseTitle === TITLE && mentions(n))).toBe(true);
  });
});
