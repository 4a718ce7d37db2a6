import * as crypto from 'node:crypto';
import { textOf } from '../common/utf8-text';

/** crypto.hash (Node >= 20.12) hashes a string in one call, about twice as fast as createHash for small input. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * An audit event as stored: the hashed fields, with `payload` already in RFC 8785 canonical JSON text,
 * plus the two hashes. AuditEventEntity has this shape; so do the rows the chain reader streams. The
 * verifier also takes the payload as its UTF-8 bytes (`Payload`), which is how the SQLite reader hands over
 * large payloads: a 20 kB decision then never becomes a JavaScript string only to be encoded back.
 */
export type Payload = string | Uint8Array;

export interface StoredEvent<P extends Payload = string> {
  seq: number;
  occurredAt: string;
  actorId: string;
  actorRole: string;
  actorDepartment: string | null;
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  fromState: string | null;
  toState: string | null;
  payload: P; // canonical JSON
  prevHash: string;
  hash: string;
  /**
   * Not hashed: the Ed25519 signature of the chain head at this event (signed-head.ts), on the last event of
   * each commit; null or absent elsewhere.
   */
  headSignature?: string | null;
}

/** A string as RFC 8785 (and JSON.stringify) writes it. */
const str = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));
/** The same for a string known to need no escape. */
const plain = (value: string | null): string => (value === null ? 'null' : `"${value}"`);
// eslint-disable-next-line no-control-regex -- control characters are exactly what needs escaping
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const needsEscape = (value: string | null): boolean => value !== null && NEEDS_ESCAPE.test(value);

/**
 * The canonical JSON of a stored event (everything but its hashes), built without parsing the payload.
 *
 * RFC 8785 sorts keys and writes strings exactly as ECMAScript JSON.stringify does, and an integer as its
 * decimal digits. The keys of the hashed event are fixed, so their order is fixed too (written out below);
 * the payload is stored as canonical text already, so it is spliced in as is. The result is byte for byte
 * `canonicalize(event)` (a unit test holds the two together), and verification never re-canonicalises a
 * payload, which is what makes it fast.
 *
 * `seq` is a parameter so a verifier can ask "would this row hash right at another position?" when it
 * classifies what went wrong.
 */
export function canonicalEventText(e: StoredEvent<Payload>, seq: number = e.seq): string {
  return `${head(e)}${textOf(e.payload)}${tail(e, seq)}`;
}

/** What comes before the payload: the fields from "action" to "occurredAt", in key order. */
function head(e: StoredEvent<Payload>): string {
  // Ids, roles, actions, states and times almost never need an escape, and a regex test costs less than
  // JSON.stringify, which matters at 200,000 events/s. If any field needs one, every field is escaped.
  const q =
    needsEscape(e.action) ||
    needsEscape(e.actorDepartment) ||
    needsEscape(e.actorId) ||
    needsEscape(e.actorRole) ||
    needsEscape(e.caseId) ||
    needsEscape(e.entityId) ||
    needsEscape(e.entityType) ||
    needsEscape(e.fromState) ||
    needsEscape(e.occurredAt)
      ? str
      : plain;
  return (
    `{"action":${q(e.action)},"actorDepartment":${q(e.actorDepartment)},"actorId":${q(e.actorId)}` +
    `,"actorRole":${q(e.actorRole)},"caseId":${q(e.caseId)},"entityId":${q(e.entityId)}` +
    `,"entityType":${q(e.entityType)},"fromState":${q(e.fromState)},"occurredAt":${q(e.occurredAt)},"payload":`
  );
}

/** What comes after the payload. */
function tail(e: StoredEvent<Payload>, seq: number): string {
  return `,"seq":${seq},"toState":${str(e.toState)}}`;
}

/** Above this payload length, hashing in parts beats building (and copying) one string. */
export const LARGE_PAYLOAD = 2048;

/** SHA-256 (hex) of prevHash (64 hex characters) followed by the event's canonical JSON, both UTF-8. */
export function storedEventHash(
  e: StoredEvent<Payload>,
  prevHash: string = e.prevHash,
  seq: number = e.seq,
): string {
  const payload = e.payload;
  if (typeof payload === 'string' && payload.length < LARGE_PAYLOAD)
    return sha256Hex(prevHash + head(e) + payload + tail(e, seq));
  const hash = crypto.createHash('sha256').update(prevHash + head(e), 'utf8');
  if (typeof payload === 'string') hash.update(payload, 'utf8');
  else hash.update(payload);
  return hash.update(tail(e, seq), 'utf8').digest('hex');
}

/**
 * One line of an NDJSON export: the stored event with its hashes, as canonical JSON itself (sorted keys:
 * `hash`, `headSignature` and `prevHash` fall between the event's fields). Removing `hash`, `headSignature`
 * (present on the last event of each commit only) and `prevHash` from the parsed line and canonicalising
 * the rest gives exactly the text that was hashed.
 */
export function exportLine(e: StoredEvent<Payload>): string {
  const signature = e.headSignature ? `,"headSignature":${str(e.headSignature)}` : '';
  return (
    `{"action":${str(e.action)},"actorDepartment":${str(e.actorDepartment)},"actorId":${str(e.actorId)}` +
    `,"actorRole":${str(e.actorRole)},"caseId":${str(e.caseId)},"entityId":${str(e.entityId)}` +
    `,"entityType":${str(e.entityType)},"fromState":${str(e.fromState)},"hash":${str(e.hash)}${signature}` +
    `,"occurredAt":${str(e.occurredAt)},"payload":${textOf(e.payload)},"prevHash":${str(e.prevHash)}` +
    `,"seq":${e.seq},"toState":${str(e.toState)}}`
  );
}
