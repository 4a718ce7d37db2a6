/**
 * The decision trail is tamper-evident: cases are driven over HTTP, then the database is edited directly in
 * each of the ways (an event changed, deleted, inserted, two swapped, the tail cut, a tail forged with a
 * moved head) and GET /audit/verify and the audit:verify command both name the first bad sequence number
 * and the kind of damage, without any head kept by an auditor: the signed heads (Ed25519, at every commit)
 * and the witness file outside the database suffice. An untouched chain verifies ok; many parallel appends (on PostgreSQL from two instances) leave
 * no gap.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runAuditVerify } from '../../src/audit/audit-verify.command';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { ApiClient, expectProblem, expectStatus, SteppingClock } from '../support/api-client';
import { driveAuditCases } from '../support/audit-cases';
import { AuditDb } from '../support/audit-db';
import { REPO_ROOT } from '../support/fact-fixtures';
import { startTestApp, testSigningKeyFile, type TestApp } from '../support/test-app';

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
      ? { DATABASE_URL: pg, IPR_AUDIT_SIGNING_KEY_FILE: testSigningKeyFile() }
      : { IPR_SQLITE_PATH: String(db.dataSource.options.database) };
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
    const {
      keptHead: _kept,
      durationMs: _ms,
      witness: _witness,
      ...http
    } = res.body as Record<string, unknown>;
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

  it('an untouched chain verifies ok, up to its signed head and the witnessed head', async () => {
    expect(intact.head.seq).toBeGreaterThan(60);
    expect(intact.events.map((e) => e.seq)).toEqual(intact.events.map((_, i) => i + 1));
    const head = { seq: intact.head.seq, hash: intact.head.hash };
    expect(JSON.parse(intact.witness!)).toMatchObject({ ...head, signature: intact.head.signature });
    // Every commit signs its last event: the last one is signed, and so is the head row, alike.
    expect(intact.events[intact.events.length - 1].headSignature).toBe(intact.head.signature);
    const result = await verifyBoth();
    expect(result).toEqual({
      ok: true,
      events: intact.head.seq,
      head,
      signedHead: head,
      keptHeads: [head],
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

  it('truncated: the tail cut at a commit, its signed head copied to the head row: the witness file tells', async () => {
    const cut = await db.lastSignedAtOrBefore(intact.head.seq - 12);
    await db.truncateAfter(cut);
    expect(await verifyBoth()).toMatchObject({ ok: false, seq: cut + 1, kind: 'truncated' });
  });

  it('forged tail: a correctly hashed event appended and the head moved onto it, no head kept by anyone', async () => {
    const model = await db.event(intact.head.seq);
    const forgedSeq = await db.appendForged({
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
      payload: { outcome: 'approve', comment: '补签 forged approval' },
    });
    expect(forgedSeq).toBe(intact.head.seq + 1);
    await db.deleteWitness(); // not even the witness is needed to see this one
    expect(await verifyBoth()).toMatchObject({ ok: false, seq: forgedSeq, kind: 'forged' });
  });

  it('forged tail: the tail cut and the witness deleted too; a head the auditor kept still catches it', async () => {
    const headRes = await api.get('/audit/head', auditor);
    expectStatus(headRes, 200);
    const kept = headRes.body as {
      seq: number;
      hash: string;
      signature: string;
      algorithm: string;
      keyId: string;
    };
    expect(kept).toMatchObject({
      seq: intact.head.seq,
      hash: intact.head.hash,
      algorithm: 'Ed25519',
      signature: expect.stringMatching(/^[0-9a-f]{16}:[A-Za-z0-9+/]{86}==$/),
    });

    const cut = await db.lastSignedAtOrBefore(intact.head.seq - 5);
    await db.truncateAfter(cut);
    await db.deleteWitness();
    const withoutKept = await api.get('/audit/verify', auditor);
    expect(withoutKept.body).toMatchObject({ ok: true }); // neither the database nor the host tells: see docs/security.md
    const query = new URLSearchParams({ seq: String(kept.seq), hash: kept.hash, signature: kept.signature });
    const withKept = await api.get(`/audit/verify?${query.toString()}`, auditor);
    expect(withKept.body).toMatchObject({ ok: false, seq: cut + 1, kind: 'truncated' });

    const otherSignature = (await db.event(cut)).headSignature!;
    const forgedSignature = await api.get(
      `/audit/verify?${new URLSearchParams({ ...Object.fromEntries(query), signature: otherSignature }).toString()}`,
      auditor,
    );
    expect(forgedSignature.body).toMatchObject({ ok: false, seq: kept.seq, kind: 'signature-invalid' });
    expectProblem(await api.get(`/audit/verify?seq=${kept.seq}`, auditor), 400, 'request.invalid');
  });

  it('a stored head signature replaced by another one is named, the events being intact', async () => {
    const signed = intact.events.filter((e) => e.headSignature && e.seq < intact.head.seq - 10);
    const [a, b] = [signed[signed.length - 2], signed[signed.length - 1]];
    await db.query('UPDATE audit_events SET head_signature = ? WHERE seq = ?', [a.headSignature, b.seq]);
    expect(await verifyBoth()).toMatchObject({ ok: false, seq: b.seq, kind: 'signature-invalid' });
  });

  it('only auditors verify, read the head or list events', async () => {
    const officer = await api.officer('hrss');
    for (const path of ['/audit/verify', '/audit/head', '/audit/events', '/audit/export'])
      expectProblem(await api.get(path, officer), 403, 'auth.forbidden');
    // The public key is public: anyone with a key may fetch it to check a head handed out to them.
    expectStatus(await api.get('/audit/public-key', officer), 200);
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

describe('audit chain: signed heads', () => {
  let t: TestApp;

  afterAll(async () => {
    await t?.close();
  });

  it('GET /audit/head answers on a fresh service, and every head verifies with the published public key alone', async () => {
    t = await startTestApp();
    const api = new ApiClient(t.http);
    const db = new AuditDb(t);
    const auditor = await api.auditor();
    const keys = await api.get('/audit/public-key', auditor);
    expectStatus(keys, 200);
    const [published] = keys.body.keys as { keyId: string; publicKey: string; publicKeyPem: string }[];
    expect(keys.body.keys).toHaveLength(1);
    const publicKey = createPublicKey(published.publicKeyPem);
    const check = (head: { seq: number; hash: string; signature: string }) => {
      const [keyId, signature] = head.signature.split(':');
      expect(keyId).toBe(published.keyId);
      return verifySignature(
        null,
        Buffer.from(`ipr-audit-head/1 ${head.seq} ${head.hash}`, 'ascii'),
        publicKey,
        Buffer.from(signature, 'base64'),
      );
    };
    // Issuing the auditor's key was the first event; the head is signed at that commit already.
    const first = await api.get('/audit/head', auditor);
    expectStatus(first, 200);
    expect(first.body).toMatchObject({ ...(await db.head()), algorithm: 'Ed25519', keyId: published.keyId });
    expect(check(first.body)).toBe(true);
    expect(check({ ...first.body, seq: first.body.seq + 1 })).toBe(false);

    await api.officer('hrss');
    const second = await api.get('/audit/head', auditor);
    expect(second.body.seq).toBeGreaterThan(first.body.seq);
    expect(check(second.body)).toBe(true);
  });
});
