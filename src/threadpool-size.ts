import { availableParallelism } from 'node:os';

/**
 * The size of libuv's thread pool, which runs every SQLite statement (and the file system calls): unless
 * UV_THREADPOOL_SIZE is set, one thread fewer than the cores, at least one. libuv reads the variable when
 * the pool first starts, so main.ts imports this first, before anything could queue work on the pool.
 *
 * Why not libuv's default of four: the main thread, which runs every request's code, needs a core of its
 * own, and each statement wakes a pool thread. With four threads on two cores, the threads that wake for
 * the writer's and the readers' statements take turns with the main thread on the cores and wake one
 * another; with one, statements queue on a thread that stays awake while there is work. Measured on two
 * cores, alternating: full lifecycles 39.6–42.7 a second with four (42.7 with two) against 44.3–46.2 with
 * one, ~8 % less CPU each; submissions the same either way. The cost: a statement that waits on a lock
 * another process holds (SQLite's busy timeout; the service's own connections do not wait on one another
 * in WAL mode) holds the one thread meanwhile. On PostgreSQL the pool only serves files.
 */
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(1, availableParallelism() - 1));
