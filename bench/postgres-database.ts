/**
 * A fresh PostgreSQL database for the benchmarks: BENCH_DATABASE_URL (default: the local server's
 * `ipr_bench`), dropped and created again before each use, never the `test` database the suites empty.
 * Null when no PostgreSQL server answers: the PostgreSQL figures are then reported as skipped.
 */
import { Client } from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/ipr_bench';

export async function freshPostgresDatabase(): Promise<string | null> {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
  const name = url.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'test' || name === 'postgres')
    throw new Error(`BENCH_DATABASE_URL must name a database of its own, not "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return url.toString();
}
