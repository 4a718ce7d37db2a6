import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type AppConfig } from '../config/app-config';

/** Injection token of the checkpoint signing key. */
export const AUDIT_KEY = Symbol('AUDIT_KEY');

export interface AuditKey {
  key: Buffer;
  /** Where it came from, for the start log and the CLI: never the key itself. */
  source: 'IPR_AUDIT_HMAC_KEY' | 'key file' | 'generated key file' | 'ephemeral (in-memory database)';
  file: string | null;
}

/** The file beside the SQLite database that holds a generated key: `<database>.audit-key`. */
export function auditKeyFile(sqlitePath: string): string {
  return `${sqlitePath}.audit-key`;
}

/**
 * The key that signs checkpoints.
 *
 * - IPR_AUDIT_HMAC_KEY (at least 32 characters) when set: its UTF-8 bytes.
 * - PostgreSQL without it: the start is refused. Several instances must share one key, and a key kept in the
 *   database would let whoever can rewrite the chain re-sign it too; the operator has to provide one.
 * - SQLite without it: a random 256-bit key is generated once into `<database>.audit-key` (mode 0600) and
 *   read from there on every later start. It protects against edits of the database file alone; an operator
 *   who wants more keeps the key elsewhere and sets IPR_AUDIT_HMAC_KEY.
 * - SQLite `:memory:`: a key for the life of the process.
 *
 * `create: false` (the CLI) never writes a file: without a key it returns null and signatures go unchecked.
 */
export function resolveAuditKey(
  config: Pick<AppConfig, 'DATABASE_URL' | 'IPR_SQLITE_PATH' | 'IPR_AUDIT_HMAC_KEY'>,
  options: { create: boolean },
): AuditKey | null {
  if (config.IPR_AUDIT_HMAC_KEY)
    return { key: Buffer.from(config.IPR_AUDIT_HMAC_KEY, 'utf8'), source: 'IPR_AUDIT_HMAC_KEY', file: null };
  if (config.DATABASE_URL) {
    if (!options.create) return null;
    throw new ConfigError(
      'Invalid configuration:\n  IPR_AUDIT_HMAC_KEY: required with PostgreSQL (at least 32 characters, the same for every instance); it signs the audit checkpoints',
    );
  }
  if (config.IPR_SQLITE_PATH === ':memory:') {
    return options.create
      ? { key: randomBytes(32), source: 'ephemeral (in-memory database)', file: null }
      : null;
  }
  const file = auditKeyFile(config.IPR_SQLITE_PATH);
  if (existsSync(file)) return { key: readKeyFile(file), source: 'key file', file };
  if (!options.create) return null;
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': of two processes starting at once, one writes the key and the other reads it.
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
    return { key: readKeyFile(file), source: 'generated key file', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { key: readKeyFile(file), source: 'key file', file };
    throw error;
  }
}

function readKeyFile(file: string): Buffer {
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32)
    throw new ConfigError(
      `Invalid configuration:\n  ${file}: the audit key file must hold at least 32 characters`,
    );
  return Buffer.from(text, 'utf8');
}
