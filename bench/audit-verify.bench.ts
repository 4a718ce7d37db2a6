/**
 * Audit chain verification speed, on one core.
 *
 * Builds a realistic chain: cases of all four activity types, each with its submission (the facts), its
 * decision (facts plus the full Decision with its rule-by-rule explanation, 10-25 kB of canonical JSON),
 * tasks opened and completed, transitions and reads, plus key events; one event in seventeen carries a
 * decision. Then measures:
 *
 * - `pure`: verifyChain over the stored rows in memory, in batches as the database reader delivers them.
 *   This is the verifier itself (splice the stored payload into the canonical event, SHA-256, compare),
 *   single-threaded JavaScript, so one core.
 * - `sqlite`: verifyStoredChain end to end from a SQLite file written through the real migrations: keyset
 *   batches of 5000 rows read through TypeORM, then verified. The sqlite3 driver reads on a libuv thread,
 *   so rates per CPU second of this process are reported next to wall-clock rates.
 *
 * BENCH_AUDIT_EVENTS sets the chain length (default 250,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { canonicalJson, GENESIS_HASH } from '../src/audit/audit-hash';
import { textOf } from '../src/common/utf8-text';
import { LARGE_PAYLOAD, storedEventHash, type Payload, type StoredEvent } from '../src/audit/event-canonical';
import { CHAIN_BATCH_SIZE, verifyStoredChain, type ReadChain } from '../src/audit/stored-chain';
import { verifyChain } from '../src/audit/verify-chain';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { decide } from '../src/decision/decide';
import { ACTIVITY_TYPES } from '../test/support/activity-types';
import { loadDefinitions } from '../src/definitions/load-definitions';
import { factFixture } from '../test/support/fact-fixtures';
import type { Benchmark } from './bench.types';

const REPO_ROOT = join(__dirname, '..');
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 250_000);
const ROUNDS = 7;

type Template = Omit<StoredEvent, 'seq' | 'prevHash' | 'hash' | 'occurredAt' | 'entityId' | 'caseId'>;

/** The events of one case, with real payloads: the decision events carry what decide() really produced. */
async function caseTemplates(): Promise<Template[][]> {
  const catalogue = loadDefinitions(REPO_ROOT);
  const out: Template[][] = [];
  for (const type of ACTIVITY_TYPES) {
    for (const variant of ['low', 'high'] as const) {
      const facts = factFixture(`${type}.${variant}`);
      const decision = await decide(catalogue.definitions[type].rules, facts, '2026-03-02T02:00:00.000Z');
      const ev = (
        action: string,
        actorRole: string,
        actorDepartment: string | null,
        payload: unknown,
        fromState: string | null = null,
        toState: string | null = null,
      ): Template => ({
        action,
        actorId: '5d0b8f0e-8c4a-4b8e-9f55-0c6b7d2f0a11',
        actorRole,
        actorDepartment,
        entityType: action.startsWith('task') ? 'task' : 'evaluation',
        fromState,
        toState,
        payload: canonicalJson(payload),
      });
      const task = (stage: string, department: string, outcome: string) => [
        ev('task.opened', 'officer', 'hrss', {
          key: 't1',
          stage,
          department,
          allowedOutcomes: ['approve', 'object', 'return'],
        }),
        ev('task.completed', 'reviewer', department, {
          key: 't1',
          stage,
          department,
          outcome,
          comment: '同意。材料齐全，未发现权属风险',
        }),
      ];
      out.push([
        ev(
          'evaluation.submitted',
          'officer',
          'hrss',
          {
            type,
            title: `${type} 评议`,
            competentDepartment: 'hrss',
            facts,
            workflowHash: 'a'.repeat(64),
            rulesHash: decision.definitionHash,
          },
          null,
          'intake',
        ),
        ev('decision.made', 'officer', 'hrss', { round: 1, facts, decision }),
        ev(
          'workflow.transition',
          'officer',
          'hrss',
          { event: 'SUBMIT', status: 'open', outcome: null, conditions: [], overrideReason: null },
          null,
          'intake',
        ),
        ...task('intake', 'ipo', 'accept'),
        ev(
          'workflow.transition',
          'reviewer',
          'ipo',
          { event: 'TASK_COMPLETED', status: 'open', outcome: null },
          'intake',
          'countersign',
        ),
        ev('evaluation.read', 'auditor', null, { view: 'case' }),
        ...task('countersign', 'ipo', 'approve'),
        ...task('countersign', 'most', 'approve'),
        ev(
          'workflow.transition',
          'reviewer',
          'most',
          { event: 'TASK_COMPLETED', status: 'open', outcome: null },
          'countersign',
          'decision',
        ),
        ...task('decision', 'hrss', 'pass'),
        ev(
          'workflow.transition',
          'reviewer',
          'hrss',
          { event: 'TASK_COMPLETED', status: 'closed', outcome: 'pass' },
          'decision',
          'archived',
        ),
        ev('evaluation.read', 'reviewer', 'most', { view: 'trail' }),
        ev('key.created', 'admin', null, {
          role: 'reviewer',
          name: 'reviewer',
          department: 'most',
          creditCode: null,
        }),
      ]);
    }
  }
  return out;
}

export async function buildChain(n: number): Promise<StoredEvent<Payload>[]> {
  const cases = await caseTemplates();
  const rows: StoredEvent<Payload>[] = [];
  let prev = GENESIS_HASH;
  let caseNo = 0;
  const start = Date.parse('2026-01-05T01:00:00.000Z');
  while (rows.length < n) {
    const templates = cases[caseNo % cases.length];
    const caseId = `00000000-0000-4000-8000-${String(caseNo).padStart(12, '0')}`;
    for (const template of templates) {
      if (rows.length >= n) break;
      const seq = rows.length + 1;
      const row: StoredEvent = {
        ...template,
        seq,
        occurredAt: new Date(start + seq * 1000).toISOString(),
        entityId: caseId,
        caseId,
        prevHash: prev,
        hash: '',
      };
      row.hash = storedEventHash(row);
      rows.push(asRead(row));
      prev = row.hash;
    }
    caseNo++;
  }
  return rows;
}

/**
 * The row as the chain reader hands it over from SQLite: every string a fresh flat string, and a payload
 * longer than LARGE_PAYLOAD characters as its UTF-8 bytes (stored-chain.ts). Strings built by concatenation
 * (canonicalize's output, template literals) are rope trees in V8 that would be re-walked on every hash,
 * which no row read from a database is.
 */
function asRead(row: StoredEvent): StoredEvent<Payload> {
  const flat = (s: string | null) => (s === null ? null : Buffer.from(s, 'utf8').toString('utf8'));
  return {
    seq: row.seq,
    occurredAt: flat(row.occurredAt)!,
    actorId: flat(row.actorId)!,
    actorRole: flat(row.actorRole)!,
    actorDepartment: flat(row.actorDepartment),
    action: flat(row.action)!,
    entityType: flat(row.entityType)!,
    entityId: flat(row.entityId)!,
    caseId: flat(row.caseId),
    fromState: flat(row.fromState),
    toState: flat(row.toState),
    payload: row.payload.length > LARGE_PAYLOAD ? Buffer.from(row.payload, 'utf8') : flat(row.payload)!,
    prevHash: flat(row.prevHash)!,
    hash: flat(row.hash)!,
  };
}

function batchesOf(rows: StoredEvent<Payload>[], size: number): StoredEvent<Payload>[][] {
  const out: StoredEvent<Payload>[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Events per wall-clock second, and per second of this process's CPU time (what a shared machine leaves). */
interface Rates {
  wall: number[];
  cpu: number[];
}

function record(rates: Rates, events: number, seconds: number, cpuSeconds: number, label: string): void {
  rates.wall.push(events / seconds);
  rates.cpu.push(events / cpuSeconds);
  process.stdout.write(
    `${label}: ${Math.round(events / seconds).toLocaleString('en')} events/s (${Math.round(events / cpuSeconds).toLocaleString('en')} per CPU second)\n`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { result, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function writeSqlite(rows: StoredEvent<Payload>[], file: string): Promise<DataSource> {
  const config = loadConfig({ IPR_SQLITE_PATH: file, LOG_LEVEL: 'silent' });
  const dataSource = new DataSource({ ...dataSourceOptions(config), migrationsRun: true });
  await dataSource.initialize();
  const columns =
    'seq, occurred_at, actor_id, actor_role, actor_department, action, entity_type, entity_id, case_id, from_state, to_state, payload, prev_hash, hash';
  await dataSource.transaction(async (m) => {
    for (let i = 0; i < rows.length; i += 50) {
      const chunk = rows.slice(i, i + 50);
      const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      const params = chunk.flatMap((e) => [
        e.seq,
        e.occurredAt,
        e.actorId,
        e.actorRole,
        e.actorDepartment,
        e.action,
        e.entityType,
        e.entityId,
        e.caseId,
        e.fromState,
        e.toState,
        textOf(e.payload),
        e.prevHash,
        e.hash,
      ]);
      await m.query(`INSERT INTO audit_events (${columns}) VALUES ${values}`, params);
    }
    const last = rows[rows.length - 1];
    await m.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [last.seq, last.hash]);
  });
  return dataSource;
}

export const auditVerifyBench: Benchmark = {
  name: 'audit-verify',
  async run() {
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const rows = await buildChain(EVENTS);
    const bytes = rows.reduce(
      (sum, e) => sum + (typeof e.payload === 'string' ? Buffer.byteLength(e.payload) : e.payload.byteLength),
      0,
    );
    const decisions = rows.filter((e) => e.action === 'decision.made').length;
    log(
      `chain: ${rows.length} events, ${decisions} decisions, ${(bytes / rows.length / 1024).toFixed(2)} kB payload per event on average`,
    );

    const batches = batchesOf(rows, CHAIN_BATCH_SIZE);
    await verifyChain(batches); // warm-up
    const pure: Rates = { wall: [], cpu: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const { result, seconds, cpuSeconds } = await timed(() =>
        verifyChain(batches, { head: { seq: rows.length, hash: rows[rows.length - 1].hash } }),
      );
      if (!result.ok) throw new Error(`the benchmark chain does not verify: ${JSON.stringify(result)}`);
      record(pure, rows.length, seconds, cpuSeconds, `pure verifier, round ${round + 1}`);
    }

    const dir = mkdtempSync(join(tmpdir(), 'ipr-bench-audit-'));
    try {
      const dataSource = await writeSqlite(rows, join(dir, 'bench.sqlite'));
      try {
        const read: ReadChain = (work) => work(dataSource.manager);
        const sqlite: Rates = { wall: [], cpu: [] };
        for (let round = 0; round < 3; round++) {
          const { result, seconds, cpuSeconds } = await timed(() => verifyStoredChain(read));
          if (!result.ok) throw new Error(`the stored chain does not verify: ${JSON.stringify(result)}`);
          record(sqlite, rows.length, seconds, cpuSeconds, `from SQLite, round ${round + 1}`);
        }
        const figure = Math.round(median(pure.wall));
        log(
          `verification: ${figure.toLocaleString('en')} events/s on one core (${Math.round(median(pure.cpu)).toLocaleString('en')} per CPU second; target 200,000);` +
            ` from SQLite end to end ${Math.round(median(sqlite.wall)).toLocaleString('en')} events/s`,
        );
        return {
          events: rows.length,
          decisionEvents: decisions,
          avgPayloadBytes: Math.round(bytes / rows.length),
          eventsPerSecond: figure,
          eventsPerCpuSecond: Math.round(median(pure.cpu)),
          sqliteEventsPerSecond: Math.round(median(sqlite.wall)),
          sqliteEventsPerCpuSecond: Math.round(median(sqlite.cpu)),
          target: 200_000,
          meetsTarget: figure >= 200_000,
        };
      } finally {
        await dataSource.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
