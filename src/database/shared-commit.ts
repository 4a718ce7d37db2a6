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
 * Runs `commands` in one transaction on `runner` and COMMITs once. A command alone runs as it always did
 * (its error rolls the transaction back). Several run one after another, each inside a SAVEPOINT: a command
 * that fails is rolled back to its savepoint alone and rejected, the others go on.
 *
 * The savepoints are not released one by one, which would cost each command another round trip through the
 * driver's thread pool while the writer holds the lock: each command's savepoint nests inside the one
 * before, and rolling back to "command" goes back to the innermost, the failing command's own, leaving what
 * the commands before it wrote. The first is named "first_command"; releasing it just before the COMMIT
 * releases them all, and fails if a command ended the transaction (a later SAVEPOINT would have quietly
 * begun a new one, and the COMMIT would have lost the commands before it while acknowledging them).
 *
 * Before the COMMIT the hooks close it (the audit trail signs the head once here if the last command could
 * not); only after the COMMIT returned is any command resolved. If the COMMIT (or a savepoint statement)
 * fails, every command of the group is rejected: none of them was acknowledged, none of them is in the
 * database.
 */
export async function runSharedCommit(
  runner: QueryRunner,
  commands: readonly QueuedCommand[],
  hooks: GroupHooks,
): Promise<void> {
  const commit = new RunningCommit(runner.manager);
  const outcomes: Outcome[] = [];
  const alone = commands.length === 1;
  hooks.track(commit, true);
  try {
    await runner.startTransaction();
    for (const [i, command] of commands.entries()) {
      commit.closingCommand = i === commands.length - 1;
      const savepoint = i === 0 ? 'first_command' : 'command';
      if (!alone) await runner.query(`SAVEPOINT ${savepoint}`);
      try {
        const value = await command.work(runner.manager);
        outcomes.push({ ok: true, value });
      } catch (error) {
        if (alone) throw error;
        await runner.query(`ROLLBACK TO ${savepoint}`);
        commit.rollbacks += 1;
        commit.lastCommandRolledBack = commit.closingCommand;
        outcomes.push({ ok: false, error });
      }
    }
    for (const hook of hooks.beforeCommit) await hook(commit);
    if (!alone) await runner.query('RELEASE first_command');
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    hooks.track(commit, false);
    for (const command of commands) command.reject(error);
    return;
  }
  hooks.track(commit, false);
  for (const hook of hooks.committed) hook(commit);
  outcomes.forEach((outcome, i) =>
    outcome.ok ? commands[i].resolve(outcome.value) : commands[i].reject(outcome.error),
  );
}
