import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The chain head: one row (id 1). Appends lock it (SELECT ... FOR UPDATE on PostgreSQL) so that
 * several service instances extend the chain one after another, never from the same predecessor.
 */
@Entity('audit_head')
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** The Ed25519 signature of (seq, hash), written with them (null only before the first signed commit). */
  @Column({ type: 'varchar', length: 120, nullable: true })
  signature: string | null;
}
