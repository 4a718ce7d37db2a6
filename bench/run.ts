/**
 * `npm run bench`: runs every benchmark in BENCHMARKS (or those named on the command line), prints the
 * figures and writes them with a description of the machine to bench/results/latest.json. Never part of
 * `npm test`: speed is measured here, not asserted in tests.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { auditVerifyBench } from './audit-verify.bench';
import type { Benchmark } from './bench.types';
import { consolePagesBench } from './console-pages.bench';
import { decisionThroughputBench } from './decision-throughput.bench';
import { httpSubmissionsBench } from './http-submissions.bench';
import { lifecyclesBench } from './lifecycles.bench';
import { reportRenderBench } from './report-render.bench';

const BENCHMARKS: Benchmark[] = [
  // Each benchmark module adds itself here.
  auditVerifyBench,
  consolePagesBench,
  decisionThroughputBench,
  httpSubmissionsBench,
  lifecyclesBench,
  reportRenderBench,
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const selected = wanted.length ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;
  const results: Record<string, unknown> = {};
  for (const bench of selected) {
    process.stdout.write(`\n== ${bench.name}\n`);
    results[bench.name] = await bench.run();
    process.stdout.write(`${JSON.stringify(results[bench.name], null, 2)}\n`);
  }
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'latest.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );
  process.stdout.write(`\nWritten to bench/results/latest.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
