import type { AuditEventEntity } from './audit-event.entity';

/** An audit event as auditors read it, with its place in the chain. */
export interface AuditEventView {
  seq: number;
  occurredAt: string;
  actor: { id: string; role: string; department: string | null };
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  fromState: string | null;
  toState: string | null;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export function toAuditEventView(e: AuditEventEntity): AuditEventView {
  return {
    seq: e.seq,
    occurredAt: e.occurredAt,
    actor: { id: e.actorId, role: e.actorRole, department: e.actorDepartment },
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    caseId: e.caseId,
    fromState: e.fromState,
    toState: e.toState,
    payload: JSON.parse(e.payload),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
