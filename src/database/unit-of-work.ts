import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import type { SqliteConnectionOptions } from 'typeorm/driver/sqlite/SqliteConnectionOptions';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import {
  runSharedCommit,
  type BeforeCommitHook,
  type CommittedHook,
  type QueuedCommand,
  type SharedCommit,
} from './shared-commit';
import { SqliteReaders } from './sqlite-readers';

/** At most this many commands share one COMMIT, so that one slow group cannot hold the others for long. */
const MAX_GROUP = 64;

/**
 * Runs each command atomically, and each query as one consistent read.
 *
 * TypeORM's sqlite driver shares a single connection between all callers, and the embedded database has
 * one writer anyway, so on SQLite the commands take turns on that connection (a process-wide mutex), and
 * those that queue while one COMMIT runs share the next (group commit, shared-commit.ts): each atomic by
 * itself, a failing one rejected alone (the others run again without it), and all of them acknowledged
 * only after the one durable COMMIT returned. One fsync and one signed audit head then serve a whole
 * group, which is what lets many submissions a second through one writer. Under light load a group is one
 * command, run exactly as a transaction of its own.
 *
 * Reads go to separate read-only connections (SqliteReaders, IPR_SQLITE_READERS of them), each read in its
 * own transaction: in WAL mode they see only committed rows, everything committed before they began, and
 * one snapshot throughout, without waiting for the writer. An in-memory database cannot be opened twice,
 * so there reads take the mutex too, as they do with IPR_SQLITE_READERS=0. PostgreSQL gets real
 * concurrent transactions from its pool, one command each (its own WAL writer already lets concurrent
 * COMMITs share a flush).
 */
export interface ReadOptions {
  singleStatement?: boolean;
}

@Injectable()
export class UnitOfWork implements OnModuleDestroy {
  private readonly logger = new Logger('UnitOfWork');
  private readonly sqliteLock: Mutex | null;
  private readonly readers: SqliteReaders | null = null;
  private readonly beforeCommitHooks: BeforeCommitHook[] = [];
  private readonly committedHooks: CommittedHook[] = [];
  private readonly running = new Map<EntityManager, SharedCommit>();
  private readonly queue: QueuedCommand[] = [];
  private draining = false;

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

  /**
   * One command: everything in `work` commits together or not at all, and the promise settles only after
   * the COMMIT returned (durable), or with the error that rolled `work` back. `work` may run more than once
   * (when another command of its group fails, the others run again: shared-commit.ts), and only its last
   * run counts: it acts through the manager, and does nothing outside the database that cannot be repeated.
   */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const command: QueuedCommand = { work, resolve: resolve as (value: unknown) => void, reject };
      if (!this.sqliteLock) {
        void this.commit([command]);
        return;
      }
      this.queue.push(command);
      if (!this.draining) void this.drainQueue();
    });
  }

  /** The shared commit `manager` is running in; for hooks that must know whether they close it. */
  commitOf(manager: EntityManager): SharedCommit {
    const commit = this.running.get(manager);
    if (!commit) throw new Error('commitOf: no write is running on this manager');
    return commit;
  }

  /**
   * Runs `hook` inside each transaction after its last command, just before COMMIT: what must close every
   * commit, like a signature over the audit head the last command could not sign, goes here.
   */
  beforeCommit(hook: BeforeCommitHook): void {
    this.beforeCommitHooks.push(hook);
  }

  /**
   * Runs `hook` after each commit has returned (not after a rollback): what must only ever reflect durable
   * state, like the audit witness, hangs on this. Hooks must not throw.
   */
  onCommitted(hook: CommittedHook): void {
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

  /** SQLite: while commands wait, the writer takes them in groups, each group one shared commit. */
  private async drainQueue(): Promise<void> {
    this.draining = true;
    try {
      await this.sqliteLock!.runExclusive(async () => {
        while (this.queue.length > 0) await this.commit(this.queue.splice(0, MAX_GROUP));
      });
    } finally {
      this.draining = false;
      if (this.queue.length > 0) void this.drainQueue(); // queued after the loop looked for the last time
    }
  }

  private async commit(commands: QueuedCommand[]): Promise<void> {
    // On SQLite, TypeORM hands out one and the same runner on the one connection: the writer's.
    const runner = this.dataSource.createQueryRunner();
    try {
      await runSharedCommit(runner, commands, {
        beforeCommit: this.beforeCommitHooks,
        committed: this.committedHooks,
        track: (commit, running) =>
          running ? this.running.set(commit.manager, commit) : this.running.delete(commit.manager),
      });
    } finally {
      await runner.release();
    }
  }
}
