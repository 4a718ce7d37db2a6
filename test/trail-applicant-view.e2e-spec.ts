/**
 * Issue 13 item 5: an enterprise reading its case's trail saw the reviewers' key ids and names and the
 * auditors' reads, and its case view each task's completedBy. The policy (evaluation.officials) now shows
 * the enterprise each step's role and department, its own key, and no access events, and tasks without who
 * completed them, in the case view and in the report; officials who may read the case still see everyone.
 */
import {
  buildWorld,
  expectProblem,
  expectStatus,
  issueKey,
  onlyOpenTask,
  send,
  submitCase,
  type World,
} from './support/authz-world';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let world: World;
let caseId: string;

interface Entry {
  action: string;
  actor: { id: string | null; name: string | null; role: string; department: string | null };
}

beforeAll(async () => {
  t = await startTestApp();
  world = await buildWorld(t);
  const evaluation = await submitCase(world);
  caseId = evaluation.id;
  expectStatus(
    await send(
      t,
      'post',
      `/tasks/${onlyOpenTask(evaluation).id}/complete`,
      world.header['reviewer-task-dept'],
      {
        outcome: 'accept',
      },
    ),
    200,
  );
  // An auditor reads the case: a recorded read.
  expectStatus(await send(t, 'get', `/evaluations/${caseId}`, world.header.auditor), 200);
});

afterAll(async () => {
  await t?.close();
});

const trailOf = async (persona: 'enterprise-owner' | 'auditor' | 'reviewer-task-dept', query = '') => {
  const res = await send(t, 'get', `/evaluations/${caseId}/trail${query}`, world.header[persona]);
  expectStatus(res, 200);
  return res.body as Entry[];
};

describe('the trail as the enterprise sees it', () => {
  it("hides the officials' key ids and names, keeps their role and department, and shows its own key", async () => {
    const entries = await trailOf('enterprise-owner');
    const byReviewer = entries.filter((e) => e.actor.role === 'reviewer');
    expect(byReviewer.length).toBeGreaterThan(0);
    for (const e of byReviewer)
      expect(e.actor).toEqual({ id: null, name: null, role: 'reviewer', department: 'ipo' });
    const own = entries.find((e) => e.action === 'evaluation.submitted')!;
    expect(own.actor.id).toBe(world.keyId['enterprise-owner']);
    expect(JSON.stringify(entries)).not.toContain(world.keyId['reviewer-task-dept']!);
  });

  it('never shows access events, and refuses include=access', async () => {
    expect((await trailOf('enterprise-owner')).some((e) => e.action === 'evaluation.read')).toBe(false);
    expectProblem(
      await send(t, 'get', `/evaluations/${caseId}/trail?include=access`, world.header['enterprise-owner']),
      403,
    );
  });

  it('officials still see who acted, and the auditor sees the reads', async () => {
    const reviewer = await trailOf('reviewer-task-dept');
    expect(reviewer.find((e) => e.actor.role === 'reviewer')!.actor.id).toBe(
      world.keyId['reviewer-task-dept'],
    );
    const auditor = await trailOf('auditor', '?include=access');
    expect(auditor.some((e) => e.action === 'evaluation.read')).toBe(true);
  });
});

describe('the case view and the report as the enterprise sees them', () => {
  const REVIEWER_NAME = '评审员王五-7Q';
  let namedCase: string;
  let reviewerId: string;

  beforeAll(async () => {
    const reviewer = await issueKey(t, { role: 'reviewer', department: 'ipo', name: REVIEWER_NAME });
    reviewerId = reviewer.id;
    const evaluation = await submitCase(world);
    namedCase = evaluation.id;
    const res = await send(
      t,
      'post',
      `/tasks/${onlyOpenTask(evaluation).id}/complete`,
      `Bearer ${reviewer.key}`,
      {
        outcome: 'accept',
      },
    );
    expectStatus(res, 200);
  });

  const caseAs = async (persona: 'enterprise-owner' | 'officer-competent' | 'auditor') => {
    const res = await send(t, 'get', `/evaluations/${namedCase}`, world.header[persona]);
    expectStatus(res, 200);
    return res.body as {
      history: { stage: string; status: string; department: string; completedBy: unknown }[];
    };
  };

  it("shows the enterprise each completed task's department and outcome, not who completed it", async () => {
    const view = await caseAs('enterprise-owner');
    const done = view.history.filter((task) => task.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    for (const task of done) expect(task).toMatchObject({ department: 'ipo', completedBy: null });
    expect(JSON.stringify(view)).not.toContain(reviewerId);
    expect(JSON.stringify(view)).not.toContain(REVIEWER_NAME);
  });

  it('shows officials who completed each task', async () => {
    for (const persona of ['officer-competent', 'auditor'] as const) {
      const done = (await caseAs(persona)).history.find((task) => task.status === 'done')!;
      expect(done.completedBy).toEqual({ id: reviewerId, name: REVIEWER_NAME });
    }
  });

  it("leaves the reviewer's name and key out of the enterprise's report, and puts it in an official's", async () => {
    const report = async (persona: 'enterprise-owner' | 'officer-competent') => {
      const res = await send(t, 'get', `/evaluations/${namedCase}/report?format=html`, world.header[persona]);
      expectStatus(res, 200);
      return res.text;
    };
    const enterprise = await report('enterprise-owner');
    expect(enterprise).not.toContain(REVIEWER_NAME);
    expect(enterprise).not.toContain(reviewerId);
    expect(await report('officer-competent')).toContain(REVIEWER_NAME);
  });
});
