import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed chain head: the service records one periodically when the head moved. The signature (HMAC-SHA256,
 * checkpoint-signature.ts) lets a verifier notice a chain cut back to an earlier event, which the chain alone
 * cannot show. One row per sequence number: instances that sign the same head at once insert it once.
 */
@Entity('audit_checkpoints')
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  @Column({ type: 'varchar', length: 64 })
  signature: string;
}
