/**
 * HTTP submissions: autocannon drives POST /api/v1/evaluations on the compiled service (its own process)
 * with 20 connections and valid, varied bodies of all four activity types, each sent with a key of an
 * officer of the case's competent department.
 *
 * On SQLite (a fresh file), then, in the same run, the raw sqlite3 rate for the same rows, one transaction
 * per submission (raw-sqlite.ts), so the service's rate can be put as a share of what the database alone
 * manages on this machine. Then the same load on PostgreSQL, with one instance and with two instances on
 * one database (the connections split between them).
 *
 * Targets (issue 12), on SQLite: service CPU per submission at most 2.5 ms, at least 75% of the raw rate,
 * p99 at most 50 ms, RSS at most 200 MiB at peak.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark, Figures } from './bench.types';
import { freshPostgresDatabase } from './postgres-database';
import { commandsPerCommit, rawSubmissionRate, readSubmissionRows } from './raw-sqlite';
import { call, KeyRing, startService, type ServiceProcess } from './service-process';
import { COMPETENT_DEPARTMENT, submissionBodies } from './submission-bodies';

const CONNECTIONS = 20;
const WARMUP_SECONDS = 3;
const SECONDS = 15;
const RAW_SECONDS = 8;
const SINGLE_SECONDS = 5;

export const TARGETS = { cpuMsPerRequest: 2.5, shareOfRawPercent: 75, p99Ms: 50, rssMiB: 200 };

function fire(
  origin: string,
  bodies: string[],
  keys: string[],
  seconds: number,
  connections = CONNECTIONS,
): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: origin,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/evaluations',
        setupRequest: (request) => {
          const i = next++ % bodies.length;
          return {
            ...request,
            body: bodies[i],
            headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[i]}` },
          };
        },
      },
    ],
  });
}

/** The load on the given instances (connections split between them), measured over SECONDS. */
type LoadFigures = {
  instances: number;
  connections: number;
  seconds: number;
  requests: number;
  non2xx: number;
  errors: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  serviceCpuMsPerRequest: number;
  /** Of that, the main thread's (the rest: the decision thread, SQLite's pool thread, V8's helpers). */
  mainThreadCpuMsPerRequest: number;
  rssMiBBefore: number;
  rssMiBPeak: number;
};

async function measure(services: ServiceProcess[]): Promise<LoadFigures> {
  // Keys are rows in the shared database: made through the first instance, valid on all of them.
  const ring = new KeyRing(services[0].url);
  const bodies = submissionBodies(400);
  const keys = await Promise.all(bodies.map((b) => ring.get('officer', b.competentDepartment)));
  // Every body must be accepted, or the figures would mix in cheap rejections.
  for (let i = 0; i < bodies.length; i += 1)
    await call(services[i % services.length].url, 'POST', '/evaluations', keys[i], bodies[i], [201]);
  const payloads = bodies.map((b) => JSON.stringify(b));
  const origins = services.map((s) => s.url.replace(/\/api\/v1$/, ''));
  const share = CONNECTIONS / services.length;
  const all = (seconds: number) =>
    Promise.all(origins.map((origin) => fire(origin, payloads, keys, seconds, share)));

  await all(WARMUP_SECONDS);
  const rssBefore = Math.max(...services.map((s) => s.rssMiB()));
  const cpuBefore = services.reduce((n, s) => n + s.cpuMs(), 0);
  const mainBefore = services.reduce((n, s) => n + s.mainThreadCpuMs(), 0);
  const results = await all(SECONDS);
  const total = results.reduce((n, r) => n + r.requests.total, 0);
  const cpuPerRequest = (services.reduce((n, s) => n + s.cpuMs(), 0) - cpuBefore) / total;
  const mainPerRequest = (services.reduce((n, s) => n + s.mainThreadCpuMs(), 0) - mainBefore) / total;
  return {
    instances: services.length,
    connections: CONNECTIONS,
    seconds: SECONDS,
    requests: total,
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    requestsPerSecond: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
    latencyP50Ms: Math.max(...results.map((r) => r.latency.p50)),
    // Of the instances' own p99s, the worse: no instance's clients wait longer than this 99 times in 100.
    latencyP99Ms: Math.max(...results.map((r) => r.latency.p99)),
    latencyMaxMs: Math.max(...results.map((r) => r.latency.max)),
    serviceCpuMsPerRequest: Number(cpuPerRequest.toFixed(2)),
    mainThreadCpuMsPerRequest: Number(mainPerRequest.toFixed(2)),
    rssMiBBefore: Math.round(rssBefore),
    rssMiBPeak: Math.round(Math.max(...services.map((s) => s.peakRssMiB()))),
  };
}

function line(label: string, f: LoadFigures): string {
  return (
    `${label}: ${f.requestsPerSecond} req/s, p50 ${f.latencyP50Ms} ms, p99 ${f.latencyP99Ms} ms, non-2xx ${f.non2xx}, ` +
    `service CPU ${f.serviceCpuMsPerRequest} ms/request (main thread ${f.mainThreadCpuMsPerRequest}), RSS peak ${f.rssMiBPeak} MiB`
  );
}

async function onSqlite(): Promise<Figures> {
  const service = await startService();
  try {
    const figures = await measure([service]);
    // One connection: the time of one submission with no queue in front of it.
    const ring = new KeyRing(service.url);
    const bodies = submissionBodies(40, 11);
    const keys = await Promise.all(bodies.map((b) => ring.get('officer', b.competentDepartment)));
    const origin = service.url.replace(/\/api\/v1$/, '');
    const single = await fire(
      origin,
      bodies.map((b) => JSON.stringify(b)),
      keys,
      SINGLE_SECONDS,
      1,
    );
    await service.stop();

    const rows = await readSubmissionRows(service.sqlitePath, 200).catch(() => []);
    if (rows.length === 0) throw new Error('could not read the submissions back');
    const grouped = await commandsPerCommit(service.sqlitePath);
    const raw = await rawSubmissionRate(rows, RAW_SECONDS);
    const share = (figures.requestsPerSecond / raw.perSecond) * 100;
    const result = {
      ...figures,
      commandsPerCommit: Number(grouped.toFixed(2)),
      oneConnectionRequestsPerSecond: Math.round(single.requests.average),
      oneConnectionP50Ms: single.latency.p50,
      oneConnectionP99Ms: single.latency.p99,
      rawSqliteTransactionsPerSecond: Math.round(raw.perSecond),
      rawSqliteP50Ms: Number(raw.p50Ms.toFixed(2)),
      rawSqliteP99Ms: Number(raw.p99Ms.toFixed(2)),
      rowsPerTransaction:
        Math.round(
          rows.reduce((n, r) => n + 1 + r.decisions.length + r.tasks.length + r.events.length, 0) /
            rows.length,
        ) + 1,
      shareOfRawPercent: Number(share.toFixed(1)),
      targets: TARGETS,
      targetCpuMet: figures.serviceCpuMsPerRequest <= TARGETS.cpuMsPerRequest,
      targetShareMet: share >= TARGETS.shareOfRawPercent,
      targetP99Met: figures.latencyP99Ms <= TARGETS.p99Ms,
      targetRssMet: figures.rssMiBPeak <= TARGETS.rssMiB,
    };
    process.stdout.write(
      `${line('SQLite', result)}; ${result.commandsPerCommit} commands per commit; one connection: p50 ${result.oneConnectionP50Ms} ms p99 ${result.oneConnectionP99Ms} ms; ` +
        `raw sqlite3 ${result.rawSqliteTransactionsPerSecond} tx/s -> ${result.shareOfRawPercent}% of raw\n`,
    );
    return result;
  } finally {
    await service.dispose();
  }
}

/** The same load on PostgreSQL, with `instances` service processes on one fresh database. */
export async function onPostgres<T extends Figures>(
  instances: number,
  run: (services: ServiceProcess[]) => Promise<T>,
): Promise<T | { skipped: string }> {
  const url = await freshPostgresDatabase();
  if (!url) return { skipped: 'no PostgreSQL server answered' };
  const keyDir = mkdtempSync(join(tmpdir(), 'ipr-bench-key-'));
  const services: ServiceProcess[] = [];
  try {
    // One after the other: the first creates the schema and the shared signing key.
    for (let i = 0; i < instances; i += 1)
      services.push(await startService({ databaseUrl: url, signingKeyFile: join(keyDir, 'signing-key') }));
    return await run(services);
  } finally {
    for (const service of services) await service.dispose();
    rmSync(keyDir, { recursive: true, force: true });
  }
}

export const httpSubmissionsBench: Benchmark = {
  name: 'http-submissions',
  async run() {
    const sqlite = await onSqlite();
    const postgres: Figures = {};
    for (const instances of [1, 2]) {
      const figures = await onPostgres(instances, measure);
      postgres[`instances${instances}`] = figures;
      if (!('skipped' in figures))
        process.stdout.write(`${line(`PostgreSQL, ${instances} instance(s)`, figures)}\n`);
    }
    return { types: Object.keys(COMPETENT_DEPARTMENT).length, sqlite, postgres };
  },
};
