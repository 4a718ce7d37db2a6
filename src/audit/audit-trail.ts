import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AuditEventEntity } from './audit-event.entity';
import { insertRows, Statements } from '../database/hot-sql';
import { canonicalJson, CanonicalJson } from './audit-hash';
import { storedEventHash } from './event-canonical';

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
export class AuditTrail {
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
   */
  async append(manager: EntityManager, actor: Principal, at: Date, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const payloads = records.map((r) =>
      r.payload instanceof CanonicalJson ? r.payload.text : canonicalJson(r.payload ?? {}),
    );
    const occurredAt = at.toISOString();
    let { seq, hash } = await this.lockHead(manager);
    const rows: AuditEventEntity[] = [];
    records.forEach((record, i) => {
      const row = Object.assign(new AuditEventEntity(), {
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
      } satisfies AuditEventEntity);
      row.hash = storedEventHash(row);
      rows.push(row);
      seq = row.seq;
      hash = row.hash;
    });
    const postgres = manager.connection.options.type === 'postgres';
    const setHead = `UPDATE audit_head SET seq = ${postgres ? '$1' : '?'}, hash = ${postgres ? '$2' : '?'} WHERE id = 1`;
    await Statements.together(manager, async (statements) => {
      statements.add(() => insertRows(manager, AuditEventEntity, rows));
      statements.add(() => manager.query(setHead, [seq, hash]));
    });
  }

  private async lockHead(manager: EntityManager): Promise<{ seq: number; hash: string }> {
    const postgres = manager.connection.options.type === 'postgres';
    const rows: { seq: number | string; hash: string }[] = await manager.query(
      `SELECT seq, hash FROM audit_head WHERE id = 1${postgres ? ' FOR UPDATE' : ''}`,
    );
    if (rows.length === 0) throw new Error('audit_head row missing: migrations have not run');
    return { seq: Number(rows[0].seq), hash: rows[0].hash };
  }
}
