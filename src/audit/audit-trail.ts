import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AuditEventEntity } from './audit-event.entity';
import { AuditHeadEntity } from './audit-head.entity';
import { canonicalJson, ChainedEvent, chainHash } from './audit-hash';

/** What a service records; the trail adds sequence, time, actor and hashes. */
export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  caseId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * The decision trail: append-only by construction (ARCHITECTURE invariant 8): this class offers append
 * and nothing that changes or removes an event. Appends run inside the caller's transaction, so an event
 * commits with the change it records or not at all.
 */
@Injectable()
export class AuditTrail {
  /**
   * Appends events in order. The chain head row is locked first (FOR UPDATE on PostgreSQL; on SQLite the
   * unit of work already serialises writers), so concurrent transactions and several service instances
   * each extend the chain from the true head and sequence numbers stay gap-free.
   */
  async append(manager: EntityManager, actor: Principal, at: Date, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const head = await this.lockHead(manager);
    let { seq, hash } = head;
    const rows: AuditEventEntity[] = [];
    for (const record of records) {
      const event: ChainedEvent = {
        seq: seq + 1,
        occurredAt: at.toISOString(),
        actorId: actor.keyId,
        actorRole: actor.role,
        actorDepartment: actor.department,
        action: record.action,
        entityType: record.entityType,
        entityId: record.entityId,
        caseId: record.caseId ?? null,
        fromState: record.fromState ?? null,
        toState: record.toState ?? null,
        payload: record.payload ?? {},
      };
      const next = chainHash(hash, event);
      rows.push(manager.create(AuditEventEntity, { ...event, payload: canonicalJson(event.payload), prevHash: hash, hash: next }));
      seq = event.seq;
      hash = next;
    }
    await manager.insert(AuditEventEntity, rows);
    await manager.update(AuditHeadEntity, { id: 1 }, { seq, hash });
  }

  private async lockHead(manager: EntityManager): Promise<AuditHeadEntity> {
    const query = manager.createQueryBuilder(AuditHeadEntity, 'head').where('head.id = 1');
    if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    const head = await query.getOne();
    if (!head) throw new Error('audit_head row missing: migrations have not run');
    return head;
  }
}
