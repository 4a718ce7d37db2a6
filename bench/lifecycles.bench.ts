/**
 * Full lifecycles per second over HTTP: a case is submitted (officer of the competent department) and
 * driven by the departments through every task its route opens (intake, expert review, countersign,
 * legality review, the decision, conditions) until it is archived, each step a real request to the
 * compiled service on a fresh SQLite file. Several lifecycles run at once, as several departments work
 * at once; the bodies are the varied ones of the submissions benchmark.
 */
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { TaskView } from '../src/tasks/task.view';
import type { Benchmark } from './bench.types';
import { call, KeyRing, startService } from './service-process';
import { submissionBodies } from './submission-bodies';

const CONCURRENT = 8;
const SECONDS = 20;

/** The answer of departments that let the case through; pass-with-conditions every third case. */
function answer(task: TaskView, view: EvaluationView, withConditions: boolean): Record<string, unknown> {
  const offers = (outcome: string) => task.allowedOutcomes.includes(outcome);
  if (task.stage !== 'decision') {
    const outcome = ['accept', 'approve', 'fulfilled'].find(offers);
    if (!outcome)
      throw new Error(
        `no letting-through outcome for a ${task.stage} task: ${task.allowedOutcomes.join(', ')}`,
      );
    return { outcome };
  }
  const body: Record<string, unknown> = withConditions
    ? { outcome: 'pass-with-conditions', conditions: ['取得FTO意见 Obtain an FTO opinion'] }
    : { outcome: 'pass' };
  if (view.decision.hardStops.length > 0)
    body.overrideReason = '经核查否决项已消除 The hard stops were checked and no longer apply';
  return body;
}

export const lifecyclesBench: Benchmark = {
  name: 'lifecycles',
  async run() {
    const service = await startService();
    try {
      const { url } = service;
      const ring = new KeyRing(url);
      const auditor = await ring.get('auditor');
      const departments = (await call<{ code: string }[]>(url, 'GET', '/departments', auditor)).map(
        (d) => d.code,
      );
      const reviewers = new Map<string, string>();
      for (const department of departments) reviewers.set(department, await ring.get('reviewer', department));
      const bodies = submissionBodies(2000, 7);
      const officers = new Map<string, string>();
      for (const body of bodies)
        if (!officers.has(body.competentDepartment))
          officers.set(body.competentDepartment, await ring.get('officer', body.competentDepartment));

      let next = 0;
      let requests = 0;
      let tasks = 0;
      const durations: number[] = [];
      const lifecycle = async (): Promise<void> => {
        const n = next++;
        const body = bodies[n % bodies.length];
        const started = process.hrtime.bigint();
        let view = await call<EvaluationView>(
          url,
          'POST',
          '/evaluations',
          officers.get(body.competentDepartment)!,
          body,
        );
        requests += 1;
        while (view.status !== 'closed') {
          const task = view.tasks[0];
          if (!task) throw new Error(`case ${view.id} waits in ${view.state} with no open task`);
          await call(
            url,
            'POST',
            `/tasks/${task.id}/complete`,
            reviewers.get(task.department)!,
            answer(task, view, n % 3 === 0),
          );
          // Read as the competent department's officer, who follows the case without a trace in the trail.
          view = await call<EvaluationView>(
            url,
            'GET',
            `/evaluations/${view.id}`,
            officers.get(body.competentDepartment)!,
          );
          requests += 2;
          tasks += 1;
        }
        if (view.state !== 'archived')
          throw new Error(`case ${view.id} closed in ${view.state}, not archived`);
        durations.push(Number(process.hrtime.bigint() - started) / 1e6);
      };

      const until = Date.now() + SECONDS * 1000;
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: CONCURRENT }, async () => {
          while (Date.now() < until) await lifecycle();
        }),
      );
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      durations.sort((a, b) => a - b);
      const figures = {
        concurrentLifecycles: CONCURRENT,
        seconds: Number(elapsed.toFixed(1)),
        lifecycles: durations.length,
        lifecyclesPerSecond: Number((durations.length / elapsed).toFixed(2)),
        tasksPerLifecycle: Number((tasks / durations.length).toFixed(1)),
        requestsPerLifecycle: Number((requests / durations.length).toFixed(1)),
        requestsPerSecond: Math.round(requests / elapsed),
        lifecycleP50Ms: Math.round(durations[Math.floor(durations.length / 2)]),
        lifecycleP99Ms: Math.round(
          durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.99))],
        ),
        rssMiBPeak: Math.round(service.peakRssMiB()),
      };
      process.stdout.write(
        `${figures.lifecyclesPerSecond} lifecycles/s (${figures.lifecycles} archived, ${figures.tasksPerLifecycle} tasks and ${figures.requestsPerLifecycle} requests each, ` +
          `${figures.requestsPerSecond} req/s), lifecycle p50 ${figures.lifecycleP50Ms} ms\n`,
      );
      return figures;
    } finally {
      await service.dispose();
    }
  },
};
