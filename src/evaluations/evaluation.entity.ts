import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/** A case: an evaluation moving through its workflow. JSON parts are stored as text for portability. */
@Entity('evaluations')
@Index(['applicantCreditCode'])
@Index(['competentDepartment'])
@Index(['type', 'state'])
export class EvaluationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'applicant_name', type: 'varchar', length: 300 })
  applicantName: string;

  @Column({ name: 'applicant_credit_code', type: 'varchar', length: 18 })
  applicantCreditCode: string;

  @Column({ name: 'competent_department', type: 'varchar', length: 40 })
  competentDepartment: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 36 })
  submittedBy: string; // api key id

  @Column({ name: 'submitter_department', type: 'varchar', length: 40, nullable: true })
  submitterDepartment: string | null;

  @Column({ type: 'varchar', length: 40 })
  state: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'open' | 'closed';

  @Column({ type: 'varchar', length: 10 })
  level: string;

  @Column({ type: 'integer' })
  score: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  outcome: string | null;

  @Column({ name: 'workflow_hash', type: 'varchar', length: 64 })
  workflowHash: string;

  @Column({ name: 'rules_hash', type: 'varchar', length: 64 })
  rulesHash: string;

  @Column({ type: 'text' })
  applicant: string; // JSON

  @Column({ type: 'text' })
  facts: string; // JSON, the latest submitted facts

  @Column({ type: 'text' })
  decision: string; // JSON, the latest Decision

  @Column({ type: 'text' })
  snapshot: string; // JSON, xstate persisted snapshot

  @Column({ type: 'text' })
  conditions: string; // JSON string[]

  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

  /** The applicant agrees that a published key-field report may name the case (its title and applicant). */
  @Column({ name: 'publication_consent', type: 'boolean', default: false })
  publicationConsent: boolean;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  /** Optimistic version: every command updates WHERE version = the version it read. */
  @VersionColumn()
  version: number;
}
