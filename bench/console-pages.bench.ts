/**
 * Console pages over HTTP from the compiled service on a fresh SQLite file holding 200 cases: each page
 * requested in turn by a signed-in person, one request at a time, as a person clicks. Reports the median
 * and p95 time per page and its weight (the HTML plus the stylesheet and script it loads; no fonts are
 * served). Targets: median < 50 ms, weight < 150 KB.
 */
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import type { Benchmark } from './bench.types';
import { BENCH_ADMIN_KEY, call, KeyRing, startService } from './service-process';
import { submissionBodies } from './submission-bodies';

const CASES = 200;
const ROUNDS = 40;

async function signIn(base: string, key: string): Promise<string> {
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key }).toString(),
    redirect: 'manual',
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 303 || !cookie) throw new Error(`sign-in: HTTP ${res.status}`);
  return cookie.split(';')[0];
}

async function fetchPage(base: string, path: string, cookie: string): Promise<{ ms: number; bytes: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
  const body = await res.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return { ms, bytes: body.byteLength };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const consolePagesBench: Benchmark = {
  name: 'console-pages',
  async run() {
    const service = await startService();
    try {
      const api = service.url;
      const base = api.replace(/\/api\/v1$/, '');
      const ring = new KeyRing(api);
      const bodies = submissionBodies(CASES, 11);
      let sample: EvaluationView | null = null;
      for (const body of bodies) {
        const officer = await ring.get('officer', body.competentDepartment);
        sample = await call<EvaluationView>(api, 'POST', '/evaluations', officer, body);
      }
      const ipoKey = await ring.get('reviewer', 'ipo');
      const ipo = await signIn(base, ipoKey);
      const report = await call<{ id: string }>(api, 'POST', '/key-field-reports', ipoKey, {
        field: '电子信息产业链',
        title: '电子信息产业链知识产权评议报告',
        body: '本报告统计本市电子信息产业链已办结的评议案件。\n\n各环节均在时限内办结。',
        competentDepartment: 'miit',
        scope: {},
      });
      const auditor = await signIn(base, await ring.get('auditor'));
      const officer = await signIn(base, await ring.get('officer', sample!.competentDepartment));
      const admin = await signIn(base, BENCH_ADMIN_KEY);
      const pages: [string, string, string][] = [
        ['inbox', '/inbox', ipo],
        ['case', `/cases/${sample!.id}`, officer],
        ['cases', '/cases', officer],
        ['submit-form', `/submit/${sample!.type}`, officer],
        ['dashboard', '/dashboard', auditor],
        ['auditor', '/auditor', auditor],
        ['admin-keys', '/admin/keys', admin],
        ['key-fields', '/key-fields', ipo],
        ['key-field', `/key-fields/${report.id}`, ipo],
      ];
      const assets =
        (await fetchPage(base, '/assets/console.css', ipo)).bytes +
        (await fetchPage(base, '/assets/console.js', ipo)).bytes;
      const results: Record<string, number> = { cases: CASES, rounds: ROUNDS, assetsBytes: assets };
      for (const [name, path, cookie] of pages) {
        for (let i = 0; i < 5; i++) await fetchPage(base, path, cookie); // warm-up
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < ROUNDS; i++) {
          const { ms, bytes: b } = await fetchPage(base, path, cookie);
          times.push(ms);
          bytes = b;
        }
        results[`${name}MedianMs`] = Number(quantile(times, 0.5).toFixed(1));
        results[`${name}P95Ms`] = Number(quantile(times, 0.95).toFixed(1));
        results[`${name}WeightKB`] = Number(((bytes + assets) / 1024).toFixed(1));
        process.stdout.write(
          `${name}: median ${results[`${name}MedianMs`]} ms, ${results[`${name}WeightKB`]} KB\n`,
        );
      }
      return results;
    } finally {
      await service.dispose();
    }
  },
};
