/**
 * Kill -9 in the middle of a burst, twice. The service runs as its own process (node src/main.ts through ts-node)
 * and takes a burst of submissions and task completions from concurrent clients; once enough of them have
 * been answered, with many still in flight, it gets SIGKILL: no shutdown hook, no chance to finish.
 * Restarted on the same database (and again after a second burst and crash) it must show that:
 * - every request that got a 2xx is there: each submission's case, each completion's task, done with the
 *   outcome given;
 * - nothing is half-applied: each case's state agrees with its open tasks and with its audit events
 *   (its last transition, its version, its decisions), no task or event lacks its case, every task has the
 *   events of its opening and closing;
 * - the audit chain verifies (src/audit/verify-chain.ts over the stored events), every signed head and the witness file included;
 * - and it goes on working: a new submission after the restart is accepted and the chain still verifies.
 *
 * On SQLite by default; on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { readHeadVerifyingKeys } from '../src/audit/head-signing-key';
import { readWitnessFile, witnessFileOf } from '../src/audit/audit-witness';
import { headSignatureValid } from '../src/audit/signed-head';
import { verifyStoredChain } from '../src/audit/stored-chain';
import { dataSourceOptions } from '../src/database/data-source-options';
import type { ActivityType } from '../src/definitions/definition.types';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { TaskView } from '../src/tasks/task.view';
import { factFixture, REPO_ROOT } from './support/fact-fixtures';
import { freePort } from './support/service-process';
import { resetPostgres, TEST_ADMIN_KEY, testSigningKeyFile } from './support/test-app';

jest.setTimeout(120_000);

const PG_URL = process.env.TEST_DATABASE_URL;
const TYPES: ActivityType[] = ['major-project', 'talent-introduction', 'trade-show', 'technology-trade'];
const COMPETENT: Record<ActivityType, string> = {
  'major-project': 'ndrc',
  'talent-introduction': 'hrss',
  'trade-show': 'commerce',
  'technology-trade': 'commerce',
};
const PREPARED_CASES = 12; // submitted before the burst, so completions start at once
const SUBMITTERS = 4;
const DRIVERS = 6; // each drives prepared cases task by task
const KILL_AFTER_SUCCESSES = [30, 45]; // one crash per entry, after that many answered requests

interface Service {
  url: string;
  child: ChildProcess;
  exited: Promise<void>;
  output(): string;
}

async function startService(env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`service exited during start:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child, exited, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not become healthy:\n${output}`);
}

async function api<T>(
  url: string,
  method: string,
  path: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function must<T>(url: string, method: string, path: string, key: string, body?: unknown): Promise<T> {
  const res = await api<T>(url, method, path, key, body);
  if (res.status < 200 || res.status > 299)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every done task the key sees, page by page (GET /tasks pages like the other lists). */
async function allDoneTasks(url: string, key: string): Promise<TaskView[]> {
  const all: TaskView[] = [];
  for (let page = 1; ; page++) {
    const body = await must<{ items: TaskView[]; total: number }>(
      url,
      'GET',
      `/tasks?status=done&pageSize=100&page=${page}`,
      key,
    );
    all.push(...body.items);
    if (body.items.length === 0 || all.length >= body.total) return all;
  }
}

function submissionBody(type: ActivityType, n: number) {
  const { applicant, ...facts } = factFixture(`${type}.low`);
  return { type, title: `kill9 ${type} #${n}`, applicant, competentDepartment: COMPETENT[type], facts };
}

/** The answer that moves a task on, as departments letting a case through would give it. */
function answerFor(task: TaskView, evaluation: EvaluationView): Record<string, unknown> {
  const first = (...outcomes: string[]) =>
    outcomes.find((o) => task.allowedOutcomes.includes(o)) ?? task.allowedOutcomes[0];
  if (task.stage !== 'decision') return { outcome: first('accept', 'approve', 'fulfilled') };
  const answer: Record<string, unknown> = { outcome: first('pass') };
  if (evaluation.decision.hardStops.length > 0)
    answer.overrideReason = 'kill9 test: the hard stops were checked';
  return answer;
}

describe('kill -9 mid-burst, then restart on the same database', () => {
  let dataDir: string | null = null;
  let env: Record<string, string>;
  let service: Service | null = null;

  beforeAll(async () => {
    if (PG_URL) await resetPostgres(PG_URL);
    else dataDir = mkdtempSync(join(tmpdir(), 'ipr-kill9-'));
    env = {
      ...(PG_URL ? { DATABASE_URL: PG_URL } : { IPR_SQLITE_PATH: join(dataDir!, 'kill9.sqlite') }),
      IPR_ADMIN_KEY: TEST_ADMIN_KEY,
      ...(PG_URL ? { IPR_AUDIT_SIGNING_KEY_FILE: testSigningKeyFile() } : {}),
      IPR_SCHEDULER_SECONDS: '0',
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every 2xx, applies nothing by halves, and the chain verifies, over two crashes', async () => {
    service = await startService(env);
    const keyOf = new Map<string, string>();
    const key = async (role: 'officer' | 'reviewer' | 'auditor', department?: string) => {
      const id = `${role}:${department ?? ''}`;
      if (!keyOf.has(id)) {
        const created = await must<{ key: string }>(service!.url, 'POST', '/keys', TEST_ADMIN_KEY, {
          role,
          name: id,
          ...(department ? { department } : {}),
        });
        keyOf.set(id, created.key);
      }
      return keyOf.get(id)!;
    };
    const departments = (
      await must<{ code: string }[]>(service.url, 'GET', '/departments', TEST_ADMIN_KEY)
    ).map((d) => d.code);
    for (const department of departments) await key('reviewer', department);
    for (const type of TYPES) await key('officer', COMPETENT[type]);
    const auditor = await key('auditor');
    const officerFor = (type: ActivityType) => keyOf.get(`officer:${COMPETENT[type]}`)!;
    const submitted: string[] = []; // every case whose submission was answered 201, over all cycles
    const completed: { taskId: string; outcome: string }[] = []; // every completion answered 200
    let n = 0;

    for (const killAfter of KILL_AFTER_SUCCESSES) {
      const url = service.url;
      // Cases submitted before the burst, so completions start at once.
      const prepared: string[] = [];
      for (let i = 0; i < PREPARED_CASES; i += 1) {
        const type = TYPES[n % TYPES.length];
        prepared.push(
          (
            await must<EvaluationView>(
              url,
              'POST',
              '/evaluations',
              officerFor(type),
              submissionBody(type, n++),
            )
          ).id,
        );
      }
      submitted.push(...prepared);

      // ---- the burst, killed once `killAfter` requests have been answered ---------------------------
      let successes = 0;
      let killed = false;
      const victim = service;
      const succeeded = () => {
        successes += 1;
        if (!killed && successes >= killAfter) {
          killed = true;
          victim.child.kill('SIGKILL');
        }
      };
      const submitter = async () => {
        while (!killed) {
          const type = TYPES[n % TYPES.length];
          const res = await api<EvaluationView>(
            url,
            'POST',
            '/evaluations',
            officerFor(type),
            submissionBody(type, n++),
          ).catch(() => null);
          if (res && res.status === 201) {
            submitted.push(res.body.id);
            succeeded();
          } else if (res && !killed)
            throw new Error(`submission refused: ${res.status} ${JSON.stringify(res.body)}`);
        }
      };
      const driver = async (cases: string[]) => {
        for (const id of cases) {
          while (!killed) {
            const view = await api<EvaluationView>(url, 'GET', `/evaluations/${id}`, auditor).catch(
              () => null,
            );
            if (!view || view.status !== 200 || view.body.tasks.length === 0) break;
            const task = view.body.tasks[0];
            const answer = answerFor(task, view.body);
            const res = await api<TaskView>(
              url,
              'POST',
              `/tasks/${task.id}/complete`,
              keyOf.get(`reviewer:${task.department}`)!,
              answer,
            ).catch(() => null);
            if (res && res.status === 200) {
              completed.push({ taskId: task.id, outcome: String(answer.outcome) });
              succeeded();
            } else if (res && !killed)
              throw new Error(`completion refused: ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      };
      const slices = Array.from({ length: DRIVERS }, (_, d) => prepared.filter((_, i) => i % DRIVERS === d));
      await Promise.all([...Array.from({ length: SUBMITTERS }, submitter), ...slices.map(driver)]);
      await victim.exited;
      expect([killed, victim.child.signalCode]).toEqual([true, 'SIGKILL']);

      // ---- restarted on the same database: every 2xx is there, and it goes on working ---------------
      service = await startService(env);
      for (const id of submitted) {
        const res = await api<EvaluationView>(service.url, 'GET', `/evaluations/${id}`, auditor);
        expect([id, res.status]).toEqual([id, 200]);
      }
      const done = new Map((await allDoneTasks(service.url, auditor)).map((t) => [t.id, t]));
      for (const { taskId, outcome } of completed) {
        expect([taskId, done.get(taskId)?.status, done.get(taskId)?.outcome]).toEqual([
          taskId,
          'done',
          outcome,
        ]);
      }
    }
    expect(completed.length).toBeGreaterThan(0);
    const after = await must<EvaluationView>(
      service.url,
      'POST',
      '/evaluations',
      officerFor('trade-show'),
      submissionBody('trade-show', n++),
    );
    expect(after.state).toBe('intake');
    service.child.kill('SIGTERM');
    await service.exited;

    // ---- the stored data: nothing half-applied, and the chain verifies -------------------------------
    const ds = new DataSource({
      ...dataSourceOptions({ DATABASE_URL: PG_URL, IPR_SQLITE_PATH: env.IPR_SQLITE_PATH ?? '' }),
      migrationsRun: false,
    });
    await ds.initialize();
    try {
      await expectConsistent(ds);
      // The key and the witness as the service configured them (beside the SQLite file, or the test key).
      const keyConfig = {
        DATABASE_URL: PG_URL,
        IPR_SQLITE_PATH: env.IPR_SQLITE_PATH ?? '',
        IPR_AUDIT_SIGNING_KEY_FILE: env.IPR_AUDIT_SIGNING_KEY_FILE,
      };
      const keys = readHeadVerifyingKeys(keyConfig)!;
      const witness = readWitnessFile(witnessFileOf({}, keys.file));
      expect(witness).not.toBeNull();
      const result = await verifyStoredChain((work) => work(ds.manager), {
        checkSignature: (position, signature) => headSignatureValid(keys.trusted, position, signature),
        kept: [witness!],
      });
      expect(result).toMatchObject({ ok: true, signaturesChecked: true });
    } finally {
      await ds.destroy();
    }
  });
});

type Row = Record<string, unknown>;

/** Every case agrees with its tasks and its audit events; no task or event without its case. */
async function expectConsistent(ds: DataSource): Promise<void> {
  const evaluations: Row[] = await ds.query('SELECT id, state, status, version FROM evaluations');
  const tasks: Row[] = await ds.query('SELECT id, evaluation_id, stage, status FROM tasks');
  const events: Row[] = await ds.query(
    'SELECT seq, action, entity_id, case_id, to_state FROM audit_events ORDER BY seq',
  );
  const decisions: Row[] = await ds.query('SELECT evaluation_id FROM evaluation_decisions');
  const caseIds = new Set(evaluations.map((e) => String(e.id)));
  const problems: string[] = [];

  for (const task of tasks)
    if (!caseIds.has(String(task.evaluation_id))) problems.push(`task ${task.id} has no case`);
  for (const event of events)
    if (event.case_id !== null && !caseIds.has(String(event.case_id)))
      problems.push(`event ${event.seq} names a missing case`);
  for (const decision of decisions)
    if (!caseIds.has(String(decision.evaluation_id)))
      problems.push(`a decision of missing case ${decision.evaluation_id}`);

  const eventsOf = groupBy(events, (e) => String(e.case_id));
  const tasksOf = groupBy(tasks, (t) => String(t.evaluation_id));
  const decisionsOf = groupBy(decisions, (d) => String(d.evaluation_id));
  for (const e of evaluations) {
    const id = String(e.id);
    const own = eventsOf.get(id) ?? [];
    const ownTasks = tasksOf.get(id) ?? [];
    const transitions = own.filter((ev) => ev.action === 'workflow.transition');
    const last = transitions[transitions.length - 1];
    if (!last || last.to_state !== e.state)
      problems.push(`case ${id} is in ${e.state}, its last transition went to ${last?.to_state}`);
    if (transitions.length !== Number(e.version))
      problems.push(`case ${id} has version ${e.version} and ${transitions.length} transitions`);
    const decisionEvents = own.filter((ev) => ev.action === 'decision.made').length;
    if (decisionEvents !== (decisionsOf.get(id)?.length ?? 0))
      problems.push(
        `case ${id}: ${decisionEvents} decision events, ${decisionsOf.get(id)?.length ?? 0} decisions`,
      );
    const open = ownTasks.filter((t) => t.status === 'open');
    if (e.status === 'closed' && open.length > 0) problems.push(`closed case ${id} has open tasks`);
    for (const t of open)
      if (t.stage !== e.state) problems.push(`case ${id} in ${e.state} has an open ${t.stage} task`);
    if (
      ['intake', 'expert-review', 'countersign', 'legality-review', 'decision', 'conditions'].includes(
        String(e.state),
      ) &&
      open.length === 0
    ) {
      problems.push(`case ${id} waits in ${e.state} with no open task`);
    }
    for (const t of ownTasks) {
      const actions = own.filter((ev) => ev.entity_id === t.id).map((ev) => String(ev.action));
      if (!actions.includes('task.opened')) problems.push(`task ${t.id} has no task.opened event`);
      const closing = actions.filter((a) => a === 'task.completed' || a === 'task.cancelled').length;
      if (closing !== (t.status === 'open' ? 0 : 1))
        problems.push(`task ${t.id} (${t.status}) has ${closing} closing events`);
    }
  }
  expect(problems).toEqual([]);
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
