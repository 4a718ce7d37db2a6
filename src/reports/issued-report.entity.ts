import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A report that was issued: its SHA-256 and what it reports on. The `report.issued` event at `auditSeq`
 * in the chain is the proof; this row only finds that event by hash without scanning the trail.
 */
@Entity('issued_reports')
@Index(['subjectId'])
export class IssuedReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 20 })
  kind: 'evaluation' | 'assessment' | 'key-field';

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  @Column({ name: 'report_version', type: 'integer' })
  reportVersion: number;

  @Column({ type: 'varchar', length: 5 })
  lang: string;

  @Column({ type: 'boolean' })
  interim: boolean;

  @Column({ name: 'audit_seq', type: 'integer' })
  auditSeq: number;

  @Column({ name: 'issued_at', type: 'varchar', length: 30 })
  issuedAt: string;
}
