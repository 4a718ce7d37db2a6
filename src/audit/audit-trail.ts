import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RunAgain, type SharedCommit } from '../database/shared-commit';
import { UnitOfWork } from '../database/unit-of-work';
import type { Principal } from '../auth/principal';
import { AuditEventEntity } from './audit-event.entity';
import { insertRows, Statements } from '../database/hot-sql';
import { canonicalJson, CanonicalJson } from './audit-hash';
import { AuditWitness } from './audit-witness';
import { type Payload, type StoredEvent, storedEventHash } from './event-canonical';
import { HEAD_SIGNING_KEY, type HeadSigningKey } from './head-signing-key';
import { signHead, type SignedHead } from './signed-head';

/** What a service records; the trail adds sequence, time, actor and hashes. */
export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  caseId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  /** An object, or its canonical JSON computed ahead (CanonicalJson.of, canonicalObject). */
  payload?: Record<string, unknown> | CanonicalJson;
}

/**
 * The decision trail: append-only by construction (docs/architecture.md invariant 8): this class offers append
 * and nothing that changes or removes an event. Appends run inside the caller's transaction, so an event
 * commits with the change it records or not at all.
 */
@Injectable()
export class AuditTrail implements OnApplicationBootstrap {
  /** The head each shared commit signed, handed to the witness once it has committed. */
  private readonly signedBy = new WeakMap<SharedCommit, SignedHead>();
  /** Shared commits whose events were appended unsigned, by commands that did not close them. */
  private readonly unsigned = new WeakSet<SharedCommit>();
  /**
   * On SQLite, the head each shared commit's last append left, and the commit's rollback count then: the
   * next command of the same commit extends it without reading it again (the writer's lock keeps every
   * other writer out), unless a command was rolled back since, which may have taken that head with it.
   */
  private readonly headOf = new WeakMap<SharedCommit, { seq: number; hash: string; rollbacks: number }>();
  /**
   * On SQLite, the head the last commit left (null until one appended, or after the head row was found
   * moved): the first command of the next commit extends it without reading the row, one round trip on
   * the writer fewer per commit. Its write of the head row only applies if the row still holds this head
   * (`setHead`); if it does not (someone changed the file behind the service), the command runs again and
   * reads the row.
   */
  private committedHead: { seq: number; hash: string } | null = null;

  constructor(
    @Inject(HEAD_SIGNING_KEY) private readonly key: HeadSigningKey,
    witness: AuditWitness,
    private readonly uow: UnitOfWork,
  ) {
    uow.beforeCommit((commit) => this.closeCommit(commit));
    uow.onCommitted((commit) => {
      const head = this.signedBy.get(commit);
      if (head) witness.committed(head);
      // Unknown after a command was rolled back to its savepoint since the last append: that append may
      // have been its own. The next commit then reads the row.
      const left = this.headOf.get(commit);
      if (left && left.rollbacks === commit.rollbacks)
        this.committedHead = { seq: left.seq, hash: left.hash };
      else if (left) this.committedHead = null;
    });
  }

  /**
   * Appends events in order. Each payload is canonicalised once (those given as CanonicalJson not at all)
   * before the chain head row is locked (FOR UPDATE on PostgreSQL; on SQLite the unit of work already
   * serialises writers), so concurrent transactions and several service instances each extend the chain
   * from the true head and sequence numbers stay gap-free, holding the head no longer than it takes to hash.
   *
   * The hash is SHA-256(prevHash ‖ canonical JSON of the event) with the payload's canonical text spliced
   * into the event's (storedEventHash, the verifier's own function): byte for byte what canonicalising the
   * whole event would hash (verify-chain.spec.ts holds the two together), without canonicalising the payload
   * a second time.
   *
   * The new head is signed (Ed25519, signed-head.ts) once per commit, by the command that closes it, here,
   * before the commit, inside the transaction: the signature is stored on the last appended event and beside
   * the head in the same statements that write them, so a signed head commits with its events or not at all,
   * at no extra round trip. Every commit therefore ends on a signed event. The commands before it in a
   * group commit (unit-of-work.ts) append unsigned; if the closing command appends nothing, or fails and is
   * rolled back to its savepoint, closeCommit signs the head before the COMMIT instead.
   */
  async append(manager: EntityManager, actor: Principal, at: Date, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    // Computed ahead, a payload is taken as it is, a string or UTF-8 bytes (a decision's): hashed and bound
    // as such.
    const payloads = records.map((r) =>
      r.payload instanceof CanonicalJson ? r.payload.content : canonicalJson(r.payload ?? {}),
    );
    const occurredAt = at.toISOString();
    const commit = this.uow.commitOf(manager);
    const postgres = manager.connection.options.type === 'postgres';
    const known = postgres ? undefined : this.headOf.get(commit);
    const inCommit = known && known.rollbacks === commit.rollbacks ? known : null;
    // The last commit's head, unread, is only taken by a commit's first append on SQLite, and checked as it
    // is written; a head read here, or extended within this transaction, needs no check. After a rollback
    // to a savepoint the head in this transaction is unknown: read.
    const unread = known || postgres ? null : this.committedHead;
    const start = inCommit ?? unread ?? (await this.lockHead(manager));
    let { seq, hash } = start;
    const rows: (StoredEvent<Payload> & { headSignature: string | null })[] = [];
    records.forEach((record, i) => {
      const row: (typeof rows)[number] = {
        seq: seq + 1,
        occurredAt,
        actorId: actor.keyId,
        actorRole: actor.role,
        actorDepartment: actor.department,
        action: record.action,
        entityType: record.entityType,
        entityId: record.entityId,
        caseId: record.caseId ?? null,
        fromState: record.fromState ?? null,
        toState: record.toState ?? null,
        payload: payloads[i],
        prevHash: hash,
        hash: '',
        headSignature: null,
      };
      row.hash = storedEventHash(row);
      rows.push(row);
      seq = row.seq;
      hash = row.hash;
    });
    if (!postgres) this.headOf.set(commit, { seq, hash, rollbacks: commit.rollbacks });
    const signature = commit.closingCommand
      ? signHead(this.key.privateKey!, this.key.current.keyId, { seq, hash })
      : null;
    rows[rows.length - 1].headSignature = signature;
    await Statements.together(manager, async (statements) => {
      // The head first: if it moved, that is the error to report (RunAgain), not the clash of sequence
      // numbers it implies for the events.
      statements.add(() => this.setHead(manager, { seq, hash, signature }, unread));
      statements.add(() => insertRows(manager, AuditEventEntity, rows));
    });
    if (signature) this.signedBy.set(commit, { seq, hash, signature });
    else this.unsigned.add(commit);
  }

  /**
   * Before a COMMIT: if its head may be unsigned (events appended by a command that did not close the
   * commit, and the closing one appended nothing or was rolled back), sign it, on the head row and on the
   * event at the head, so that this commit too ends on a signed event.
   */
  private async closeCommit(commit: SharedCommit): Promise<void> {
    if (commit.lastCommandRolledBack) this.signedBy.delete(commit); // what it signed is not committed
    if (!this.unsigned.has(commit) || this.signedBy.has(commit)) return;
    // Null when the unsigned appends were all rolled back: the head is then an earlier commit's, signed.
    const signed = await this.signUnsignedHead(commit.manager, true);
    if (signed) this.signedBy.set(commit, signed);
  }

  /**
   * A chain written before heads were signed ends on an unsigned head: sign it once, at the first start, so
   * that verification covers the events already there (they are vouched for by this service's first
   * signature, no more: whatever happened to them before this start is what the chain itself shows). The
   * events themselves stay as they were written.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.uow.write((m) => this.signUnsignedHead(m, false));
  }

  /**
   * Signs the head if it is not signed yet (and not the empty chain's): on the head row, and with `onEvent`
   * on the event at the head too (an event this same transaction appended). Null when there was nothing to sign.
   */
  private async signUnsignedHead(m: EntityManager, onEvent: boolean): Promise<SignedHead | null> {
    const { seq, hash, signature: kept } = await this.lockHead(m);
    if (seq === 0 || kept) return null;
    const signature = signHead(this.key.privateKey!, this.key.current.keyId, { seq, hash });
    const [first, second] = m.connection.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    await m.query(`UPDATE audit_head SET signature = ${first} WHERE id = 1`, [signature]);
    if (onEvent)
      await m.query(`UPDATE audit_events SET head_signature = ${first} WHERE seq = ${second}`, [
        signature,
        seq,
      ]);
    return { seq, hash, signature };
  }

  /** The current head, signed; the empty chain's head (seq 0, the genesis hash) is signed on request. */
  async signedHead(manager: EntityManager): Promise<SignedHead> {
    const rows: { seq: number | string; hash: string; signature: string | null }[] = await manager.query(
      'SELECT seq, hash, signature FROM audit_head WHERE id = 1',
    );
    if (rows.length === 0) throw new Error('audit_head row missing: migrations have not run');
    const position = { seq: Number(rows[0].seq), hash: rows[0].hash };
    return {
      ...position,
      signature: rows[0].signature ?? signHead(this.key.privateKey!, this.key.current.keyId, position),
    };
  }

  /**
   * Writes the new head. `expected`: the head the row must still hold (the last commit's, not read in this
   * transaction); when it does not, nothing was written for it, and the command runs again, reading the row.
   */
  private async setHead(
    manager: EntityManager,
    head: { seq: number; hash: string; signature: string | null },
    expected: { seq: number; hash: string } | null,
  ): Promise<void> {
    const values = [head.seq, head.hash, head.signature];
    if (manager.connection.options.type === 'postgres') {
      await manager.query('UPDATE audit_head SET seq = $1, hash = $2, signature = $3 WHERE id = 1', values);
      return;
    }
    if (!expected) {
      await manager.query('UPDATE audit_head SET seq = ?, hash = ?, signature = ? WHERE id = 1', values);
      return;
    }
    const result = await manager.queryRunner!.query(
      'UPDATE audit_head SET seq = ?, hash = ?, signature = ? WHERE id = 1 AND seq = ? AND hash = ?',
      [...values, expected.seq, expected.hash],
      true,
    );
    if (result.affected === 1) return;
    this.committedHead = null;
    throw new RunAgain('The audit head row is not the one the last commit left; it is read again');
  }

  private async lockHead(
    manager: EntityManager,
  ): Promise<{ seq: number; hash: string; signature: string | null }> {
    const postgres = manager.connection.options.type === 'postgres';
    const rows: { seq: number | string; hash: string; signature: string | null }[] = await manager.query(
      `SELECT seq, hash, signature FROM audit_head WHERE id = 1${postgres ? ' FOR UPDATE' : ''}`,
    );
    if (rows.length === 0) throw new Error('audit_head row missing: migrations have not run');
    return { seq: Number(rows[0].seq), hash: rows[0].hash, signature: rows[0].signature };
  }
}
