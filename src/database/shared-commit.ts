import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * One durable COMMIT and the commands that share it. On PostgreSQL every command has its own transaction,
 * so a shared commit holds one command. On SQLite the unit of work lets the commands that queued while the
 * previous COMMIT ran share the next one (group commit), each in a savepoint of its own.
 */
export interface SharedCommit {
  readonly manager: EntityManager;
  /** The command running now is the last before COMMIT: whatever must close the commit is its to write. */
  readonly closingCommand: boolean;
  /** The last command failed and was rolled back to its savepoint, undoing what it wrote to close the commit. */
  readonly lastCommandRolledBack: boolean;
  /**
   * How many commands of this commit have been rolled back to their savepoint so far: what a command read
   * from the transaction before a rollback may no longer be there.
   */
  readonly rollbacks: number;
}

/** One command waiting for a shared commit: it is acknowledged (resolved) only after the COMMIT returned. */
export interface QueuedCommand {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export type BeforeCommitHook = (commit: SharedCommit) => Promise<void>;
export type CommittedHook = (commit: SharedCommit) => void;

/**
 * Thrown by a command that found something it knew from outside the transaction out of date (and has
 * forgotten it): the command is not rejected but runs again, with the others of its group.
 */
export class RunAgain extends Error {}

/** What a group did for one command: its result, or the error it was rolled back for. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The state of a shared commit while its commands run; the unit of work hands it out as a SharedCommit. */
class RunningCommit implements SharedCommit {
  closingCommand = false;
  lastCommandRolledBack = false;
  rollbacks = 0;
  constructor(readonly manager: EntityManager) {}
}

export interface GroupHooks {
  beforeCommit: readonly BeforeCommitHook[];
  committed: readonly CommittedHook[];
  /** Called with true when the commit starts and false when it is over: what services look up by manager. */
  track(commit: SharedCommit, running: boolean): void;
}

/**
 * Runs `commands` in one transaction on `runner` and COMMITs once; only after the COMMIT returned is any
 * command resolved. If the COMMIT fails, every command of the group is rejected: none of them was
 * acknowledged, none of them is in the database. Before the COMMIT the hooks close it (the audit trail
 * signs the head once here if the last command could not).
 *
 * First undivided: the commands run one after another in the transaction, nothing between them. Under load
 * the writer's connection is what every command waits for, and each statement it runs waits its turn on
 * the event loop, which other requests keep busy: a statement of its own per command, a savepoint, cost
 * about as much writer time as the command's own statements. Commands rarely fail once they reach the
 * writer (the request was checked, the case read and its transition worked out before). When one does,
 * the whole transaction is rolled back, that command is rejected with its error, and the others run again,
 * as a fresh group divided by savepoints (`runDivided`): each of them sees what the commands before it
 * wrote, as it did the first time, and the failed one is judged as it was, after the commands before it.
 * The others were not acknowledged, so running them again is only doing it once.
 *
 * A command cannot end the transaction it shares: while one runs, the runner refuses BEGIN, COMMIT,
 * ROLLBACK and the release of a savepoint it did not open (`refuseTransactionEnd`), so no write of a later
 * command can escape the transaction into autocommit.
 */
export async function runSharedCommit(
  runner: QueryRunner,
  commands: readonly QueuedCommand[],
  hooks: GroupHooks,
): Promise<void> {
  const guard = transactionGuard(runner);
  const failed = await leavingNoTransaction(runner, runUndivided(runner, commands, hooks, guard));
  if (failed === null) return;
  const rest = failed === 'all' ? commands : commands.filter((_, i) => i !== failed);
  if (rest.length > 0) await leavingNoTransaction(runner, runDivided(runner, rest, hooks, guard));
}

/** A run of the group, after which the runner believes no transaction open (`forgetFailedRollback`). */
async function leavingNoTransaction<T>(runner: QueryRunner, run: Promise<T>): Promise<T> {
  try {
    return await run;
  } finally {
    await forgetFailedRollback(runner);
  }
}

/**
 * SQLite ends a transaction by itself on some errors (a full disk, an I/O error); the ROLLBACK after it
 * then fails, and TypeORM's runner still believes a transaction is open. Its SQLite driver hands out one
 * and the same runner for every group, so that belief would turn the next run's BEGIN into a SAVEPOINT.
 */
async function forgetFailedRollback(runner: QueryRunner): Promise<void> {
  if (!runner.isTransactionActive) return;
  await runner.query('ROLLBACK').catch(() => undefined); // if one was open after all
  Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
}

/**
 * The first run: no savepoints. Returns null when the group committed (or could not, and every command was
 * rejected), or, after a rollback that left nothing of the group committed, the index of the command that
 * failed, which is rejected here, or 'all' when that command asked to run again (RunAgain).
 */
async function runUndivided(
  runner: QueryRunner,
  commands: readonly QueuedCommand[],
  hooks: GroupHooks,
  guard: TransactionGuard,
): Promise<number | 'all' | null> {
  const commit = new RunningCommit(runner.manager);
  const outcomes: Outcome[] = [];
  hooks.track(commit, true);
  try {
    await runner.startTransaction();
    for (const [i, command] of commands.entries()) {
      commit.closingCommand = i === commands.length - 1;
      try {
        outcomes.push({ ok: true, value: await guard.during(() => command.work(runner.manager)) });
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        hooks.track(commit, false);
        if (error instanceof RunAgain) return 'all';
        command.reject(error);
        return i;
      }
    }
  } catch (error) {
    await rejectAll(runner, commit, commands, hooks, error);
    return null;
  }
  await commitGroup(runner, commit, commands, hooks, outcomes);
  return null;
}

/**
 * Runs the commands one after another, each inside a SAVEPOINT: a command that fails is rolled back to its
 * savepoint alone and rejected, the others go on.
 *
 * The savepoints are not released one by one, which would cost each command another round trip: each
 * command's savepoint nests inside the one before, and rolling back to "command" goes back to the
 * innermost, the failing command's own, leaving what the commands before it wrote. The first is named
 * "first_command"; releasing it just before the COMMIT releases them all, and fails if the transaction
 * ended meanwhile (a later SAVEPOINT would have quietly begun a new one).
 */
async function runDivided(
  runner: QueryRunner,
  commands: readonly QueuedCommand[],
  hooks: GroupHooks,
  guard: TransactionGuard,
): Promise<void> {
  const commit = new RunningCommit(runner.manager);
  const outcomes: Outcome[] = [];
  hooks.track(commit, true);
  try {
    await runner.startTransaction();
    for (const [i, command] of commands.entries()) {
      commit.closingCommand = i === commands.length - 1;
      const savepoint = i === 0 ? 'first_command' : 'command';
      await runner.query(`SAVEPOINT ${savepoint}`);
      try {
        outcomes.push({ ok: true, value: await guard.during(() => command.work(runner.manager)) });
      } catch (error) {
        await runner.query(`ROLLBACK TO ${savepoint}`);
        commit.rollbacks += 1;
        commit.lastCommandRolledBack = commit.closingCommand;
        outcomes.push({ ok: false, error });
      }
    }
  } catch (error) {
    await rejectAll(runner, commit, commands, hooks, error);
    return;
  }
  await commitGroup(runner, commit, commands, hooks, outcomes, () => runner.query('RELEASE first_command'));
}

/**
 * Closes a group whose commands ran: the hooks, `beforeCommit` (the divided run's RELEASE), the COMMIT, and
 * only then every command answered with its outcome; if any of that fails, every command is rejected.
 */
async function commitGroup(
  runner: QueryRunner,
  commit: RunningCommit,
  commands: readonly QueuedCommand[],
  hooks: GroupHooks,
  outcomes: Outcome[],
  beforeCommit: () => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  try {
    for (const hook of hooks.beforeCommit) await hook(commit);
    await beforeCommit();
    await runner.commitTransaction();
  } catch (error) {
    await rejectAll(runner, commit, commands, hooks, error);
    return;
  }
  hooks.track(commit, false);
  for (const hook of hooks.committed) hook(commit);
  outcomes.forEach((outcome, i) =>
    outcome.ok ? commands[i].resolve(outcome.value) : commands[i].reject(outcome.error),
  );
}

/** The transaction could not commit: rolled back (if still open) and every command rejected. */
async function rejectAll(
  runner: QueryRunner,
  commit: SharedCommit,
  commands: readonly QueuedCommand[],
  hooks: GroupHooks,
  error: unknown,
): Promise<void> {
  if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
  hooks.track(commit, false);
  for (const command of commands) command.reject(error);
}

/**
 * Statements that would end the shared transaction (or a savepoint the group opened) if a command ran
 * them: BEGIN, COMMIT, END, a ROLLBACK that is not ROLLBACK TO, a RELEASE of anything but a savepoint
 * TypeORM opened for a nested transaction (typeorm_N).
 */
const ENDS_TRANSACTION =
  /^\s*(BEGIN|COMMIT|END|ROLLBACK(?!\s+TO\b)|RELEASE(?!\s+(SAVEPOINT\s+)?"?typeorm_))\b/i;

interface TransactionGuard {
  /** Runs a command's work with transaction control refused. */
  during<T>(work: () => Promise<T>): Promise<T>;
}

const guards = new WeakMap<QueryRunner, TransactionGuard>();

/**
 * The runner's guard, installed once per runner: TypeORM's SQLite driver hands out one and the same runner
 * for every run, and wrapping its `query` again for each run would stack a wrapper per commit ever made.
 */
function transactionGuard(runner: QueryRunner): TransactionGuard {
  let guard = guards.get(runner);
  if (!guard) {
    guard = refuseTransactionEnd(runner);
    guards.set(runner, guard);
  }
  return guard;
}

/** Wraps `runner.query` so that, while a command runs, a statement that would end the transaction throws. */
function refuseTransactionEnd(runner: QueryRunner): TransactionGuard {
  const query = runner.query;
  let commandRunning = false;
  runner.query = function (this: QueryRunner, sql: string, ...rest: unknown[]) {
    if (commandRunning && ENDS_TRANSACTION.test(sql))
      return Promise.reject(new Error(`A command may not end the transaction it shares: ${sql}`));
    return (query as (...args: unknown[]) => Promise<unknown>).call(this, sql, ...rest);
  } as QueryRunner['query'];
  return {
    async during(work) {
      commandRunning = true;
      try {
        return await work();
      } finally {
        commandRunning = false;
      }
    },
  };
}
