/**
 * The chain verifier: pure (no database, no clock). It walks stored events in sequence order and reports
 * that the chain is intact, or the FIRST bad sequence number and what is wrong there.
 *
 * Every event must sit at the next sequence number, link to its predecessor's hash and hash to its own
 * stored hash. At the first event that does not, the verifier looks at the rest of the chain to tell the
 * kinds of damage apart:
 *
 * - deleted:   a sequence number is missing (or the event that belongs there is gone and the later events
 *              were renumbered to close the gap);
 * - inserted:  a foreign event sits at the position and the original event continues one or more places
 *              later (the events after it were renumbered to make room);
 * - reordered: the event that belongs here sits further down, and the one here belongs there;
 * - changed:   the stored content does not hash to the stored hash, or an event was rewritten together
 *              with its hash (its successor then links to a different predecessor);
 * - truncated: the chain ends before the recorded chain head or before a signed head kept outside the
 *              database (the witness file, a head an auditor kept);
 * - forged:    the events from this seq on are not covered by any valid signed head: appended (or rewritten
 *              and re-hashed) by someone without the signing key, the chain head moved along with them;
 * - rewritten: everything hashes, but not to the hash a kept signed head recorded for its sequence number;
 * - signature-invalid: a stored or kept head signature does not verify with the trusted public keys, though
 *              the events it covers are intact (a later valid signature covers them).
 *
 * Every commit signs its last event (Ed25519, signed-head.ts); with the public key the verifier requires
 * that the chain's last event is covered by a valid signature, so a tail appended outside the service is
 * named at its first event. A cut tail signs correctly up to the cut: only a head kept outside the database
 * (the witness, a head an auditor kept) reveals it, which is why verification requires the chain to still
 * contain them.
 *
 * The first bad sequence number is exact for every kind except `rewritten` and a `forged` rewrite, where it
 * is the first event after the last signed head that still matched. The kind is a diagnosis from what the
 * damage looks like.
 */
import { GENESIS_HASH } from './audit-hash';
import { storedEventHash, type Payload, type StoredEvent as StoredEventOf } from './event-canonical';

type StoredEvent = StoredEventOf<Payload>;

export interface ChainPosition {
  seq: number;
  hash: string;
}

/** A signed chain head kept outside the database: the witness file, or one an auditor kept. */
export interface KeptHead extends ChainPosition {
  signature: string;
  /** Where it was kept, for the message: "the witness file", "the head you kept". */
  source: string;
}

/** The recorded chain head (audit_head), with its signature when the service signed it. */
export interface RecordedHead extends ChainPosition {
  signature?: string | null;
}

export type ChainFault =
  | 'changed'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'truncated'
  | 'forged'
  | 'rewritten'
  | 'signature-invalid';

export interface VerifyOk {
  ok: true;
  events: number;
  head: ChainPosition;
  /** The latest position covered by a valid head signature (null without signatures to check or events). */
  signedHead: ChainPosition | null;
  /** The kept heads (witness, auditor's) the chain was checked against. */
  keptHeads: ChainPosition[];
  signaturesChecked: boolean;
}

export interface VerifyFailure {
  ok: false;
  seq: number;
  kind: ChainFault;
  message: string;
  /** Events verified before the failure. */
  events: number;
  signaturesChecked: boolean;
}

export type VerifyResult = VerifyOk | VerifyFailure;

export interface VerifyOptions {
  /** The recorded chain head (audit_head). Events must reach it. */
  head?: RecordedHead | null;
  /** Signed heads kept outside the database, in any order: the chain must still contain each. */
  kept?: readonly KeptHead[];
  /**
   * Checks a head signature (with the trusted public keys); without it signatures are not checked and the
   * result says so.
   */
  checkSignature?: (position: ChainPosition, signature: string) => boolean;
  /** Where the events start: the event before the first one (default seq 0, the genesis hash). */
  start?: ChainPosition;
  /**
   * Whether the last event must be covered by a valid signature (default true). An export of a range that
   * ends inside a commit has no signature at its end; its events are vouched for by a later signed head.
   */
  requireSignedTail?: boolean;
}

type Batches = AsyncIterable<readonly StoredEvent[]> | Iterable<readonly StoredEvent[]>;

export async function verifyChain(batches: Batches, options: VerifyOptions = {}): Promise<VerifyResult> {
  const kept = [...(options.kept ?? [])].sort((a, b) => a.seq - b.seq);
  const checkSignature = options.checkSignature;
  const signaturesChecked = checkSignature !== undefined;
  const fail = (seq: number, kind: ChainFault, message: string): VerifyFailure => ({
    ok: false,
    seq,
    kind,
    message,
    events: expected - 1 - start.seq,
    signaturesChecked,
  });

  const start = options.start ?? { seq: 0, hash: GENESIS_HASH };
  let expected = start.seq + 1;
  let prev = start.hash;
  let prevPrev: string | null = null;
  let nextKept = 0;
  let confirmed: ChainPosition | null = null; // the last position a kept head or a valid signature vouched for
  let signed: ChainPosition | null = null; // the last position covered by a valid stored signature
  let badSignature: number | null = null; // the first stored signature that does not verify

  for (const k of kept) {
    if (checkSignature && !checkSignature(k, k.signature))
      return fail(k.seq, 'signature-invalid', `The signature of ${k.source} (seq ${k.seq}) does not verify`);
  }

  const iterator = toAsyncIterator(batches);
  for (;;) {
    const step = await iterator.next();
    if (step.done) break;
    const batch = step.value;
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i];
      if (row.seq !== expected || row.prevHash !== prev || storedEventHash(row) !== row.hash) {
        const diagnosis = await diagnose(row, expected, prev, prevPrev, remaining(batch, i + 1, iterator));
        return fail(diagnosis.seq, diagnosis.kind, diagnosis.message);
      }
      if (checkSignature && row.headSignature) {
        if (checkSignature(row, row.headSignature)) signed = confirmed = { seq: row.seq, hash: row.hash };
        else if (badSignature === null) badSignature = row.seq;
      }
      while (nextKept < kept.length && kept[nextKept].seq <= row.seq) {
        const k = kept[nextKept++];
        if (k.seq === row.seq && k.hash !== row.hash) {
          const from = (confirmed?.seq ?? 0) + 1;
          return fail(
            from,
            'rewritten',
            `The events from seq ${from} to ${k.seq} were rewritten and re-hashed: the hash at seq ${k.seq} is not the one ${k.source} records`,
          );
        }
        if (k.seq === row.seq) confirmed = { seq: k.seq, hash: k.hash };
      }
      prevPrev = prev;
      prev = row.hash;
      expected++;
    }
  }

  const last = expected - 1;
  const head = options.head ?? null;
  if (head && head.seq === last && head.hash !== prev && last > 0) {
    return fail(
      last,
      'changed',
      `The last event (seq ${last}) does not have the hash the chain head records: it was changed and re-hashed`,
    );
  }
  if (head && head.seq < last) {
    return fail(
      head.seq + 1,
      'inserted',
      `Events after the recorded chain head (seq ${head.seq}) were added outside the service`,
    );
  }
  const beyond = kept.slice(nextKept).filter((k) => k.seq > last);
  if (beyond.length > 0 || (head && head.seq > last)) {
    const end = beyond.length > 0 ? beyond[beyond.length - 1] : null;
    const reasons = [
      ...(end ? [`${end.source} records seq ${end.seq}`] : []),
      ...(head && head.seq > last ? [`the chain head records seq ${head.seq}`] : []),
    ];
    return fail(
      last + 1,
      'truncated',
      `The chain ends at seq ${last}, but ${reasons.join(' and ')}: the events from seq ${last + 1} on were removed`,
    );
  }
  if (checkSignature && last > start.seq && options.requireSignedTail !== false) {
    // The recorded head's own signature covers a tail written before per-commit signatures existed.
    const headSigned =
      head?.signature && head.seq === last && head.hash === prev && checkSignature(head, head.signature);
    if (headSigned) signed = { seq: last, hash: prev };
    const covered = signed?.seq ?? start.seq;
    if (covered < last) {
      return fail(
        covered + 1,
        'forged',
        `The events from seq ${covered + 1} to ${last} are not covered by a valid signed head${badSignature !== null ? ` (the signature at seq ${badSignature} does not verify)` : ''}: they were appended or rewritten outside the service`,
      );
    }
  }
  if (badSignature !== null) {
    return fail(
      badSignature,
      'signature-invalid',
      (signed?.seq ?? 0) > badSignature
        ? `The head signature stored at seq ${badSignature} does not verify; the events are intact (a later signed head covers them)`
        : `The head signature stored at seq ${badSignature} does not verify`,
    );
  }

  return {
    ok: true,
    events: last - start.seq,
    head: { seq: last, hash: prev },
    signedHead: signed,
    keptHeads: kept.map((k) => ({ seq: k.seq, hash: k.hash })),
    signaturesChecked,
  };
}

interface Diagnosis {
  seq: number;
  kind: ChainFault;
  message: string;
}

/**
 * `row` is the first event that does not continue the verified chain, which ends at `expected - 1` with
 * hash `prev` (and whose last event links to `prevPrev`). Only runs once, at the failure, so it may read
 * the rest of the chain.
 */
async function diagnose(
  row: StoredEvent,
  expected: number,
  prev: string,
  prevPrev: string | null,
  rest: AsyncIterable<StoredEvent>,
): Promise<Diagnosis> {
  const k = expected;
  if (row.seq < k)
    return {
      seq: row.seq,
      kind: 'reordered',
      message: `Events are not in sequence order: seq ${row.seq} follows seq ${k - 1}`,
    };
  if (row.seq > k) {
    const missing = row.seq - k;
    return {
      seq: k,
      kind: 'deleted',
      message:
        missing === 1
          ? `The event at seq ${k} was deleted`
          : `The events at seq ${k} to ${row.seq - 1} were deleted`,
    };
  }
  // The original of the previous position continues one place down: the previous event was inserted
  // (with a valid hash) and everything after it renumbered.
  if (prevPrev !== null && row.prevHash === prevPrev && storedEventHash(row, prevPrev, k - 1) === row.hash) {
    return {
      seq: k - 1,
      kind: 'inserted',
      message: `The event at seq ${k - 1} was inserted: the original event of seq ${k - 1} now sits at seq ${k}`,
    };
  }
  // Where is the event that belongs at k (the one that links to `prev` and hashes at seq k)?
  for await (const later of rest) {
    if (later.prevHash === prev && storedEventHash(later, prev, k) === later.hash) {
      if (storedEventHash(row, row.prevHash, later.seq) === row.hash) {
        return {
          seq: k,
          kind: 'reordered',
          message: `The events at seq ${k} and seq ${later.seq} were swapped`,
        };
      }
      const shift = later.seq - k;
      return {
        seq: k,
        kind: 'inserted',
        message: `${shift === 1 ? 'An event was' : `${shift} events were`} inserted at seq ${k}: the original event of seq ${k} now sits at seq ${later.seq}`,
      };
    }
  }
  if (storedEventHash(row) === row.hash) {
    // The event is intact where it stands but links to a different predecessor: the predecessor was
    // rewritten together with its hash (or, at seq 1, the chain does not start from the genesis hash).
    if (k === 1)
      return { seq: 1, kind: 'changed', message: 'The first event does not link to the genesis hash' };
    return {
      seq: k - 1,
      kind: 'changed',
      message: `The event at seq ${k - 1} was changed and re-hashed: the event at seq ${k} links to a different predecessor`,
    };
  }
  if (storedEventHash(row, row.prevHash, k + 1) === row.hash) {
    return {
      seq: k,
      kind: 'deleted',
      message: `The event at seq ${k} was deleted and the later events renumbered`,
    };
  }
  return {
    seq: k,
    kind: 'changed',
    message: `The event at seq ${k} was changed: its content does not match its hash`,
  };
}

function toAsyncIterator(
  batches: Batches,
): AsyncIterator<readonly StoredEvent[]> | Iterator<readonly StoredEvent[]> {
  return Symbol.asyncIterator in batches
    ? (batches as AsyncIterable<readonly StoredEvent[]>)[Symbol.asyncIterator]()
    : (batches as Iterable<readonly StoredEvent[]>)[Symbol.iterator]();
}

async function* remaining(
  batch: readonly StoredEvent[],
  from: number,
  iterator: AsyncIterator<readonly StoredEvent[]> | Iterator<readonly StoredEvent[]>,
): AsyncIterable<StoredEvent> {
  for (let i = from; i < batch.length; i++) yield batch[i];
  for (;;) {
    const step = await iterator.next();
    if (step.done) return;
    yield* step.value;
  }
}
