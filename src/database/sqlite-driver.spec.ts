import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreparingDatabase } from './sqlite-driver';

type RunResult = { lastID: number; changes: number };

function open(path: string): Promise<PreparingDatabase> {
  return new Promise((resolve, reject) => {
    const db: PreparingDatabase = new PreparingDatabase(path, (error) =>
      error ? reject(error) : resolve(db),
    );
  });
}

/** Calls the way TypeORM's sqlite query runner does: (sql, params, callback), results read from `this`. */
function run(db: PreparingDatabase, sql: string, params?: unknown[]): Promise<RunResult> {
  return new Promise((resolve, reject) =>
    db.run(sql, params, function (this: RunResult, error: Error | null) {
      if (error) reject(error);
      else resolve({ lastID: this.lastID, changes: this.changes });
    }),
  );
}

function all(db: PreparingDatabase, sql: string, params?: unknown[]): Promise<unknown[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows))),
  );
}

const kept = (db: PreparingDatabase) => (db as unknown as { statements: Map<string, unknown> }).statements;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20)); // lets the background prepare finish

describe('PreparingDatabase', () => {
  let dir: string;
  let db: PreparingDatabase;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ipr-driver-'));
    db = await open(join(dir, 'test.sqlite'));
    await run(db, 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers from a kept statement exactly as from a fresh one: rows, lastID, changes, errors', async () => {
    const insert = 'INSERT INTO t (name) VALUES (?)';
    expect(await run(db, insert, ['a'])).toEqual({ lastID: 1, changes: 1 });
    await settle();
    expect(kept(db).has(insert)).toBe(true);
    expect(kept(db).has('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)')).toBe(false);
    expect(await run(db, insert, ['b'])).toEqual({ lastID: 2, changes: 1 });
    await expect(run(db, insert, ['a'])).rejects.toThrow(/SQLITE_CONSTRAINT/);
    expect(await run(db, insert, ['c'])).toEqual({ lastID: 3, changes: 1 }); // the failed run left nothing behind

    const select = 'SELECT name FROM t WHERE id >= ? ORDER BY id';
    expect(await all(db, select, [2])).toEqual([{ name: 'b' }, { name: 'c' }]);
    await settle();
    expect(await all(db, select, [3])).toEqual([{ name: 'c' }]);
    expect(await all(db, select, [9])).toEqual([]);
    expect(await run(db, 'UPDATE t SET name = name || ? WHERE id < ?', ['!', 3])).toMatchObject({
      changes: 2,
    });
    await settle();
    expect(await run(db, 'UPDATE t SET name = name || ? WHERE id < ?', ['!', 2])).toMatchObject({
      changes: 1,
    });
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  });

  it('runs transaction control from kept statements and keeps a transaction intact', async () => {
    for (let round = 0; round < 3; round += 1) {
      await all(db, 'BEGIN TRANSACTION');
      await run(db, 'INSERT INTO t (name) VALUES (?)', [`r${round}`]);
      await all(db, round === 1 ? 'ROLLBACK' : 'COMMIT');
      await settle();
    }
    expect(await all(db, 'SELECT name FROM t ORDER BY id')).toEqual([{ name: 'r0' }, { name: 'r2' }]);
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  });

  it('sees a changed schema through a kept statement, and closes with statements still preparing', async () => {
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['a']);
    expect(await all(db, 'SELECT * FROM t')).toEqual([{ id: 1, name: 'a' }]);
    await settle();
    await run(db, 'ALTER TABLE t ADD COLUMN note TEXT');
    expect(await all(db, 'SELECT * FROM t')).toEqual([{ id: 1, name: 'a', note: null }]);
    const closed = all(db, 'SELECT count(*) AS n FROM t').then(
      () => new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve()))),
    );
    await expect(closed).resolves.toBeUndefined();
  });

  it('keeps statement journals in memory, with the mode given at open or without one', async () => {
    expect(await all(db, 'PRAGMA temp_store')).toEqual([{ temp_store: 2 }]); // 2: MEMORY
    const readOnly = await new Promise<PreparingDatabase>((resolve, reject) => {
      const opened: PreparingDatabase = new PreparingDatabase(join(dir, 'test.sqlite'), 1, (error) =>
        error ? reject(error) : resolve(opened),
      ); // 1: OPEN_READONLY
    });
    expect(await all(readOnly, 'PRAGMA temp_store')).toEqual([{ temp_store: 2 }]);
    await expect(run(readOnly, 'INSERT INTO t (name) VALUES (?)', ['x'])).rejects.toThrow(/READONLY/);
    for (const d of [readOnly, db])
      await new Promise<void>((resolve, reject) => d.close((error) => (error ? reject(error) : resolve())));
  });
});
