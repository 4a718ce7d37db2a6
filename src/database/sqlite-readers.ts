import { Semaphore } from 'async-mutex';
import sqlite3 from 'sqlite3';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqliteConnectionOptions } from 'typeorm/driver/sqlite/SqliteConnectionOptions';

/**
 * Read-only connections to the service's SQLite file, beside TypeORM's one read-write connection, so reads
 * no longer wait for the unit-of-work lock that serialises writers.
 *
 * The file is in WAL mode (the writer's data source sets it, and it is persistent), where a reader never
 * sees uncommitted rows and is never blocked by the writer: each read transaction sees the database as of
 * the last commit before its first statement. Every read runs in its own transaction (BEGIN … COMMIT) on a
 * connection it holds alone, so a read of several statements sees one snapshot, as it did under the lock;
 * and what a command committed before the read began is always visible to it.
 *
 * Opened lazily, on the first read: by then the writer's data source has run the migrations (UnitOfWork
 * gets it initialised). Not for ':memory:', where a second connection would open a different, empty
 * database: the unit of work keeps the lock for reads there.
 */
export class SqliteReaders {
  private readonly slots: Semaphore;
  private readonly idle: DataSource[] = [];
  private opening: Promise<boolean> | null = null;
  private closed = false;

  /**
   * `fallback`: how a read runs when the readers are closed (at shutdown) or could not be opened: on the
   * writer's connection, under its lock.
   */
  constructor(
    private readonly writerOptions: SqliteConnectionOptions,
    private readonly size: number,
    private readonly fallback: <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>,
    private readonly onOpenFailed: (error: unknown) => void = () => undefined,
  ) {
    this.slots = new Semaphore(size);
  }

  /** `singleStatement`: `work` makes one query, consistent by itself, so it runs without BEGIN … COMMIT. */
  async read<T>(work: (manager: EntityManager) => Promise<T>, singleStatement = false): Promise<T> {
    if (this.closed || !(await (this.opening ??= this.openAll()))) return this.fallback(work);
    return this.slots.runExclusive(async () => {
      const reader = this.idle.pop();
      if (!reader) return this.fallback(work); // closed while this read waited for a slot
      try {
        // The data source's own transaction: BEGIN (deferred: the snapshot starts at the first read) … COMMIT,
        // or ROLLBACK when `work` throws. Nothing else uses this connection meanwhile.
        return await (singleStatement ? work(reader.manager) : reader.transaction(work));
      } finally {
        this.idle.push(reader);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.opening || !(await this.opening)) return;
    // Waits for reads in flight: each holds a slot.
    const [, release] = await this.slots.acquire(this.size);
    try {
      await Promise.all(this.idle.splice(0).map((d) => (d.isInitialized ? d.destroy() : undefined)));
    } finally {
      release();
    }
  }

  /** True when every reader opened; false (after reporting why) when reads must stay on the writer. */
  private async openAll(): Promise<boolean> {
    const { type, database, entities, busyTimeout, driver } = this.writerOptions;
    const opened: DataSource[] = [];
    try {
      for (let i = 0; i < this.size; i += 1) {
        const reader = new DataSource({
          type,
          database,
          entities,
          driver,
          busyTimeout,
          // Read-only: a bug that writes through a read fails instead of bypassing the writer's lock. No
          // journal_mode pragma: WAL is a property of the file, set by the writer.
          flags: sqlite3.OPEN_READONLY,
          synchronize: false,
          migrationsRun: false,
          logging: false,
        });
        await reader.initialize();
        opened.push(reader);
      }
    } catch (error) {
      await Promise.all(opened.map((d) => d.destroy().catch(() => undefined)));
      this.onOpenFailed(error);
      return false;
    }
    this.idle.push(...opened);
    return true;
  }
}
