import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An instant risk assessment: kept and audited, but no workflow. */
@Entity('assessments')
@Index(['applicantCreditCode'])
export class AssessmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ name: 'applicant_credit_code', type: 'varchar', length: 18 })
  applicantCreditCode: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 36 })
  requestedBy: string;

  @Column({ name: 'rules_hash', type: 'varchar', length: 64 })
  rulesHash: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 30 })
  submittedAt: string;

  @Column({ type: 'text' })
  facts: string; // JSON, including the applicant

  @Column({ type: 'text' })
  decision: string; // JSON
}
