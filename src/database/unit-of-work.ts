import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import type { SqliteConnectionOptions } from 'typeorm/driver/sqlite/SqliteConnectionOptions';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SqliteReaders } from './sqlite-readers';

/**
 * Runs each command as one transaction, and each query as one consistent read.
 *
 * TypeORM's sqlite driver shares a single connection between all callers: two transactions started at
 * once would interleave on it (the second becomes a savepoint of the first) and a plain read would see
 * another request's uncommitted rows. So on SQLite every write takes a process-wide mutex; the embedded
 * database has one writer anyway. Reads go to separate read-only connections (SqliteReaders,
 * IPR_SQLITE_READERS of them), each read in its own transaction: in WAL mode they see only committed rows,
 * everything committed before they began, and one snapshot throughout, without waiting for the writer.
 * An in-memory database cannot be opened twice, so there reads take the mutex too, as they do with
 * IPR_SQLITE_READERS=0. PostgreSQL gets real concurrent transactions from its pool.
 */
export interface ReadOptions {
  singleStatement?: boolean;
}

@Injectable()
export class UnitOfWork implements OnModuleDestroy {
  private readonly logger = new Logger('UnitOfWork');
  private readonly sqliteLock: Mutex | null;
  private readonly readers: SqliteReaders | null = null;
  private readonly committedHooks: Array<(manager: EntityManager) => void> = [];

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'IPR_SQLITE_READERS'>,
  ) {
    const options = dataSource.options;
    this.sqliteLock = options.type === 'sqlite' ? new Mutex() : null;
    const readerCount = config?.IPR_SQLITE_READERS ?? 2;
    if (options.type === 'sqlite' && options.database !== ':memory:' && readerCount > 0) {
      this.readers = new SqliteReaders(
        options as SqliteConnectionOptions,
        readerCount,
        (work) => this.lockedRead(work),
        (error) =>
          this.logger.warn(
            `Reads stay on the writer's connection: the read-only SQLite connections did not open (${String(error)})`,
          ),
      );
    }
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /** One transaction: everything in `work` commits together or not at all. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = async () => {
      let manager: EntityManager | null = null;
      const result = await this.dataSource.transaction((m) => {
        manager = m;
        return work(m);
      });
      for (const hook of this.committedHooks) hook(manager!);
      return result;
    };
    return this.sqliteLock ? this.sqliteLock.runExclusive(run) : run();
  }

  /**
   * Runs `hook` with the transaction's manager after each write has committed (not after a rollback):
   * what must only ever reflect durable state, like the audit witness, hangs on this. Hooks must not throw.
   */
  onCommitted(hook: (manager: EntityManager) => void): void {
    this.committedHooks.push(hook);
  }

  /**
   * A read outside any write transaction: it never sees uncommitted rows, and sees whatever was committed
   * before it started. On SQLite, one snapshot for all of `work` (a read transaction on a read-only
   * connection, or the writer's connection under the mutex). Never call it inside a write's `work`.
   * `singleStatement`: `work` makes one query, which is consistent by itself, so it needs no read
   * transaction around it (two round trips fewer on SQLite, for the key lookup of every request).
   */
  read<T>(work: (manager: EntityManager) => Promise<T>, options: ReadOptions = {}): Promise<T> {
    return this.readers ? this.readers.read(work, options.singleStatement ?? false) : this.lockedRead(work);
  }

  async onModuleDestroy(): Promise<void> {
    await this.readers?.close();
  }

  private lockedRead<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.sqliteLock ? this.sqliteLock.runExclusive(run) : run();
  }
}
