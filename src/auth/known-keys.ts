import { Injectable } from '@nestjs/common';

/** Far more keys than the service issues; the bound keeps memory flat whatever is presented. */
const CAPACITY = 10_000;

/**
 * Hashes of the keys that authenticated on this instance (the ApiKeyGuard adds them), so the rate limit
 * can tell a real key's requests from made-up ones without a database lookup. Only successful lookups get
 * in, so random secrets cannot grow it; oldest first out beyond the bound. A key revoked meanwhile stays
 * until it ages out: it is then counted against its own budget, and still refused by the guard.
 */
@Injectable()
export class KnownKeys {
  private readonly hashes = new Set<string>();

  has(keyHash: string): boolean {
    return this.hashes.has(keyHash);
  }

  add(keyHash: string): void {
    if (this.hashes.has(keyHash)) return;
    if (this.hashes.size >= CAPACITY) this.hashes.delete(this.hashes.values().next().value!);
    this.hashes.add(keyHash);
  }
}
