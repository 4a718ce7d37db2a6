import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs each command as one transaction, and each query as one consistent read.
 *
 * TypeORM's sqlite driver shares a single connection between all callers: two transactions started at
 * once would interleave on it (the second becomes a savepoint of the first) and a plain read would see
 * another request's uncommitted rows. So on SQLite every unit of work takes a process-wide mutex; the
 * embedded database has one writer anyway. PostgreSQL gets real concurrent transactions from its pool.
 */
@Injectable()
export class UnitOfWork {
  private readonly sqliteLock: Mutex | null;

  constructor(private readonly dataSource: DataSource) {
    this.sqliteLock = dataSource.options.type === 'sqlite' ? new Mutex() : null;
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /** One transaction: everything in `work` commits together or not at all. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.dataSource.transaction(work);
    return this.sqliteLock ? this.sqliteLock.runExclusive(run) : run();
  }

  /** A read outside any transaction (serialised on SQLite so it never sees uncommitted rows). */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.sqliteLock ? this.sqliteLock.runExclusive(run) : run();
  }
}
