import { canonicalJson, chainHash, GENESIS_HASH, type ChainedEvent } from './audit-hash';
import { generateKeyPairSync } from 'node:crypto';
import { canonicalEventText, exportLine, storedEventHash, type StoredEvent } from './event-canonical';
import { keyIdOf } from './head-signing-key';
import { headSignatureValid, signHead } from './signed-head';
import { verifyChain, type ChainPosition, type KeptHead, type VerifyOptions } from './verify-chain';

const KEY = generateKeyPairSync('ed25519');
const KEY_ID = keyIdOf(KEY.publicKey);
const TRUSTED = new Map([[KEY_ID, KEY.publicKey]]);
const OTHER = generateKeyPairSync('ed25519');
const checkSignature = (position: ChainPosition, signature: string) =>
  headSignatureValid(TRUSTED, position, signature);
const sign = (position: ChainPosition) => signHead(KEY.privateKey, KEY_ID, position);
const kept = (row: StoredEvent, source = 'the head you kept'): KeptHead => ({
  seq: row.seq,
  hash: row.hash,
  signature: sign(row),
  source,
});
/** A commit ends every 5 events, and at the end of the chain: there the service signs the head. */
const COMMIT = 5;

/** An event as AuditTrail.append builds it: hashed with chainHash over the parsed payload (not the verifier's splice). */
function eventAt(seq: number, overrides: Partial<ChainedEvent> = {}): ChainedEvent {
  return {
    seq,
    occurredAt: new Date(Date.UTC(2025, 0, 1, 8, 0, seq)).toISOString(),
    actorId: `actor-${seq % 3}`,
    actorRole: seq % 2 ? 'reviewer' : 'officer',
    actorDepartment: seq % 5 === 0 ? null : 'ipo',
    action: seq % 4 === 0 ? 'decision.made' : 'task.completed',
    entityType: 'evaluation',
    entityId: `case-${Math.floor(seq / 10)}`,
    caseId: seq % 7 === 0 ? null : `case-${Math.floor(seq / 10)}`,
    fromState: seq % 3 === 0 ? 'intake' : null,
    toState: seq % 3 === 0 ? 'countersign' : null,
    payload: {
      round: seq,
      comment: `意见 ${seq} "quoted" \n\t\u0001 é 😀`,
      score: seq * 1.5,
      list: [1, null, { z: true, a: -0 }],
    },
    ...overrides,
  };
}

function store(event: ChainedEvent, prevHash: string): StoredEvent {
  return { ...event, payload: canonicalJson(event.payload), prevHash, hash: chainHash(prevHash, event) };
}

function buildChain(n: number): StoredEvent[] {
  const rows: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const row = store(eventAt(seq), prev);
    if (seq % COMMIT === 0 || seq === n) row.headSignature = sign(row);
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

/** A forged event that links correctly to `prevHash` at `seq` (the hardest kind of insertion to see). */
function forged(seq: number, prevHash: string): StoredEvent {
  return store(eventAt(seq, { action: 'key.created', payload: { forged: true } }), prevHash);
}

const batches = (rows: StoredEvent[], size = 4): StoredEvent[][] => {
  const out: StoredEvent[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};
const renumber = (rows: StoredEvent[]) => rows.map((r, i) => ({ ...r, seq: i + 1 }));
const headOf = (rows: StoredEvent[]) => ({ seq: rows.length, hash: rows[rows.length - 1].hash });

async function verify(rows: StoredEvent[], options: VerifyOptions = {}) {
  return verifyChain(batches(rows), { checkSignature, ...options });
}

describe('canonical event text (the verifier splices the stored payload instead of re-canonicalising)', () => {
  it.each([1, 2, 3, 4, 5, 7, 12, 21])(
    'is byte for byte canonicalize(event) and hashes like chainHash (seq %i)',
    (seq) => {
      const event = eventAt(seq);
      const row = store(event, GENESIS_HASH);
      expect(canonicalEventText(row)).toBe(canonicalJson(event));
      expect(storedEventHash(row)).toBe(row.hash);
      expect(exportLine(row)).toBe(canonicalJson({ ...event, prevHash: row.prevHash, hash: row.hash }));
      const signed = { ...row, headSignature: sign(row) };
      expect(exportLine(signed)).toBe(
        canonicalJson({
          ...event,
          prevHash: row.prevHash,
          hash: row.hash,
          headSignature: signed.headSignature,
        }),
      );
    },
  );

  it('hashes a decision-sized payload (hashed in parts) exactly like chainHash', () => {
    const event = eventAt(8, {
      payload: {
        explanation: Array.from({ length: 300 }, (_, i) => ({
          rule: `r${i}`,
          reason: { zh: '离职一年内提出的相关专利申请', en: 'x'.repeat(40) },
          factResult: i / 3,
        })),
      },
    });
    const row = store(event, GENESIS_HASH);
    expect(row.payload.length).toBeGreaterThan(10_000);
    expect(storedEventHash(row)).toBe(row.hash);
    expect(storedEventHash({ ...row, payload: row.payload.replace('r299', 'r298') })).not.toBe(row.hash);
  });

  it('writes strings exactly as RFC 8785 does, control characters and lone surrogates included', () => {
    const event = eventAt(3, {
      actorDepartment: '\u2028\u007f\ud800"\\',
      fromState: '',
      payload: { '\u00e9': 'x', e: '\ud83d\ude00', '': [] },
    });
    expect(canonicalEventText(store(event, GENESIS_HASH))).toBe(canonicalJson(event));
    const inState = eventAt(3, { toState: 'a"b', fromState: 'tab\there' });
    expect(storedEventHash(store(inState, GENESIS_HASH))).toBe(chainHash(GENESIS_HASH, inState));
  });
});

describe('verifyChain', () => {
  it('an intact chain is ok, with its event count and head', async () => {
    const rows = buildChain(30);
    await expect(verify(rows, { head: headOf(rows) })).resolves.toEqual({
      ok: true,
      events: 30,
      head: headOf(rows),
      signedHead: headOf(rows),
      keptHeads: [],
      signaturesChecked: true,
    });
  });

  it('an empty chain is ok at the genesis hash', async () => {
    await expect(verifyChain([], { head: { seq: 0, hash: GENESIS_HASH } })).resolves.toMatchObject({
      ok: true,
      events: 0,
      head: { seq: 0, hash: GENESIS_HASH },
    });
  });

  it("confirms kept heads (the witness, an auditor's) the chain still contains", async () => {
    const rows = buildChain(20);
    await expect(
      verify(rows, { kept: [kept(rows[9]), kept(rows[19], 'the witness file')] }),
    ).resolves.toMatchObject({
      ok: true,
      keptHeads: [headOf(rows.slice(0, 10)), headOf(rows)],
    });
  });

  describe('changed', () => {
    it('a payload edited in place', async () => {
      const rows = buildChain(20);
      rows[11] = { ...rows[11], payload: rows[11].payload.replace('"round":12', '"round":13') };
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 12, kind: 'changed', events: 11 });
    });

    it('a column edited in place', async () => {
      const rows = buildChain(20);
      rows[4] = { ...rows[4], actorId: 'someone-else' };
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 5, kind: 'changed' });
    });

    it('the stored hash edited', async () => {
      const rows = buildChain(20);
      rows[6] = { ...rows[6], hash: 'f'.repeat(64) };
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 7, kind: 'changed' });
    });

    it('an event rewritten together with its hash: its successor gives it away', async () => {
      const rows = buildChain(20);
      rows[7] = store(eventAt(8, { payload: { rewritten: true } }), rows[6].hash);
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 8, kind: 'changed' });
    });

    it('the last event rewritten with its hash: the chain head gives it away', async () => {
      const rows = buildChain(20);
      const head = headOf(rows);
      rows[19] = store(eventAt(20, { payload: { rewritten: true } }), rows[18].hash);
      await expect(verify(rows, { head })).resolves.toMatchObject({ ok: false, seq: 20, kind: 'changed' });
    });

    it('the first event not linked to the genesis hash', async () => {
      const rows = buildChain(5);
      rows[0] = store(eventAt(1), 'a'.repeat(64));
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 1, kind: 'changed' });
    });
  });

  describe('deleted', () => {
    it.each([
      ['a middle event', [9], 10],
      ['several events', [9, 10, 11], 10],
      ['the first event', [0], 1],
    ])('%s', async (_what, indexes, seq) => {
      const rows = buildChain(20).filter((_, i) => !indexes.includes(i));
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq, kind: 'deleted' });
    });

    it('an event deleted and the later ones renumbered to close the gap', async () => {
      const rows = renumber(buildChain(20).filter((_, i) => i !== 9));
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 10, kind: 'deleted' });
    });
  });

  describe('inserted', () => {
    it.each([1, 5, 12, 20])(
      'a forged event with a valid link and hash at seq %i, later events renumbered',
      async (seq) => {
        const rows = buildChain(20);
        const prev = seq === 1 ? GENESIS_HASH : rows[seq - 2].hash;
        rows.splice(seq - 1, 0, forged(seq, prev));
        await expect(verify(renumber(rows))).resolves.toMatchObject({ ok: false, seq, kind: 'inserted' });
      },
    );

    it('a row with made-up hashes, later events renumbered', async () => {
      const rows = buildChain(20);
      rows.splice(6, 0, {
        ...rows[6],
        payload: '{"forged":true}',
        prevHash: 'b'.repeat(64),
        hash: 'c'.repeat(64),
      });
      await expect(verify(renumber(rows))).resolves.toMatchObject({ ok: false, seq: 7, kind: 'inserted' });
    });

    it('two events inserted', async () => {
      const rows = buildChain(20);
      rows.splice(6, 0, forged(7, 'd'.repeat(64)), forged(8, 'e'.repeat(64)));
      await expect(verify(renumber(rows))).resolves.toMatchObject({ ok: false, seq: 7, kind: 'inserted' });
    });

    it('events appended behind the recorded head', async () => {
      const rows = buildChain(20);
      const head = headOf(rows);
      rows.push(forged(21, rows[19].hash));
      await expect(verify(rows, { head })).resolves.toMatchObject({ ok: false, seq: 21, kind: 'inserted' });
    });
  });

  describe('reordered', () => {
    it.each([
      [4, 15],
      [10, 11],
      [0, 19],
    ])(
      'the contents of seq %i and %i swapped (a row keeps its seq, takes the other content)',
      async (i, j) => {
        const rows = buildChain(20);
        const [a, b] = [rows[i], rows[j]];
        rows[i] = { ...b, seq: a.seq };
        rows[j] = { ...a, seq: b.seq };
        await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: i + 1, kind: 'reordered' });
      },
    );

    it('rows delivered out of order', async () => {
      const rows = buildChain(10);
      [rows[3], rows[4]] = [rows[4], rows[3]];
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 4 });
    });
  });

  describe('truncated', () => {
    it('the tail removed after the witnessed head (and the head moved back)', async () => {
      const rows = buildChain(30);
      const cut = rows.slice(0, 21);
      await expect(
        verify(cut, { head: headOf(cut), kept: [kept(rows[24], 'the witness file')] }),
      ).resolves.toMatchObject({ ok: false, seq: 22, kind: 'truncated' });
    });

    it('the tail removed, the head left behind', async () => {
      const rows = buildChain(30);
      await expect(verify(rows.slice(0, 27), { head: headOf(rows) })).resolves.toMatchObject({
        ok: false,
        seq: 28,
        kind: 'truncated',
      });
    });

    it('a cut at a commit, its signatures gone with it and the head moved back, looks intact without a kept head…', async () => {
      const cut = buildChain(30).slice(0, 20);
      await expect(verify(cut, { head: headOf(cut) })).resolves.toMatchObject({ ok: true });
    });

    it('…and is caught by the witness or a head the auditor kept', async () => {
      const rows = buildChain(30);
      const cut = rows.slice(0, 20);
      await expect(verify(cut, { head: headOf(cut), kept: [kept(rows[29])] })).resolves.toMatchObject({
        ok: false,
        seq: 21,
        kind: 'truncated',
      });
    });
  });

  describe('signed heads', () => {
    it('a forged tail with a moved head: correctly hashed events appended, no kept head', async () => {
      const rows = buildChain(20);
      rows.push(forged(21, rows[19].hash));
      rows.push({ ...forged(22, rows[20].hash), headSignature: rows[19].headSignature });
      const head = { ...headOf(rows), signature: rows[19].headSignature };
      await expect(verify(rows, { head })).resolves.toMatchObject({ ok: false, seq: 21, kind: 'forged' });
    });

    it('a forged tail signed with another key', async () => {
      const rows = buildChain(20);
      const row = forged(21, rows[19].hash);
      rows.push({ ...row, headSignature: signHead(OTHER.privateKey, KEY_ID, row) });
      await expect(
        verify(rows, { head: { ...headOf(rows), signature: rows[20].headSignature } }),
      ).resolves.toMatchObject({
        ok: false,
        seq: 21,
        kind: 'forged',
      });
    });

    it("a tail written before heads were signed is covered by the head's own signature", async () => {
      const rows = buildChain(20).map((r) => ({ ...r, headSignature: null }));
      await expect(
        verify(rows, { head: { ...headOf(rows), signature: sign(headOf(rows)) } }),
      ).resolves.toMatchObject({
        ok: true,
        signedHead: headOf(rows),
      });
      await expect(verify(rows, { head: headOf(rows) })).resolves.toMatchObject({
        ok: false,
        seq: 1,
        kind: 'forged',
      });
    });

    it('a stored signature tampered with, the events intact', async () => {
      const rows = buildChain(20);
      rows[9] = { ...rows[9], headSignature: rows[4].headSignature };
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 10, kind: 'signature-invalid' });
    });

    it('a kept head with a bad signature is named as such', async () => {
      const rows = buildChain(20);
      const bad = { ...kept(rows[19]), signature: rows[4].headSignature! };
      await expect(verify(rows, { kept: [bad] })).resolves.toMatchObject({
        ok: false,
        seq: 20,
        kind: 'signature-invalid',
      });
    });

    it('a chain recomputed from some event on: its old signatures no longer verify, a kept head no longer matches', async () => {
      const original = buildChain(30);
      const rows = original.slice(0, 14);
      let prev = rows[13].hash;
      for (let seq = 15; seq <= 30; seq++) {
        const row = store(eventAt(seq, seq === 15 ? { payload: { rewritten: true } } : {}), prev);
        row.headSignature = original[seq - 1].headSignature ?? null;
        rows.push(row);
        prev = row.hash;
      }
      await expect(verify(rows)).resolves.toMatchObject({ ok: false, seq: 11, kind: 'forged' });
      await expect(verify(rows, { kept: [kept(original[24])] })).resolves.toMatchObject({
        ok: false,
        seq: 11,
        kind: 'rewritten',
      });
    });

    it('without a key, signatures are not checked and the result says so', async () => {
      const rows = buildChain(10).map((r) => ({ ...r, headSignature: 'x' }));
      await expect(verifyChain([rows])).resolves.toMatchObject({ ok: true, signaturesChecked: false });
    });

    it('starts from an anchor (a range export)', async () => {
      const rows = buildChain(20);
      await expect(
        verifyChain([rows.slice(10)], { start: headOf(rows.slice(0, 10)), checkSignature }),
      ).resolves.toMatchObject({ ok: true, events: 10 });
      await expect(
        verifyChain([rows.slice(10, 17)], { start: headOf(rows.slice(0, 10)), checkSignature }),
      ).resolves.toMatchObject({ ok: false, seq: 16, kind: 'forged' });
      await expect(
        verifyChain([rows.slice(10, 17)], {
          start: headOf(rows.slice(0, 10)),
          checkSignature,
          requireSignedTail: false,
        }),
      ).resolves.toMatchObject({ ok: true, events: 7 });
    });
  });

  it('finds the damage across batch boundaries (batches of one)', async () => {
    const rows = buildChain(12);
    const [a, b] = [rows[5], rows[9]];
    rows[5] = { ...b, seq: a.seq };
    rows[9] = { ...a, seq: b.seq };
    await expect(verifyChain(batches(rows, 1))).resolves.toMatchObject({
      ok: false,
      seq: 6,
      kind: 'reordered',
    });
  });

  it('takes payloads as UTF-8 bytes too (as the SQLite reader delivers large ones), and sees changes in them', async () => {
    const rows = buildChain(12).map((r) => ({
      ...r,
      payload: Buffer.from(r.payload, 'utf8') as Uint8Array | string,
    }));
    await expect(verifyChain([rows])).resolves.toMatchObject({ ok: true, events: 12 });
    const bytes = Buffer.from(rows[6].payload as Uint8Array);
    bytes[bytes.indexOf('"round":7') + 8] = '8'.charCodeAt(0);
    rows[6] = { ...rows[6], payload: bytes };
    await expect(verifyChain([rows])).resolves.toMatchObject({ ok: false, seq: 7, kind: 'changed' });
    const one = { ...buildChain(1)[0], headSignature: null };
    expect(exportLine({ ...one, payload: Buffer.from(one.payload) })).toBe(exportLine(one));
  });

  it('reads async batches', async () => {
    const rows = buildChain(12);
    async function* stream() {
      for (const batch of batches(rows, 5)) yield batch;
    }
    await expect(verifyChain(stream(), { head: headOf(rows) })).resolves.toMatchObject({
      ok: true,
      events: 12,
    });
  });
});
