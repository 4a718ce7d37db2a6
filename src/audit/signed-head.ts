import { sign, verify, type KeyObject } from 'node:crypto';
import type { ChainPosition } from './verify-chain';

export const HEAD_SIGNATURE_ALGORITHM = 'Ed25519';

/** A chain position with its signature. */
export interface SignedHead extends ChainPosition {
  /** `<keyId>:<base64 Ed25519 signature>` of headMessage(seq, hash). */
  signature: string;
}

/**
 * The bytes a signed head signs: `ipr-audit-head/1 <seq> <hash>` in ASCII, e.g.
 * `ipr-audit-head/1 42 9f86d0…`. The prefix keeps a head signature from being mistaken for any other
 * message the key might ever sign.
 */
export function headMessage(position: ChainPosition): Buffer {
  return Buffer.from(`ipr-audit-head/1 ${position.seq} ${position.hash}`, 'ascii');
}

/** About 50 µs: cheap enough to sign at every commit. */
export function signHead(privateKey: KeyObject, keyId: string, position: ChainPosition): string {
  return `${keyId}:${sign(null, headMessage(position), privateKey).toString('base64')}`;
}

/** True when `signature` is a valid signature of `position` by one of the `trusted` keys (by keyId). */
export function headSignatureValid(
  trusted: ReadonlyMap<string, KeyObject>,
  position: ChainPosition,
  signature: string,
): boolean {
  const colon = signature.indexOf(':');
  const key = colon > 0 ? trusted.get(signature.slice(0, colon)) : undefined;
  if (!key) return false;
  const bytes = Buffer.from(signature.slice(colon + 1), 'base64');
  return bytes.length === 64 && verify(null, headMessage(position), key, bytes);
}
