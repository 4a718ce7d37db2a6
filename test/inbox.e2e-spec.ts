/**
 * The lists over real HTTP and a real database: the task inbox (待办/已办) paged past what a busy department
 * holds, sorted by due time, filtered and searched, each task with its case; the case list searched; an
 * enterprise's and an officer's own assessments. Every list shows only what the policy lets the caller see.
 */
import type { EvaluationSummary } from '../src/evaluations/evaluation.view';
import type { InboxTaskView } from '../src/tasks/task.view';
import { ApiClient, expectProblem, expectStatus, SteppingClock } from './support/api-client';
import { factFixture } from './support/fact-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** More than the 500 rows the inbox used to stop at. */
const BUSY = 505;

describe('lists: the inbox, the case search, own assessments', () => {
  let t: TestApp;
  let api: ApiClient;
  let ipo: string;
  let firstId: string;
  let lastId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
    ipo = await api.reviewer('ipo');
    // The IP office does the intake of every case: each submission puts one task in its inbox.
    const ids: string[] = [];
    for (let i = 0; i < BUSY; i += 5) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(5, BUSY - i) }, (_, j) =>
          api.submit('trade-show', 'low', { title: `busy trade show #${i + j}` }),
        ),
      );
      ids.push(...batch.map((s) => s.id));
    }
    firstId = ids[0];
    lastId = ids[ids.length - 1];
  }, 600_000);

  afterAll(() => t?.close());

  async function inbox(query: string, key = ipo): Promise<PageOf<InboxTaskView>> {
    const res = await api.get(`/tasks${query}`, key);
    expectStatus(res, 200);
    return res.body as PageOf<InboxTaskView>;
  }

  it('pages past 500: every open task of the department is on some page, the newest too', async () => {
    const first = await inbox('');
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: BUSY });
    expect(first.items).toHaveLength(20);
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(BUSY / 100); page++) {
      const res = await inbox(`?pageSize=100&page=${page}`);
      expect(res.total).toBe(BUSY);
      for (const task of res.items) seen.add(task.id);
    }
    expect(seen.size).toBe(BUSY); // no task twice, none missing
    const evaluationIds = new Set<string>();
    for (let page = 1; page <= Math.ceil(BUSY / 100); page++)
      for (const task of (await inbox(`?pageSize=100&page=${page}`)).items)
        evaluationIds.add(task.evaluationId);
    expect(evaluationIds).toContain(firstId);
    expect(evaluationIds).toContain(lastId);
    // Past the end: an empty page that still says how many there are.
    expect(await inbox('?pageSize=100&page=7')).toMatchObject({ items: [], total: BUSY, page: 7 });
  });

  it('sorts by due time, the earliest first, and carries the case on each task', async () => {
    const { items } = await inbox('?pageSize=100');
    const due = items.map((task) => `${task.dueAt}|${task.openedAt}`);
    expect(due).toEqual([...due].sort());
    const applicant = factFixture('trade-show.low').applicant as { name: string };
    for (const task of items) {
      expect(task.case).toEqual({
        title: expect.stringMatching(/^busy trade show #\d+$/),
        type: 'trade-show',
        applicantName: applicant.name,
        level: 'low',
      });
      expect(task).toMatchObject({ department: 'ipo', status: 'open', stage: 'intake' });
    }
  });

  it('searches titles and applicant names (q=), literally', async () => {
    const one = await inbox(`?q=${encodeURIComponent('show #504')}`);
    expect(one.total).toBe(1);
    expect(one.items[0].case.title).toBe('busy trade show #504');
    // Any case of letters; % and _ are plain characters, not patterns.
    expect((await inbox(`?q=${encodeURIComponent('BUSY TRADE SHOW #50')}&pageSize=100`)).total).toBe(6); // #50 and #500 to #504
    expect((await inbox(`?q=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await inbox(`?q=${encodeURIComponent('busy_trade')}`)).total).toBe(0);
    const applicant = factFixture('trade-show.low').applicant as { name: string };
    expect((await inbox(`?q=${encodeURIComponent(applicant.name.slice(3, 7))}`)).total).toBe(BUSY);
    expectProblem(await api.get('/tasks?q=', ipo), 400, 'request.invalid');
    expectProblem(await api.get(`/tasks?q=${'x'.repeat(101)}`, ipo), 400, 'request.invalid');
  });

  it('filters by stage, type, level and overdue', async () => {
    expect((await inbox('?stage=intake')).total).toBe(BUSY);
    expect((await inbox('?stage=countersign')).total).toBe(0);
    expect((await inbox('?type=trade-show')).total).toBe(BUSY);
    expect((await inbox('?type=major-project')).total).toBe(0);
    expect((await inbox('?level=low')).total).toBe(BUSY);
    expect((await inbox('?level=high')).total).toBe(0);
    expect((await inbox('?overdue=true')).total).toBe(0);
    expect((await inbox('?overdue=false')).total).toBe(BUSY);
    expectProblem(await api.get('/tasks?type=no-such-type', ipo), 400, 'request.invalid');
    const refused = await api.get('/tasks?level=urgent', ipo);
    expectProblem(refused, 400, 'request.invalid');
    expect(JSON.stringify(refused.body)).toContain('level');
  });

  it('done tasks (已办) show who completed them, by name and id; other departments see none of it', async () => {
    const { items } = await inbox(`?q=${encodeURIComponent('show #7')}&pageSize=100`);
    const task = items.find((row) => row.case.title === 'busy trade show #7')!;
    const reviewer = await api.createKey({
      role: 'reviewer',
      name: '知识产权局 审核员 周',
      department: 'ipo',
    });
    const done = await api.post(`/tasks/${task.id}/complete`, reviewer.key, { outcome: 'accept' });
    expectStatus(done, 200);
    expect(done.body.completedBy).toEqual({ id: reviewer.id, name: '知识产权局 审核员 周' });

    const closed = await inbox('?status=done');
    expect(closed.total).toBe(1);
    expect(closed.items[0]).toMatchObject({
      id: task.id,
      status: 'done',
      outcome: 'accept',
      completedBy: { id: reviewer.id, name: '知识产权局 审核员 周' },
      case: { title: 'busy trade show #7', type: 'trade-show' },
    });
    expect((await inbox('?stage=intake')).total).toBe(BUSY - 1);
    // The countersign it moved on to is in other departments' inboxes, not in the IP office's.
    const customs = await inbox('', await api.reviewer('customs'));
    expect(customs.items.every((row) => row.department === 'customs')).toBe(true);
    expect((await inbox('?status=done', await api.reviewer('customs'))).total).toBe(0);
    // The auditor sees every department's.
    expect((await inbox('?status=done', await api.auditor())).total).toBe(1);
  });

  it('GET /evaluations?q= searches the cases the caller may read, and only those', async () => {
    const commerce = await api.officer('commerce');
    const found = await api.get(`/evaluations?q=${encodeURIComponent('show #504')}`, commerce);
    expectStatus(found, 200);
    const body = found.body as PageOf<EvaluationSummary>;
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ title: 'busy trade show #504' });
    // An officer of a department that neither submitted nor is competent finds nothing by the same words.
    const other = await api.get(
      `/evaluations?q=${encodeURIComponent('show #504')}`,
      await api.officer('hrss'),
    );
    expectStatus(other, 200);
    expect(other.body).toMatchObject({ items: [], total: 0 });
    // Another enterprise: nothing either.
    const stranger = await api.enterprise('91440300MA5F3QW28M');
    expect((await api.get('/evaluations?q=busy', stranger)).body).toMatchObject({ items: [], total: 0 });
  });

  it('GET /assessments lists the caller’s own assessments, newest first, paged', async () => {
    const { applicant, ...facts } = factFixture('talent-introduction.low');
    const code = (applicant as { creditCode: string }).creditCode;
    const enterprise = await api.enterprise(code);
    const officer = await api.officer('hrss');
    const otherOfficer = await api.officer('ndrc');
    for (const key of [enterprise, enterprise, officer]) {
      expectStatus(
        await api.post('/assessments', key, { type: 'talent-introduction', applicant, facts }),
        201,
      );
    }
    const mine = await api.get('/assessments', enterprise);
    expectStatus(mine, 200);
    // The enterprise's own two, and the one the officer made about it.
    expect(mine.body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(mine.body.items[0]).toEqual({
      id: expect.any(String),
      type: 'talent-introduction',
      applicant: { name: (applicant as { name: string }).name, creditCode: code },
      submittedAt: expect.any(String),
      score: expect.any(Number),
      level: expect.any(String),
    });
    const submitted = (mine.body.items as { submittedAt: string }[]).map((a) => a.submittedAt);
    expect(submitted).toEqual([...submitted].sort().reverse());
    expect((await api.get('/assessments?pageSize=2&page=2', enterprise)).body).toMatchObject({
      total: 3,
      items: [expect.any(Object)],
    });
    expect((await api.get('/assessments', officer)).body.total).toBe(1); // the officer's own request
    expect((await api.get('/assessments', otherOfficer)).body.total).toBe(0);
    expect((await api.get('/assessments', await api.auditor())).body.total).toBe(3);
    expectProblem(await api.get('/assessments', ipo), 403, 'auth.forbidden');
  });
});
