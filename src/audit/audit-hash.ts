import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

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
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value cannot be canonicalised');
  return text;
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the event), hex. prevHash is the 64 hex characters. */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(event), 'utf8').digest('hex');
}
