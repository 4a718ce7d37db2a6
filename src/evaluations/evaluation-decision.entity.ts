import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every decision a case received (at submission and after each resubmission), kept for replay. */
@Entity('evaluation_decisions')
export class EvaluationDecisionEntity {
  @PrimaryColumn({ name: 'evaluation_id', type: 'varchar', length: 36 })
  evaluationId: string;

  @PrimaryColumn({ type: 'integer' })
  round: number; // 1 at submission, +1 per resubmission

  @Column({ name: 'rules_hash', type: 'varchar', length: 64 })
  rulesHash: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 30 })
  submittedAt: string;

  @Column({ type: 'text' })
  facts: string; // JSON, including the applicant

  @Column({ type: 'text' })
  decision: string; // JSON
}
