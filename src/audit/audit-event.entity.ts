import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One link of the decision trail. `seq` is gap-free; `hash = SHA-256(prevHash || canonical JSON of the
 * event)`. Written only through AuditTrail.append (append-only by construction).
 */
@Entity('audit_events')
@Index(['caseId', 'seq'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'occurred_at', type: 'varchar', length: 30 })
  occurredAt: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole: string;

  @Column({ name: 'actor_department', type: 'varchar', length: 40, nullable: true })
  actorDepartment: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 30 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 36 })
  entityId: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36, nullable: true })
  caseId: string | null;

  @Column({ name: 'from_state', type: 'varchar', length: 40, nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 40, nullable: true })
  toState: string | null;

  @Column({ type: 'text' })
  payload: string; // canonical JSON

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** Not hashed: the Ed25519 signed head on the last event of each commit (signed-head.ts), else null. */
  @Column({ name: 'head_signature', type: 'varchar', length: 120, nullable: true })
  headSignature: string | null;
}
