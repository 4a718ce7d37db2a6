import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './audit-hash';
import type { ChainPosition, SignedCheckpoint } from './verify-chain';

export const CHECKPOINT_ALGORITHM = 'HMAC-SHA256';

/**
 * What a checkpoint signs: the canonical JSON of {hash, recordedAt, seq}, e.g.
 * `{"hash":"9f…","recordedAt":"2025-01-01T00:00:00.000Z","seq":42}`; the signature is the hex HMAC-SHA256 of
 * those bytes under IPR_AUDIT_HMAC_KEY.
 */
export function checkpointMessage(position: ChainPosition, recordedAt: string): string {
  return canonicalJson({ hash: position.hash, recordedAt, seq: position.seq });
}

export function signCheckpoint(key: Buffer, position: ChainPosition, recordedAt: string): SignedCheckpoint {
  const signature = createHmac('sha256', key)
    .update(checkpointMessage(position, recordedAt), 'utf8')
    .digest('hex');
  return { seq: position.seq, hash: position.hash, recordedAt, signature };
}

export function checkpointSignatureValid(key: Buffer, checkpoint: SignedCheckpoint): boolean {
  const expected = Buffer.from(signCheckpoint(key, checkpoint, checkpoint.recordedAt).signature, 'hex');
  const given = Buffer.from(checkpoint.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
