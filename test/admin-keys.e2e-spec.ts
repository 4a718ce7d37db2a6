/**
 * Issue 13 item 5: the last active admin key cannot revoke itself (409 key.last-admin); a database whose
 * admin rows are all revoked does not keep IPR_ADMIN_KEY out at the next start (the key is restored, and
 * the restoration recorded); the SQLite file and the signing key file are readable by their owner only.
 */
import { statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { expectProblem, expectStatus } from './support/api-client';
import { ADMIN, issueKey, send } from './support/authz-world';
import { startTestApp, type TestApp } from './support/test-app';

const dir = mkdtempSync(join(tmpdir(), 'ipr-admin-'));
const sqlitePath = join(dir, 'admin.sqlite');
let t: TestApp | null = null;

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = (resetDatabase: boolean) =>
  startTestApp(process.env.TEST_DATABASE_URL ? { resetDatabase } : { sqlitePath });

async function adminKeyId(app: TestApp, name: string): Promise<string> {
  const res = await send(app, 'get', '/keys', ADMIN);
  expectStatus(res, 200);
  return (res.body as { id: string; name: string; role: string }[]).find((k) => k.name === name)!.id;
}

describe('admin keys', () => {
  it('the last active admin key cannot revoke itself; with a second one it can, and then the second cannot', async () => {
    t = await start(true);
    const first = await adminKeyId(t, 'first administrator');
    expectProblem(await send(t, 'delete', `/keys/${first}`, ADMIN), 409, 'key.last-admin');
    expectStatus(await send(t, 'get', '/keys', ADMIN), 200); // still an administrator

    const second = await issueKey(t, { role: 'admin', name: 'second administrator' });
    expectStatus(await send(t, 'delete', `/keys/${first}`, ADMIN), 204);
    expectProblem(await send(t, 'get', '/keys', ADMIN), 401, 'auth.unauthenticated');
    expectProblem(
      await send(t, 'delete', `/keys/${second.id}`, `Bearer ${second.key}`),
      409,
      'key.last-admin',
    );
  });

  it('a database with every admin row revoked lets IPR_ADMIN_KEY back in at the next start, and records it', async () => {
    // Only the database can get here (the API refuses it): e.g. a restore of an old backup.
    const ds = t!.app.get(DataSource);
    await ds.query(`UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE role = 'admin'`);
    await t!.close();
    t = await start(false);
    expectStatus(await send(t, 'get', '/keys', ADMIN), 200);
    const restored = await send(t, 'get', '/keys', ADMIN);
    const first = (restored.body as { name: string; revokedAt: string | null }[]).find(
      (k) => k.name === 'first administrator',
    );
    expect(first?.revokedAt).toBeNull();
    const auditor = await issueKey(t, { role: 'auditor' });
    const events = await send(t, 'get', '/audit/events?action=key.restored', `Bearer ${auditor.key}`);
    expect(events.body.items).toHaveLength(1);
  });

  const onSqlite = process.env.TEST_DATABASE_URL ? it.skip : it;
  onSqlite('creates the SQLite file and the signing key file with mode 0600', () => {
    expect(statSync(sqlitePath).mode & 0o777).toBe(0o600);
    expect(statSync(`${sqlitePath}.audit-signing-key`).mode & 0o777).toBe(0o600);
  });
});
