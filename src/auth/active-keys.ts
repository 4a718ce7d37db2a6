import type { Principal } from './principal';

/** Far more keys than the service issues; the bound keeps memory flat. */
const CAPACITY = 10_000;

/**
 * The principals of active keys by key hash, for a service that is the only writer of its key table (the
 * embedded SQLite file, which one process owns): every key row is written through this process, a key's
 * role, name and scope never change after it is issued, and revoking one forgets it here. So a cached
 * answer is the one the database would give, without the read on every request (one statement of the
 * five or six a request makes). Only keys that authenticated get in, so made-up secrets cannot grow it;
 * the oldest go first beyond the bound. Several instances on PostgreSQL share a key table any of them may
 * change: there every request reads the key row (ApiKeysService).
 */
export class ActiveKeys {
  private readonly byHash = new Map<string, Principal>();
  /** Counts the revocations begun and ended: a read that overlapped one is not kept. */
  private epoch = 0;

  get(keyHash: string): Principal | undefined {
    return this.byHash.get(keyHash);
  }

  /** To take before reading a key row, and give back to `add` with what the read found. */
  get readEpoch(): number {
    return this.epoch;
  }

  /**
   * Keeps what a read found, unless a revocation began or ended since the read began: the read may have
   * seen the row before the revocation committed, and its answer would outlive it.
   */
  add(keyHash: string, principal: Principal, readEpoch: number): void {
    if (readEpoch !== this.epoch) return;
    if (this.byHash.size >= CAPACITY) this.byHash.delete(this.byHash.keys().next().value!);
    this.byHash.set(keyHash, Object.freeze({ ...principal }));
  }

  /** Forgets the key with this id, which is being revoked. */
  forget(keyId: string): void {
    this.epoch += 1;
    for (const [hash, principal] of this.byHash) if (principal.keyId === keyId) this.byHash.delete(hash);
  }
}
