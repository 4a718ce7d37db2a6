/**
 * The ceiling for submissions on SQLite: the rows one submission writes (its evaluation, decision, tasks
 * and audit events, plus the chain-head read and update), committed one transaction per submission
 * through the sqlite3 package directly, on a fresh file with the service's schema (made by running the
 * migrations) and the service's pragmas (WAL, busy timeout, foreign keys). Prepared statements, no ORM,
 * no HTTP: whatever the service adds on top is the price of being a service.
 *
 * The rows are real: copied from submissions the service stored in the same benchmark run, with fresh
 * ids and sequence numbers so every transaction inserts new rows.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';

type Row = Record<string, unknown>;

/** What one submission wrote, table by table. */
export interface SubmissionRows {
  evaluation: Row;
  decisions: Row[];
  tasks: Row[];
  events: Row[];
}

class Db {
  constructor(readonly db: sqlite3.Database) {}

  static open(path: string, mode = sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE): Promise<Db> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, mode, (error) => (error ? reject(error) : resolve(new Db(db))));
    });
  }

  all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return new Promise((resolve, reject) =>
      this.db.all(sql, params, (error, rows: Row[]) => (error ? reject(error) : resolve(rows))),
    );
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.db.exec(sql, (error) => (error ? reject(error) : resolve())),
    );
  }

  prepare(sql: string): Promise<sqlite3.Statement> {
    return new Promise((resolve, reject) => {
      const statement = this.db.prepare(sql, (error) => (error ? reject(error) : resolve(statement)));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}

function run(statement: sqlite3.Statement, params: unknown[]): Promise<void> {
  return new Promise((resolve, reject) =>
    statement.run(params, (error) => (error ? reject(error) : resolve())),
  );
}

function get(statement: sqlite3.Statement, params: unknown[]): Promise<Row | undefined> {
  return new Promise((resolve, reject) =>
    statement.get(params, (error, row: Row | undefined) => (error ? reject(error) : resolve(row))),
  );
}

/** The rows of up to `limit` evaluations that were submitted and never moved on, from a service database. */
export async function readSubmissionRows(sqlitePath: string, limit: number): Promise<SubmissionRows[]> {
  const db = await Db.open(sqlitePath, sqlite3.OPEN_READONLY);
  try {
    const evaluations = await db.all(
      'SELECT * FROM evaluations WHERE version = 1 ORDER BY created_at LIMIT ?',
      [limit],
    );
    const result: SubmissionRows[] = [];
    for (const evaluation of evaluations) {
      result.push({
        evaluation,
        decisions: await db.all('SELECT * FROM evaluation_decisions WHERE evaluation_id = ?', [
          evaluation.id,
        ]),
        tasks: await db.all('SELECT * FROM tasks WHERE evaluation_id = ?', [evaluation.id]),
        events: await db.all('SELECT * FROM audit_events WHERE case_id = ? ORDER BY seq', [evaluation.id]),
      });
    }
    return result;
  } finally {
    await db.close();
  }
}

/**
 * How many commands shared a COMMIT on average: each command that records something appends one batch of
 * audit events, and each COMMIT ends on exactly one signed event (the signed head).
 */
export async function commandsPerCommit(sqlitePath: string): Promise<number> {
  const db = await Db.open(sqlitePath, sqlite3.OPEN_READONLY);
  try {
    const [row] = await db.all(
      `SELECT COUNT(DISTINCT occurred_at || actor_id || COALESCE(case_id, entity_id)) AS commands,
              SUM(head_signature IS NOT NULL) AS commits FROM audit_events`,
    );
    return Number(row.commands) / Number(row.commits);
  } finally {
    await db.close();
  }
}

export interface RawRate {
  transactions: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Commits one submission's rows per transaction for `seconds`, one after another on one connection. */
export async function rawSubmissionRate(samples: SubmissionRows[], seconds: number): Promise<RawRate> {
  if (samples.length === 0) throw new Error('No submission rows to replay');
  const dir = mkdtempSync(join(tmpdir(), 'ipr-bench-raw-'));
  const path = join(dir, 'raw.sqlite');
  try {
    const schema = new DataSource(dataSourceOptions({ IPR_SQLITE_PATH: path, DATABASE_URL: undefined }));
    await schema.initialize(); // runs the migrations
    await schema.destroy();

    const db = await Db.open(path);
    await db.exec('PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
    const insert = async (table: string, row: Row) => {
      const columns = Object.keys(row);
      return db.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
    };
    const first = samples[0];
    const statements = {
      begin: await db.prepare('BEGIN'),
      commit: await db.prepare('COMMIT'),
      head: await db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1'),
      updateHead: await db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1'),
      evaluation: await insert('evaluations', first.evaluation),
      decision: await insert('evaluation_decisions', first.decisions[0]),
      task: await insert('tasks', first.tasks[0] ?? {}),
      event: await insert('audit_events', first.events[0]),
    };
    const values = (row: Row) => Object.values(row);
    const latencies: number[] = [];
    const started = process.hrtime.bigint();
    const until = started + BigInt(Math.round(seconds * 1e9));
    let seq = 0;
    for (let i = 0; process.hrtime.bigint() < until; i += 1) {
      const sample = samples[i % samples.length];
      const t0 = process.hrtime.bigint();
      const id = randomUUID();
      await run(statements.begin, []);
      const head = await get(statements.head, []);
      seq = Number(head?.seq ?? seq);
      await run(statements.evaluation, values({ ...sample.evaluation, id }));
      for (const decision of sample.decisions)
        await run(statements.decision, values({ ...decision, evaluation_id: id }));
      for (const task of sample.tasks)
        await run(statements.task, values({ ...task, id: randomUUID(), evaluation_id: id }));
      let hash = String(head?.hash);
      for (const event of sample.events) {
        seq += 1;
        hash = String(event.hash);
        await run(
          statements.event,
          values({
            ...event,
            seq,
            case_id: id,
            entity_id: event.entity_type === 'evaluation' ? id : randomUUID(),
          }),
        );
      }
      await run(statements.updateHead, [seq, hash]);
      await run(statements.commit, []);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    for (const statement of Object.values(statements)) statement.finalize();
    await db.close();
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return {
      transactions: latencies.length,
      seconds: elapsed,
      perSecond: latencies.length / elapsed,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
