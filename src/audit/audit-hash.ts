import { createHash } from 'node:crypto';
import { fastCanonicalJson } from './canonical-json';
import { textOf } from '../common/utf8-text';

/** The part of an audit event that its hash covers: everything but the hashes themselves. */
export interface ChainedEvent {
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
  payload: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON: the same event always serialises to the same bytes, on any machine. */
export function canonicalJson(value: unknown): string {
  const text = fastCanonicalJson(value);
  if (text === undefined) throw new Error('Value cannot be canonicalised');
  return text;
}

/**
 * Canonical JSON text computed ahead of time, e.g. before a command takes the write lock, to be placed in
 * an audit payload as is. A facts object or a Decision is canonicalised once this way, however many
 * payloads it appears in.
 *
 * It holds the text as a string, or as its UTF-8 bytes (`content`): a decision (~20 kB, ~40 kB as a
 * JavaScript string, since its Chinese reasons make V8 keep it as UTF-16) comes from the decision thread as
 * bytes and is hashed, bound to its rows and spliced into the answer as bytes, off the JavaScript heap.
 * As a string it was copied at each of those steps, and the copies lived through the wait for the writer,
 * for the garbage collector to move and trace (docs/architecture.md, "How a command flows").
 */
export class CanonicalJson {
  private decoded: string | null;

  constructor(readonly content: string | Uint8Array) {
    this.decoded = typeof content === 'string' ? content : null;
  }

  /** The text, decoded from the bytes the first time a reader needs it as a string (to parse it, say). */
  get text(): string {
    return (this.decoded ??= textOf(this.content));
  }

  static of(value: unknown): CanonicalJson {
    return new CanonicalJson(canonicalJson(value));
  }
}

/**
 * The canonical JSON of an object whose values may be CanonicalJson already: byte for byte
 * `canonicalJson` of the same object with those values in their place. As the `canonicalize` package
 * does: keys in code-unit order (Array.prototype.sort), members whose value is undefined left out, each key
 * written by JSON.stringify. Bytes if any of those values is held as bytes (the text around them is
 * encoded and the parts joined once), else a string.
 */
export function canonicalObject(fields: Record<string, unknown>): CanonicalJson {
  const parts: (string | Uint8Array)[] = [];
  let text = '{';
  let first = true;
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    if (value === undefined || typeof value === 'symbol') continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    const content = value instanceof CanonicalJson ? value.content : canonicalJson(value);
    if (typeof content === 'string') {
      text += content;
    } else {
      parts.push(text, content);
      text = '';
    }
  }
  text += '}';
  if (parts.length === 0) return new CanonicalJson(text);
  parts.push(text);
  return new CanonicalJson(
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))),
  );
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the event), hex. prevHash is the 64 hex characters. */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(event), 'utf8').digest('hex');
}
