/**
 * Full lifecycles per second over HTTP: a case is submitted (officer of the competent department) and
 * driven by the departments through every task its route opens (intake, expert review, countersign,
 * legality review, the decision, conditions) until it is archived, each step a real request to the
 * compiled service. Several lifecycles run at once, as several departments work at once; the bodies are
 * the varied ones of the submissions benchmark. On a fresh SQLite file, then on PostgreSQL with one
 * instance and with two instances on one database (the requests alternate between them).
 *
 * Target (issue 12): at least 40 lifecycles a second on SQLite.
 */
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { TaskView } from '../src/tasks/task.view';
import type { Benchmark, Figures } from './bench.types';
import { onPostgres } from './http-submissions.bench';
import { call, KeyRing, startService, type ServiceProcess } from './service-process';
import { submissionBodies } from './submission-bodies';

const CONCURRENT = 8;
const SECONDS = 20;
/**
 * Lifecycles run this long unmeasured before the measured SECONDS: a freshly started service compiles its
 * hot code in the first seconds under load (lifecycles touch more of it than submissions: every stage, the
 * inbox, the case read). On this machine a cold service managed 28–32 lifecycles a second in its first 15 s
 * and 35–40 from the 30th second on. The warm-up's own figures are reported too (`warmUp`).
 */
const WARMUP_SECONDS = 20;
export const TARGET_LIFECYCLES_PER_SECOND = 40;

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

/** Lifecycles for SECONDS on the given instances; the requests alternate between them. */
async function measure(services: ServiceProcess[]): Promise<Figures> {
  let turn = 0;
  const url = () => services[turn++ % services.length].url;
  const ring = new KeyRing(services[0].url);
  const auditor = await ring.get('auditor');
  const departments = (await call<{ code: string }[]>(url(), 'GET', '/departments', auditor)).map(
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
  let durations: number[] = [];
  const lifecycle = async (): Promise<void> => {
    const n = next++;
    const body = bodies[n % bodies.length];
    const started = process.hrtime.bigint();
    let view = await call<EvaluationView>(
      url(),
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
        url(),
        'POST',
        `/tasks/${task.id}/complete`,
        reviewers.get(task.department)!,
        answer(task, view, n % 3 === 0),
      );
      // Read as the competent department's officer, who follows the case without a trace in the trail.
      view = await call<EvaluationView>(
        url(),
        'GET',
        `/evaluations/${view.id}`,
        officers.get(body.competentDepartment)!,
      );
      requests += 2;
      tasks += 1;
    }
    if (view.state !== 'archived') throw new Error(`case ${view.id} closed in ${view.state}, not archived`);
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  };

  /** Runs CONCURRENT lifecycles at a time for `seconds`; their count, the time taken and the CPU used. */
  const window = async (seconds: number) => {
    requests = 0;
    tasks = 0;
    durations = [];
    const until = Date.now() + seconds * 1000;
    const started = process.hrtime.bigint();
    const cpuBefore = services.reduce((n, s) => n + s.cpuMs(), 0);
    const mainBefore = services.reduce((n, s) => n + s.mainThreadCpuMs(), 0);
    await Promise.all(
      Array.from({ length: CONCURRENT }, async () => {
        while (Date.now() < until) await lifecycle();
      }),
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      elapsed,
      cpu: services.reduce((n, s) => n + s.cpuMs(), 0) - cpuBefore,
      mainThreadCpu: services.reduce((n, s) => n + s.mainThreadCpuMs(), 0) - mainBefore,
    };
  };
  const cold = await window(WARMUP_SECONDS);
  const warmUp = {
    seconds: WARMUP_SECONDS,
    lifecyclesPerSecond: Number((durations.length / cold.elapsed).toFixed(2)),
    serviceCpuMsPerLifecycle: Number((cold.cpu / durations.length).toFixed(1)),
  };
  const { elapsed, cpu, mainThreadCpu } = await window(SECONDS);
  durations.sort((a, b) => a - b);
  const figures = {
    instances: services.length,
    concurrentLifecycles: CONCURRENT,
    seconds: Number(elapsed.toFixed(1)),
    lifecycles: durations.length,
    lifecyclesPerSecond: Number((durations.length / elapsed).toFixed(2)),
    tasksPerLifecycle: Number((tasks / durations.length).toFixed(1)),
    requestsPerLifecycle: Number((requests / durations.length).toFixed(1)),
    requestsPerSecond: Math.round(requests / elapsed),
    serviceCpuMsPerLifecycle: Number((cpu / durations.length).toFixed(1)),
    mainThreadCpuMsPerLifecycle: Number((mainThreadCpu / durations.length).toFixed(1)),
    // How busy each instance's main thread was over the measured seconds, on average, in % of one core.
    mainThreadBusyPercent: Math.round((mainThreadCpu / services.length / (elapsed * 1000)) * 100),
    lifecycleP50Ms: Math.round(durations[Math.floor(durations.length / 2)]),
    lifecycleP99Ms: Math.round(
      durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.99))],
    ),
    rssMiBPeak: Math.round(Math.max(...services.map((s) => s.peakRssMiB()))),
    warmUp,
  };
  process.stdout.write(
    `${services.length} instance(s): ${figures.lifecyclesPerSecond} lifecycles/s (${figures.lifecycles} archived, ${figures.tasksPerLifecycle} tasks and ${figures.requestsPerLifecycle} requests each, ` +
      `${figures.requestsPerSecond} req/s, ${figures.serviceCpuMsPerLifecycle} ms service CPU each, ${figures.mainThreadCpuMsPerLifecycle} on the main thread, busy ${figures.mainThreadBusyPercent} %), lifecycle p50 ${figures.lifecycleP50Ms} ms ` +
      `(warm-up: ${warmUp.lifecyclesPerSecond}/s, ${warmUp.serviceCpuMsPerLifecycle} ms CPU each)\n`,
  );
  return figures;
}

export const lifecyclesBench: Benchmark = {
  name: 'lifecycles',
  async run() {
    process.stdout.write('SQLite, ');
    const service = await startService();
    let sqlite: Figures;
    try {
      sqlite = await measure([service]);
    } finally {
      await service.dispose();
    }
    const postgres: Figures = {};
    for (const instances of [1, 2]) {
      process.stdout.write('PostgreSQL, ');
      postgres[`instances${instances}`] = await onPostgres(instances, measure);
    }
    return {
      sqlite: {
        ...sqlite,
        target: TARGET_LIFECYCLES_PER_SECOND,
        targetMet: (sqlite.lifecyclesPerSecond as number) >= TARGET_LIFECYCLES_PER_SECOND,
      },
      postgres,
    };
  },
};
