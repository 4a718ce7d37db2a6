import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config';
import { auditKeyFile, resolveAuditKey } from './audit-key';

describe('resolveAuditKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipr-audit-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sqlite = (key?: string) => ({
    IPR_SQLITE_PATH: join(dir, 'data', 'db.sqlite'),
    DATABASE_URL: undefined,
    IPR_AUDIT_HMAC_KEY: key,
  });
  const postgres = (key?: string) => ({
    IPR_SQLITE_PATH: 'unused',
    DATABASE_URL: 'postgres://localhost/x',
    IPR_AUDIT_HMAC_KEY: key,
  });

  it('takes IPR_AUDIT_HMAC_KEY when set, on either database', () => {
    const key = 'k'.repeat(40);
    expect(resolveAuditKey(sqlite(key), { create: true })).toEqual({
      key: Buffer.from(key),
      source: 'IPR_AUDIT_HMAC_KEY',
      file: null,
    });
    expect(resolveAuditKey(postgres(key), { create: true })?.key.toString()).toBe(key);
  });

  it('refuses PostgreSQL without a key (the CLI then verifies without signatures)', () => {
    expect(() => resolveAuditKey(postgres(), { create: true })).toThrow(ConfigError);
    expect(() => resolveAuditKey(postgres(), { create: true })).toThrow(
      /IPR_AUDIT_HMAC_KEY: required with PostgreSQL/,
    );
    expect(resolveAuditKey(postgres(), { create: false })).toBeNull();
  });

  it('on SQLite generates a key once beside the database (mode 0600) and reads the same key afterwards', () => {
    expect(resolveAuditKey(sqlite(), { create: false })).toBeNull(); // the CLI never writes one
    const first = resolveAuditKey(sqlite(), { create: true })!;
    expect(first).toMatchObject({
      source: 'generated key file',
      file: auditKeyFile(sqlite().IPR_SQLITE_PATH),
    });
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.file!, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = resolveAuditKey(sqlite(), { create: true })!;
    expect(again.source).toBe('key file');
    expect(again.key.equals(first.key)).toBe(true);
    expect(resolveAuditKey(sqlite(), { create: false })!.key.equals(first.key)).toBe(true);
  });

  it('refuses a key file that is too short', () => {
    const file = auditKeyFile(sqlite().IPR_SQLITE_PATH);
    resolveAuditKey(sqlite(), { create: true });
    writeFileSync(file, 'short\n');
    expect(() => resolveAuditKey(sqlite(), { create: true })).toThrow(ConfigError);
  });

  it('an in-memory database gets a key for the life of the process', () => {
    const memory = { IPR_SQLITE_PATH: ':memory:', DATABASE_URL: undefined, IPR_AUDIT_HMAC_KEY: undefined };
    expect(resolveAuditKey(memory, { create: true })?.key).toHaveLength(32);
  });
});
