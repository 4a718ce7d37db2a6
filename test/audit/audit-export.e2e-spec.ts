/**
 * NDJSON exports verify offline with an independent implementation of the README's recipe
 * (test/support/verify_export.py: Python's hashlib and json and an RFC 8032 Ed25519 check, nothing shared
 * with the service) and with the service's own audit:verify-export command, given the public key alone;
 * both catch a tampered line and a forged tail.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Response } from 'supertest';
import { canonicalJson } from '../../src/audit/audit-hash';
import { runExportVerify } from '../../src/audit/export-verify.command';
import { ApiClient, expectProblem, expectStatus, SteppingClock } from '../support/api-client';
import { driveAuditCases, type AuditCase } from '../support/audit-cases';
import { REPO_ROOT } from '../support/fact-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const SCRIPT = join(REPO_ROOT, 'test', 'support', 'verify_export.py');

interface OfflineResult {
  ok: boolean;
  seq?: number;
  reason?: string;
  events?: number;
  signatures?: string;
}

describe('audit export: NDJSON that verifies offline', () => {
  let t: TestApp;
  let api: ApiClient;
  let auditor: string;
  let cases: AuditCase[];
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
    cases = await driveAuditCases(api, ['trade-show', 'technology-trade']);
    auditor = await api.auditor();
    // Text an exporter must not mangle: a line separator, an emoji, a control character, quotes, CJK.
    const tricky = await api.submit('major-project', 'low');
    const intake = tricky.view.tasks[0];
    expectStatus(
      await api.complete(intake, {
        outcome: 'return',
        comment: '请补充\u2028第二行 😀 \t "quoted" \\ back',
      }),
      200,
    );
    dir = mkdtempSync(join(tmpdir(), 'ipr-export-'));
    // What an auditor fetches once, separately from any export, and keeps: the public key.
    writeFileSync(
      join(dir, 'public-key.json'),
      JSON.stringify((await api.get('/audit/public-key', auditor)).body),
    );
  });

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function download(path: string): Promise<{ res: Response; text: string }> {
    const res = await api
      .get(path, auditor)
      .buffer(true)
      .parse((stream, done) => {
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (text += chunk));
        stream.on('end', () => done(null, text));
      });
    expectStatus(res, 200);
    return { res, text: res.body as string };
  }

  async function verifyOffline(text: string, name: string, withKey = true): Promise<OfflineResult> {
    const file = join(dir, name);
    writeFileSync(file, text, 'utf8');
    const args = withKey ? [SCRIPT, file, join(dir, 'public-key.json')] : [SCRIPT, file];
    try {
      const { stdout } = await promisify(execFile)('python3', args);
      return JSON.parse(stdout) as OfflineResult;
    } catch (error) {
      const failed = error as { code?: number; stdout?: string };
      if (failed.code === 1 && failed.stdout) return JSON.parse(failed.stdout) as OfflineResult;
      throw error;
    }
  }

  const linesOf = (text: string) => text.split('\n').filter((line) => line !== '');

  /** The service's own offline verifier (npm run audit:verify-export), with the public key file. */
  async function verifyWithCli(text: string, name: string) {
    const file = join(dir, name);
    writeFileSync(file, text, 'utf8');
    const lines: string[] = [];
    const code = await runExportVerify([file, '--public-key', join(dir, 'public-key.json'), '--json'], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    });
    return { code, result: JSON.parse(lines.join('\n')) as Record<string, unknown> };
  }

  it('the whole chain: a header line, then one canonical line per event, verified offline with the public key alone', async () => {
    const head = (await api.get('/audit/head', auditor)).body as {
      seq: number;
      hash: string;
      signature: string;
    };
    const publicKeys = (await api.get('/audit/public-key', auditor)).body.keys;
    const { res, text } = await download('/audit/export');
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-1-\d+\.ndjson"/);
    const [header, ...events] = linesOf(text).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(header).toMatchObject({
      format: 'ipr-audit-export/2',
      caseId: null,
      range: { from: 1, to: events.length },
      anchor: { seq: 0, hash: '0'.repeat(64) },
      signedHead: { seq: head.seq, hash: head.hash, signature: head.signature, algorithm: 'Ed25519' },
      publicKeys,
    });
    expect(events[events.length - 1].headSignature).toBe(head.signature);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(text).toContain('\u2028第二行 😀 \\t \\"quoted\\" \\\\ back'); // as RFC 8785 writes it

    await expect(verifyOffline(text, 'whole.ndjson')).resolves.toEqual({
      ok: true,
      events: events.length,
      last: { seq: events.length, hash: events[events.length - 1].hash },
      signatures: 'valid',
    });
    await expect(verifyOffline(text, 'whole-nokey.ndjson', false)).resolves.toMatchObject({
      ok: true,
      signatures: 'not checked (no key)',
    });
    await expect(verifyWithCli(text, 'whole-cli.ndjson')).resolves.toMatchObject({
      code: 0,
      result: { ok: true, events: events.length, signedHead: { seq: head.seq, hash: head.hash } },
    });

    // The export itself is recorded, after the range it exported.
    const after = await api.get(`/audit/events?action=audit.exported`, auditor);
    expect(after.body.items).toEqual([
      expect.objectContaining({ seq: events.length + 1, payload: { from: 1, to: events.length } }),
    ]);
  });

  it('a tampered line is caught offline at its seq: an edited comment, a deleted line, two lines swapped, a forged tail, a forged signature', async () => {
    const { text } = await download('/audit/export');
    const lines = linesOf(text);
    const at = lines.findIndex(
      (line) => line.includes('"action":"task.completed"') && line.includes('"comment":"'),
    );
    const seq = (JSON.parse(lines[at]) as { seq: number }).seq;

    const edited = [...lines];
    edited[at] = edited[at].replace(/"comment":"/, '"comment":"同意 ');
    await expect(verifyOffline(edited.join('\n'), 'edited.ndjson')).resolves.toMatchObject({
      ok: false,
      seq,
      reason: 'the event does not match its hash',
    });

    const deleted = lines.filter((_, i) => i !== at);
    await expect(verifyOffline(deleted.join('\n'), 'deleted.ndjson')).resolves.toMatchObject({
      ok: false,
      seq,
    });

    const swapped = [...lines];
    [swapped[at], swapped[at + 1]] = [swapped[at + 1], swapped[at]];
    await expect(verifyOffline(swapped.join('\n'), 'swapped.ndjson')).resolves.toMatchObject({
      ok: false,
      seq,
    });

    // A forged tail: a correctly hashed line appended, the header's range and head moved onto it.
    const last = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    const { hash: _h, prevHash: _p, headSignature: _s, ...content } = last;
    const added = {
      ...content,
      seq: (last.seq as number) + 1,
      action: 'key.created',
      payload: { forged: true },
    };
    const addedHash = createHash('sha256')
      .update((last.hash as string) + canonicalJson(added))
      .digest('hex');
    const header = JSON.parse(lines[0]) as {
      range: { to: number };
      signedHead: { seq: number; hash: string; signature: string };
    };
    header.range.to = added.seq;
    header.signedHead = { ...header.signedHead, seq: added.seq, hash: addedHash };
    const tail = [
      JSON.stringify(header),
      ...lines.slice(1),
      canonicalJson({ ...added, prevHash: last.hash, hash: addedHash }),
    ].join('\n');
    await expect(verifyOffline(tail, 'tail.ndjson')).resolves.toMatchObject({
      ok: false,
      seq: added.seq,
      reason: 'the signed head in the header does not verify',
    });
    await expect(verifyWithCli(tail, 'tail-cli.ndjson')).resolves.toMatchObject({
      code: 1,
      result: { ok: false, seq: added.seq },
    });

    const forgedHeader = JSON.parse(lines[0]) as { signedHead: { signature: string } };
    const otherSignature = (JSON.parse(lines[1]) as { headSignature: string }).headSignature;
    forgedHeader.signedHead.signature = otherSignature;
    const forged = [JSON.stringify(forgedHeader), ...lines.slice(1)];
    await expect(verifyOffline(forged.join('\n'), 'forged.ndjson')).resolves.toMatchObject({
      ok: false,
      reason: 'the signed head in the header does not verify',
    });
  });

  it('a range of sequence numbers links to the event before it (the header anchor)', async () => {
    const { text } = await download('/audit/export?from=10&to=25');
    const [header, ...events] = linesOf(text).map(
      (line) => JSON.parse(line) as { seq: number; prevHash: string; hash: string },
    );
    expect(header).toMatchObject({
      range: { from: 10, to: 25 },
      anchor: { seq: 9, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 10));
    expect(events[0].prevHash).toBe((header as unknown as { anchor: { hash: string } }).anchor.hash);
    await expect(verifyOffline(text, 'range.ndjson')).resolves.toMatchObject({ ok: true, events: 16 });
    await expect(verifyWithCli(text, 'range-cli.ndjson')).resolves.toMatchObject({
      code: 0,
      result: { ok: true, events: 16 },
    });
    expectProblem(await api.get('/audit/export?from=0', auditor), 400, 'request.invalid');
  });

  it('one case: its events only, each verified by its own hash, and the export recorded as a read of the case', async () => {
    const { id } = cases.find((c) => c.path === 'returned-resubmitted-passed')!;
    const { res, text } = await download(`/evaluations/${id}/export`);
    expect(res.headers['content-disposition']).toContain(`audit-case-${id}.ndjson`);
    const [header, ...events] = linesOf(text).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(header).toMatchObject({ format: 'ipr-audit-export/2', caseId: id, anchor: null });
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((e) => e.caseId === id)).toBe(true);
    expect(events.filter((e) => e.action === 'decision.made')).toHaveLength(2);
    await expect(verifyOffline(text, 'case.ndjson')).resolves.toMatchObject({
      ok: true,
      events: events.length,
    });

    const edited = linesOf(text);
    edited[3] = edited[3].replace('"actorRole":"', '"actorRole":"x');
    await expect(verifyOffline(edited.join('\n'), 'case-edited.ndjson')).resolves.toMatchObject({
      ok: false,
      seq: (events[2] as { seq: number }).seq,
    });

    const reads = await api.get(`/audit/events?caseId=${id}&action=evaluation.read`, auditor);
    expect(reads.body.items.map((e: { payload: unknown }) => e.payload)).toContainEqual({ view: 'export' });
    expectProblem(await api.get(`/evaluations/${id}/export`, cases[0].submitterKey), 403, 'auth.forbidden');
    expectProblem(
      await api.get('/evaluations/00000000-0000-4000-8000-000000000000/export', auditor),
      404,
      'case.not-found',
    );
  });
});
