import { createHash, randomBytes } from 'node:crypto';

/**
 * Keys are 32 random bytes, base64url, behind a recognisable prefix (so a leaked key is easy to spot in
 * logs and scanners). They carry full entropy, so a plain SHA-256 is the right hash: a slow password hash
 * would only slow down every request without making a 256-bit secret any harder to guess.
 */
export function newKeySecret(): string {
  return `ipr_${randomBytes(32).toString('base64url')}`;
}

export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
