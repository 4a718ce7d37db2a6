import sqlite3 from 'sqlite3';

/**
 * The sqlite3 package as TypeORM gets it (DataSourceOptions.driver), with two changes:
 *
 * - `verbose()` leaves sqlite3's long stack traces off. TypeORM calls it, and it would make every call
 *   capture a stack and util.inspect() each argument (every SQL text and its parameters, decisions
 *   included) in case it fails. That was about a fifth of the service's CPU under load; query errors keep
 *   their message and SQL without it.
 * - Statement journals stay in memory (temp_store, see the constructor).
 * - Connections keep their statements prepared (PreparingDatabase). `Database#run` / `#all` prepare the
 *   SQL, run it and finalize it: two trips through the driver's thread pool and back to the event loop.
 *   Under load each trip back waits behind other requests' work, and on the writer it waits while holding
 *   the unit-of-work lock, so the trips, not SQLite, were most of the time a submission held it. A
 *   prepared statement runs in one trip. TypeORM writes the same SQL text for the same query shape
 *   (parameters are bound), so a few hundred statements cover every query the service makes.
 */
type Callback = (this: sqlite3.Statement, error: Error | null, result?: unknown) => void;

/** Statements worth keeping: queries and transaction control, not schema changes or pragmas. */
const CACHEABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;
const MAX_STATEMENTS = 300;
const MAX_SQL_LENGTH = 16_384;

type StatementConstructor = new (
  db: sqlite3.Database,
  sql: string,
  callback: (error: Error | null) => void,
) => sqlite3.Statement;

export class PreparingDatabase extends sqlite3.Database {
  /** Prepared statements by SQL text, least recently used first. */
  private readonly statements = new Map<string, sqlite3.Statement>();
  private readonly preparing = new Set<string>();
  private closing = false;
  private whenPrepared: (() => void) | null = null;

  constructor(filename: string, callback?: (error: Error | null) => void);
  constructor(filename: string, mode?: number, callback?: (error: Error | null) => void);
  constructor(filename: string, ...rest: unknown[]) {
    super(filename, ...(rest as [number, (error: Error | null) => void]));
    // Queued behind the open, ahead of anything the caller runs. Every command of a group commit runs in a
    // savepoint, for which SQLite journals the pages it changes; with temp_store FILE that statement journal
    // went to a temporary file, a third of the writer's page writes. In memory it costs a few pages per
    // group and no system calls (the rollback it serves never needs to survive a crash).
    super.run('PRAGMA temp_store = MEMORY');
  }

  override run(sql: string, ...args: unknown[]): this {
    return this.dispatch('run', sql, args);
  }

  override all(sql: string, ...args: unknown[]): this {
    return this.dispatch('all', sql, args);
  }

  /** Finalizes the kept statements (after whatever they still have to run), then closes. */
  override close(callback?: (error: Error | null) => void): void {
    this.closing = true;
    const finish = () => {
      const kept = [...this.statements.values()];
      this.statements.clear();
      let left = kept.length;
      if (left === 0) return super.close(callback);
      for (const statement of kept) statement.finalize(() => --left === 0 && super.close(callback));
    };
    if (this.preparing.size === 0) finish();
    else this.whenPrepared = finish;
  }

  /** The calls TypeORM makes, (sql, params, callback) and (sql, callback), go to a kept statement if there is one. */
  private dispatch(method: 'run' | 'all', sql: string, args: unknown[]): this {
    const statement = this.statements.get(sql);
    const [first, second] = args;
    const shape =
      args.length === 2 && (first === undefined || Array.isArray(first)) && typeof second === 'function'
        ? { params: first as unknown[] | undefined, callback: second as Callback }
        : args.length === 1 && typeof first === 'function'
          ? { params: undefined, callback: first as Callback }
          : null;
    if (!statement || !shape) {
      (super[method] as (sql: string, ...rest: unknown[]) => unknown).call(this, sql, ...args);
      if (shape) this.prepareForLater(sql);
      return this;
    }
    this.statements.delete(sql); // most recently used last
    this.statements.set(sql, statement);
    const call = statement[method] as (...rest: unknown[]) => unknown;
    if (shape.params === undefined || shape.params.length === 0) call.call(statement, shape.callback);
    else call.call(statement, shape.params, shape.callback);
    return this;
  }

  private prepareForLater(sql: string): void {
    if (
      this.closing ||
      this.preparing.has(sql) ||
      this.statements.has(sql) ||
      sql.length > MAX_SQL_LENGTH ||
      !CACHEABLE.test(sql)
    )
      return;
    this.preparing.add(sql);
    // A prepare that fails (it cannot: the same SQL just ran) only means the SQL is not kept; sqlite3 then
    // finalizes the statement itself.
    const statement = new (sqlite3.Statement as unknown as StatementConstructor)(this, sql, (error) => {
      this.preparing.delete(sql);
      if (!error) {
        if (this.closing) {
          statement.finalize();
        } else {
          this.statements.set(sql, statement);
          if (this.statements.size > MAX_STATEMENTS) {
            const [oldest, evicted] = this.statements.entries().next().value as [string, sqlite3.Statement];
            this.statements.delete(oldest);
            evicted.finalize(); // after the runs it still has queued
          }
        }
      }
      if (this.preparing.size === 0 && this.whenPrepared) {
        const finish = this.whenPrepared;
        this.whenPrepared = null;
        finish();
      }
    });
  }
}

export const sqlite3Driver: typeof sqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, {
  Database: PreparingDatabase,
});
(sqlite3Driver as { verbose: () => typeof sqlite3 }).verbose = () => sqlite3Driver;
