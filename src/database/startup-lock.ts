import { Client } from 'pg';

/** Any fixed number, the same in every instance: the key of the PostgreSQL advisory lock taken at start. */
const STARTUP_LOCK_KEY = 0x1f_ec_0de;

/**
 * Runs the start of an instance (migrations, definition versions, the first admin key) while holding a
 * PostgreSQL advisory lock, so instances started together, as after a deployment, do it one after
 * another: the first migrates and writes, the others find it done. Without it two instances could both
 * find no admin key and both insert one, and TypeORM takes no lock around migrations. The lock is held
 * on a connection of its own and released as soon as `start` settles. SQLite (no URL): one process.
 */
export async function withStartupLock<T>(
  databaseUrl: string | undefined,
  start: () => Promise<T>,
): Promise<T> {
  if (!databaseUrl) return start();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await start();
  } finally {
    // Closing the session releases the lock too; unlocking first keeps that explicit.
    await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
