/**
 * Commands answer from the rows they just wrote instead of reading the case back. Their answers must be
 * exactly what a read right after them returns: the same fields, values and key order (compared as JSON
 * text), for submissions (officer and enterprise), task completions, a return and its resubmission, and a
 * withdrawal.
 */
import { ACTIVITY_TYPES } from './support/activity-types';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { TaskView } from '../src/tasks/task.view';
import { ApiClient, approvingChooser, expectStatus, pick } from './support/api-client';
import { factFixture } from './support/fact-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const RETURN_COMMENT = '一次性告知：请补充材料 Supply the missing documents';

describe('command answers equal a read of what they wrote', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.http);
  });
  afterAll(() => t.close());

  /** GET /evaluations/:id as `key`, with or without the history (a submission answers without it). */
  async function read(id: string, key: string, withHistory: boolean): Promise<string> {
    const res = await api.get(`/evaluations/${id}`, key);
    expectStatus(res, 200);
    const body = res.body as EvaluationView;
    if (!withHistory) delete body.history;
    return JSON.stringify(body);
  }

  /** The task as GET /evaluations/:id lists it in the case's history. */
  async function taskAsRead(evaluationId: string, taskId: string, key: string): Promise<string> {
    const res = await api.get(`/evaluations/${evaluationId}`, key);
    expectStatus(res, 200);
    const task = (res.body as EvaluationView).history!.find((h) => h.id === taskId);
    return JSON.stringify(task);
  }

  it.each(ACTIVITY_TYPES)('%s: submission and every completion up to the archive', async (type) => {
    for (const as of ['officer', 'enterprise'] as const) {
      const { id, view, key } = await api.submit(type, 'high', { as });
      expect(JSON.stringify(view)).toBe(await read(id, key, false));
    }
    const { id } = await api.submit(type, 'low');
    const choose = approvingChooser('pass-with-conditions');
    let evaluation = await api.evaluation(id);
    while (evaluation.tasks.length > 0) {
      const task = evaluation.tasks[evaluation.tasks.length - 1]; // the last opened: countersigns leave others open
      const picked = choose(task, evaluation);
      const res = await api.complete(task, typeof picked === 'string' ? { outcome: picked } : picked);
      expectStatus(res, 200);
      expect(JSON.stringify(res.body as TaskView)).toBe(
        await taskAsRead(id, task.id, await api.reviewer(task.department)),
      );
      evaluation = await api.evaluation(id);
    }
    expect(evaluation.state).toBe('archived');
    expect(JSON.stringify(evaluation)).toBe(await read(id, await api.auditor(), true));
  });

  it('a return, the resubmission and a withdrawal', async () => {
    const { id, key } = await api.submit('trade-show', 'low');
    const intake = (await api.evaluation(id)).tasks[0];
    const returned = await api.complete(intake, { ...pick(intake, 'return'), comment: RETURN_COMMENT });
    expectStatus(returned, 200);
    expect(JSON.stringify(returned.body)).toBe(
      await taskAsRead(id, intake.id, await api.reviewer(intake.department)),
    );

    const { applicant: _applicant, ...facts } = factFixture('trade-show.low');
    const resubmitted = await api.post(`/evaluations/${id}/resubmit`, key, { facts });
    expectStatus(resubmitted, 200);
    expect(JSON.stringify(resubmitted.body)).toBe(await read(id, key, true));

    const withdrawn = await api.post(`/evaluations/${id}/withdraw`, key, { reason: 'no longer planned' });
    expectStatus(withdrawn, 200);
    expect((withdrawn.body as EvaluationView).state).toBe('withdrawn');
    expect(JSON.stringify(withdrawn.body)).toBe(await read(id, key, true));
  });
});
