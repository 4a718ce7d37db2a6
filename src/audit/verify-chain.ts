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
 * - truncated: the chain ends before the recorded chain head or before a signed checkpoint;
 * - rewritten: everything hashes, but not to the hash a signed checkpoint recorded for its sequence
 *              (the chain was recomputed from some point on);
 * - checkpoint-invalid: a checkpoint's signature does not verify with the configured key.
 *
 * The first bad sequence number is exact for every kind except `rewritten`, where it is the first event
 * after the last checkpoint that still matched. The kind is a diagnosis from what the damage looks like.
 */
import { GENESIS_HASH } from './audit-hash';
import { storedEventHash, type Payload, type StoredEvent as StoredEventOf } from './event-canonical';

type StoredEvent = StoredEventOf<Payload>;

export interface ChainPosition {
  seq: number;
  hash: string;
}

/** A recorded chain head with its signature (HMAC-SHA256, see checkpoint-signature.ts). */
export interface SignedCheckpoint extends ChainPosition {
  recordedAt: string;
  signature: string;
}

export type ChainFault =
  'changed' | 'deleted' | 'inserted' | 'reordered' | 'truncated' | 'rewritten' | 'checkpoint-invalid';

export interface VerifyOk {
  ok: true;
  events: number;
  head: ChainPosition;
  /** The latest checkpoint the chain was checked against (null when there is none yet). */
  checkpoint: { seq: number; hash: string; recordedAt: string } | null;
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
  head?: ChainPosition | null;
  /** Signed checkpoints, in any order. */
  checkpoints?: readonly SignedCheckpoint[];
  /** Checks a checkpoint's signature; without it signatures are not checked (and the result says so). */
  checkSignature?: (checkpoint: SignedCheckpoint) => boolean;
}

type Batches = AsyncIterable<readonly StoredEvent[]> | Iterable<readonly StoredEvent[]>;

export async function verifyChain(batches: Batches, options: VerifyOptions = {}): Promise<VerifyResult> {
  const checkpoints = [...(options.checkpoints ?? [])].sort((a, b) => a.seq - b.seq);
  const checkSignature = options.checkSignature;
  const signaturesChecked = checkSignature !== undefined;
  const signatureOk = (cp: SignedCheckpoint) => !checkSignature || checkSignature(cp);
  const fail = (seq: number, kind: ChainFault, message: string): VerifyFailure => ({
    ok: false,
    seq,
    kind,
    message,
    events: expected - 1,
    signaturesChecked,
  });

  let expected = 1;
  let prev = GENESIS_HASH;
  let prevPrev: string | null = null;
  let nextCheckpoint = 0;
  let confirmed: SignedCheckpoint | null = null;

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
      while (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint].seq <= row.seq) {
        const cp = checkpoints[nextCheckpoint++];
        if (!signatureOk(cp))
          return fail(
            cp.seq,
            'checkpoint-invalid',
            `The checkpoint at seq ${cp.seq} (${cp.recordedAt}) has an invalid signature`,
          );
        if (cp.seq === row.seq && cp.hash !== row.hash) {
          const from = (confirmed?.seq ?? 0) + 1;
          return fail(
            from,
            'rewritten',
            `The events from seq ${from} to ${cp.seq} were rewritten and re-hashed: the hash at seq ${cp.seq} is not the one signed at ${cp.recordedAt}`,
          );
        }
        if (cp.seq === row.seq) confirmed = cp;
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
  const beyond = checkpoints.slice(nextCheckpoint).filter((cp) => cp.seq > last);
  const forged = beyond.find((cp) => !signatureOk(cp));
  if (forged)
    return fail(
      forged.seq,
      'checkpoint-invalid',
      `The checkpoint at seq ${forged.seq} (${forged.recordedAt}) has an invalid signature`,
    );
  const signedEnd = beyond.length > 0 ? beyond[beyond.length - 1] : null;
  if (signedEnd || (head && head.seq > last)) {
    const reasons = [
      ...(signedEnd ? [`a checkpoint signed at ${signedEnd.recordedAt} records seq ${signedEnd.seq}`] : []),
      ...(head && head.seq > last ? [`the chain head records seq ${head.seq}`] : []),
    ];
    return fail(
      last + 1,
      'truncated',
      `The chain ends at seq ${last}, but ${reasons.join(' and ')}: the events from seq ${last + 1} on were removed`,
    );
  }

  return {
    ok: true,
    events: last,
    head: { seq: last, hash: prev },
    checkpoint: confirmed
      ? { seq: confirmed.seq, hash: confirmed.hash, recordedAt: confirmed.recordedAt }
      : null,
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
