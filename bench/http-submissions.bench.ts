/**
 * HTTP submissions on SQLite: autocannon drives POST /api/v1/evaluations on the compiled service (its own
 * process, a fresh SQLite file) with 20 connections and valid, varied bodies of all four activity types,
 * each sent with a key of an officer of the case's competent department. Then, in the same run, the raw
 * sqlite3 transaction rate for the same rows (see raw-sqlite.ts), so the service's rate can be put as a
 * share of what the database alone manages on this machine.
 *
 * Targets (issue 5): at least 50% of the raw rate, p99 under 25 ms at 20 connections, RSS under 250 MB.
 */
import autocannon from 'autocannon';
import type { Benchmark } from './bench.types';
import { rawSubmissionRate, readSubmissionRows } from './raw-sqlite';
import { call, KeyRing, startService } from './service-process';
import { COMPETENT_DEPARTMENT, submissionBodies } from './submission-bodies';

const CONNECTIONS = 20;
const WARMUP_SECONDS = 3;
const SECONDS = 15;
const RAW_SECONDS = 8;
const SINGLE_SECONDS = 5;

function fire(
  url: string,
  bodies: string[],
  keys: string[],
  seconds: number,
  connections = CONNECTIONS,
): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
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

export const httpSubmissionsBench: Benchmark = {
  name: 'http-submissions',
  async run() {
    const service = await startService();
    try {
      const ring = new KeyRing(service.url);
      const bodies = submissionBodies(400);
      const keys = await Promise.all(bodies.map((b) => ring.get('officer', b.competentDepartment)));
      // Every body must be accepted, or the figures would mix in cheap rejections.
      for (let i = 0; i < bodies.length; i += 1)
        await call(service.url, 'POST', '/evaluations', keys[i], bodies[i], [201]);
      const payloads = bodies.map((b) => JSON.stringify(b));
      const origin = service.url.replace(/\/api\/v1$/, '');

      await fire(origin, payloads, keys, WARMUP_SECONDS);
      const rssBefore = service.rssMiB();
      const cpuBefore = service.cpuMs();
      const result = await fire(origin, payloads, keys, SECONDS);
      const cpuPerRequest = (service.cpuMs() - cpuBefore) / result.requests.total;
      const rssAfter = service.rssMiB();
      const peakRss = service.peakRssMiB();
      // One connection: the time of one submission with no queue in front of it.
      const single = await fire(origin, payloads, keys, SINGLE_SECONDS, 1);
      await service.stop();

      const rows = await readSubmissionRows(service.sqlitePath, 200).catch(() => []);
      if (rows.length === 0) throw new Error('could not read the submissions back');
      const raw = await rawSubmissionRate(rows, RAW_SECONDS);

      const reqPerSec = result.requests.average;
      const share = (reqPerSec / raw.perSecond) * 100;
      const figures = {
        connections: CONNECTIONS,
        seconds: SECONDS,
        types: Object.keys(COMPETENT_DEPARTMENT).length,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        requestsPerSecond: Math.round(reqPerSec),
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        latencyMaxMs: result.latency.max,
        serviceCpuMsPerRequest: Number(cpuPerRequest.toFixed(2)),
        oneConnectionRequestsPerSecond: Math.round(single.requests.average),
        oneConnectionP50Ms: single.latency.p50,
        oneConnectionP99Ms: single.latency.p99,
        rssMiBBefore: Math.round(rssBefore),
        rssMiBAfter: Math.round(rssAfter),
        rssMiBPeak: Math.round(peakRss),
        rawSqliteTransactionsPerSecond: Math.round(raw.perSecond),
        rawSqliteP50Ms: Number(raw.p50Ms.toFixed(2)),
        rawSqliteP99Ms: Number(raw.p99Ms.toFixed(2)),
        rowsPerTransaction:
          Math.round(
            rows.reduce((n, r) => n + 1 + r.decisions.length + r.tasks.length + r.events.length, 0) /
              rows.length,
          ) + 1,
        shareOfRawPercent: Number(share.toFixed(1)),
        targetShareMet: share >= 50,
        targetP99Met: result.latency.p99 < 25,
        targetRssMet: peakRss < 250,
      };
      process.stdout.write(
        `${figures.requestsPerSecond} req/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms, non-2xx ${figures.non2xx}, ` +
          `service CPU ${figures.serviceCpuMsPerRequest} ms/request, one connection: p50 ${figures.oneConnectionP50Ms} ms p99 ${figures.oneConnectionP99Ms} ms, ` +
          `RSS peak ${figures.rssMiBPeak} MiB; raw sqlite3 ${figures.rawSqliteTransactionsPerSecond} tx/s -> ${figures.shareOfRawPercent}% of raw\n`,
      );
      return figures;
    } finally {
      await service.dispose();
    }
  },
};
