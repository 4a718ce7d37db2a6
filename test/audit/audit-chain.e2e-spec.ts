/**
 * The decision trail is tamper-evident: cases are driven over HTTP, then the database is edited directly in
 * each of the five ways (an event changed, deleted, inserted, two swapped, the tail cut after a checkpoint)
 * and GET /audit/verify and the audit:verify command both name the first bad sequence number and the kind
 * of damage. An untouched chain verifies ok; many parallel appends (on PostgreSQL from two instances) leave
 * no gap.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runAuditVerify } from '../../src/audit/audit-verify.command';
import { AuditCheckpoints } from '../../src/audit/audit-checkpoints';
import { ApiClient, expectProblem, expectStatus, SteppingClock } from '../support/api-client';
import { driveAuditCases } from '../support/audit-cases';
import { AuditDb } from '../support/audit-db';
import { REPO_ROOT } from '../support/fact-fixtures';
import { startTestApp, TEST_AUDIT_KEY, type TestApp } from '../support/test-app';

type Snapshot = Awaited<ReturnType<AuditDb['snapshot']>>;

describe('audit chain: verification names the first bad sequence number', () => {
  let t: TestApp;
  let api: ApiClient;
  let db: AuditDb;
  let auditor: string;
  let intact: Snapshot;

  /** What the CLI reads: the test's database and key. */
  function cliEnv(): NodeJS.ProcessEnv {
    const pg = process.env.TEST_DATABASE_URL;
    return pg
      ? { DATABASE_URL: pg, IPR_AUDIT_HMAC_KEY: TEST_AUDIT_KEY }
      : { IPR_SQLITE_PATH: String(db.dataSource.options.database), IPR_AUDIT_HMAC_KEY: TEST_AUDIT_KEY };
  }

  async function verifyBoth(): Promise<Record<string, unknown>> {
    const res = await api.get('/audit/verify', auditor);
    expectStatus(res, 200);
    const lines: string[] = [];
    const code = await runAuditVerify(
      ['--json'],
      { out: (line) => lines.push(line), err: () => undefined },
      cliEnv(),
    );
    const cli = JSON.parse(lines.join('\n')) as Record<string, unknown>;
    const { keptHead: _kept, durationMs: _ms, ...http } = res.body as Record<string, unknown>;
    expect(cli).toEqual(http); // the endpoint and the command say the same
    expect(code).toBe(http.ok ? 0 : 1);
    return http;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
    db = new AuditDb(t);
    await driveAuditCases(api, ['talent-introduction', 'major-project']);
    auditor = await api.auditor();
    intact = await db.snapshot();
  });

  afterAll(async () => {
    await t?.close();
  });

  afterEach(async () => {
    await db.restore(intact);
  });

  /** A seq well inside the chain, of an event with the given action. */
  function middle(action: string): number {
    const candidates = intact.events.filter(
      (e) => e.action === action && e.seq > 5 && e.seq < intact.head.seq - 15,
    );
    return candidates[Math.floor(candidates.length / 2)].seq;
  }

  it('an untouched chain verifies ok, up to its head and its signed checkpoint', async () => {
    expect(intact.head.seq).toBeGreaterThan(60);
    expect(intact.events.map((e) => e.seq)).toEqual(intact.events.map((_, i) => i + 1));
    const checkpoint = await t.app.get(AuditCheckpoints).record();
    expect(checkpoint).toMatchObject({ seq: intact.head.seq, hash: intact.head.hash });
    const result = await verifyBoth();
    expect(result).toEqual({
      ok: true,
      events: intact.head.seq,
      head: intact.head,
      checkpoint: { seq: intact.head.seq, hash: intact.head.hash, recordedAt: checkpoint!.recordedAt },
      signaturesChecked: true,
    });
  });

  it('changed: a decision payload edited in place (its score raised)', async () => {
    const seq = middle('decision.made');
    const event = await db.event(seq);
    await db.changePayload(
      seq,
      event.payload.replace(/"score":(\d+)/, (_m, n: string) => `"score":${Number(n) + 40}`),
    );
    expect(await verifyBoth()).toMatchObject({ ok: false, seq, kind: 'changed', events: seq - 1 });
  });

  it('deleted: an event removed from the middle', async () => {
    const seq = middle('task.completed');
    await db.deleteEvent(seq);
    expect(await verifyBoth()).toMatchObject({ ok: false, seq, kind: 'deleted' });
  });

  it('inserted: a forged event with a valid hash, the later events renumbered and the head moved on', async () => {
    const seq = middle('task.completed');
    const model = await db.event(seq);
    await db.insertForged(seq, {
      occurredAt: model.occurredAt,
      actorId: model.actorId,
      actorRole: model.actorRole,
      actorDepartment: model.actorDepartment,
      action: 'task.completed',
      entityType: model.entityType,
      entityId: model.entityId,
      caseId: model.caseId,
      fromState: null,
      toState: null,
      payload: { outcome: 'approve', comment: '补签 backdated approval' },
    });
    expect(await verifyBoth()).toMatchObject({ ok: false, seq, kind: 'inserted' });
  });

  it('reordered: two events swapped (each row keeps its seq and takes the other content and hashes)', async () => {
    const seq = middle('workflow.transition');
    await db.swap(seq, seq + 7);
    expect(await verifyBoth()).toMatchObject({ ok: false, seq, kind: 'reordered' });
  });

  it('truncated: the tail deleted after a signed checkpoint, the head moved back to the cut', async () => {
    await t.app.get(AuditCheckpoints).record();
    const cut = intact.head.seq - 12;
    await db.truncateAfter(cut);
    expect(await verifyBoth()).toMatchObject({ ok: false, seq: cut + 1, kind: 'truncated' });
  });

  it('truncated: a head the auditor kept catches a cut even when the checkpoints were deleted too', async () => {
    await t.app.get(AuditCheckpoints).record();
    const headRes = await api.get('/audit/head', auditor);
    expectStatus(headRes, 200);
    const kept = headRes.body as {
      seq: number;
      hash: string;
      recordedAt: string;
      signature: string;
      algorithm: string;
    };
    expect(kept).toMatchObject({
      seq: intact.head.seq,
      hash: intact.head.hash,
      algorithm: 'HMAC-SHA256',
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    await db.truncateAfter(intact.head.seq - 5);
    await db.query('DELETE FROM audit_checkpoints');
    const withoutKept = await api.get('/audit/verify', auditor);
    expect(withoutKept.body).toMatchObject({ ok: true }); // nothing in the database itself tells
    const query = new URLSearchParams({
      seq: String(kept.seq),
      hash: kept.hash,
      recordedAt: kept.recordedAt,
      signature: kept.signature,
    });
    const withKept = await api.get(`/audit/verify?${query.toString()}`, auditor);
    expect(withKept.body).toMatchObject({ ok: false, seq: intact.head.seq - 4, kind: 'truncated' });

    const forgedSignature = await api.get(
      `/audit/verify?${new URLSearchParams({ ...Object.fromEntries(query), signature: 'a'.repeat(64) }).toString()}`,
      auditor,
    );
    expect(forgedSignature.body).toMatchObject({ ok: false, kind: 'checkpoint-invalid' });
    expectProblem(await api.get(`/audit/verify?seq=${kept.seq}`, auditor), 400, 'request.invalid');
  });

  it('a forged checkpoint (signed without the key) is named as such', async () => {
    await db.query('INSERT INTO audit_checkpoints (seq, hash, recorded_at, signature) VALUES (?, ?, ?, ?)', [
      intact.head.seq,
      intact.head.hash,
      '2030-01-01T00:00:00.000Z',
      'b'.repeat(64),
    ]);
    try {
      expect(await verifyBoth()).toMatchObject({
        ok: false,
        seq: intact.head.seq,
        kind: 'checkpoint-invalid',
      });
    } finally {
      await db.query('DELETE FROM audit_checkpoints WHERE seq = ?', [intact.head.seq]);
    }
  });

  it('only auditors verify, read the head or list events', async () => {
    const officer = await api.officer('hrss');
    for (const path of ['/audit/verify', '/audit/head', '/audit/events', '/audit/export'])
      expectProblem(await api.get(path, officer), 403, 'auth.forbidden');
  });

  it('npm run audit:verify prints ok with exit code 0, and the first bad seq with exit code 1', async () => {
    const run = promisify(execFile);
    const cli = (env: NodeJS.ProcessEnv) =>
      run('npx', ['ts-node', '--transpile-only', join(REPO_ROOT, 'src', 'cli.ts'), 'audit:verify'], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env },
      });
    const ok = await cli(cliEnv());
    expect(ok.stdout).toMatch(
      new RegExp(`^ok: ${intact.head.seq} events, head seq ${intact.head.seq} hash ${intact.head.hash}`),
    );
    const seq = middle('task.opened');
    await db.deleteEvent(seq);
    await expect(cli(cliEnv())).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining(`FAILED at seq ${seq}: deleted`),
    });
  }, 60_000);
});

describe('audit chain: parallel appends', () => {
  let t: TestApp;
  let second: TestApp | null = null;

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('stay gap-free and verify ok (on PostgreSQL from two service instances on one database)', async () => {
    t = await startTestApp();
    const apis = [new ApiClient(t.http)];
    if (t.database === 'postgres') {
      second = await startTestApp({ resetDatabase: false });
      apis.push(new ApiClient(second.http));
    }
    const auditor = await apis[0].auditor();
    const officer = await apis[0].officer('hrss');
    // Key creations (one event each) and submissions (several events each) from every instance at once.
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      const api = apis[i % apis.length];
      requests.push(api.createKey({ role: 'reviewer', department: 'ipo', name: `parallel ${i}` }));
      if (i % 6 === 0)
        requests.push(
          api
            .post('/evaluations', officer, api.submissionBody('talent-introduction', 'low'))
            .then((res) => expectStatus(res, 201)),
        );
    }
    await Promise.all(requests);

    const db = new AuditDb(t);
    const events = await db.events();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.action === 'key.created').length).toBeGreaterThanOrEqual(60);
    expect(await db.head()).toEqual({ seq: events.length, hash: events[events.length - 1].hash });
    const res = await apis[0].get('/audit/verify', auditor);
    expect(res.body).toMatchObject({ ok: true, events: events.length });
  });
});

describe('audit chain: periodic checkpoints', () => {
  let t: TestApp;

  afterAll(async () => {
    await t?.close();
  });

  it('the service signs the head every IPR_AUDIT_CHECKPOINT_SECONDS once it moved, and GET /audit/head hands it out', async () => {
    t = await startTestApp({ env: { IPR_AUDIT_CHECKPOINT_SECONDS: '1' } });
    const api = new ApiClient(t.http);
    const auditor = await api.auditor();
    const db = new AuditDb(t);
    const deadline = Date.now() + 5000;
    let head = await api.get('/audit/head', auditor);
    while ((head.status !== 200 || head.body.seq !== (await db.head()).seq) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      head = await api.get('/audit/head', auditor);
    }
    expectStatus(head, 200);
    expect(head.body).toMatchObject({ ...(await db.head()), algorithm: 'HMAC-SHA256' });
    const checkpoints = await db.query<unknown[]>('SELECT seq FROM audit_checkpoints');
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    const verified = await api.get('/audit/verify', auditor);
    expect(verified.body).toMatchObject({ ok: true, checkpoint: { seq: head.body.seq } });
  });
});
