import { createHash } from 'node:crypto';
import { fastCanonicalJson } from './canonical-json';

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
 */
export class CanonicalJson {
  constructor(readonly text: string) {}

  static of(value: unknown): CanonicalJson {
    return new CanonicalJson(canonicalJson(value));
  }
}

/**
 * The canonical JSON of an object whose values may be CanonicalJson already: byte for byte
 * `canonicalJson` of the same object with those values in their place. As the `canonicalize` package
 * does: keys in code-unit order (Array.prototype.sort), members whose value is undefined left out, each key
 * written by JSON.stringify.
 */
export function canonicalObject(fields: Record<string, unknown>): CanonicalJson {
  let text = '';
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    if (value === undefined || typeof value === 'symbol') continue;
    text += `${text.length === 0 ? '' : ','}${JSON.stringify(key)}:${value instanceof CanonicalJson ? value.text : canonicalJson(value)}`;
  }
  return new CanonicalJson(`{${text}}`);
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the event), hex. prevHash is the 64 hex characters. */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(event), 'utf8').digest('hex');
}
