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
  snapshot: string; // JSON, xstate persisted snapshot

  @Column({ type: 'text' })
  conditions: string; // JSON string[]

  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

  /** The applicant agrees that a published key-field report may name the case (its title and applicant). */
  @Column({ name: 'publication_consent', type: 'boolean', default: false })
  publicationConsent: boolean;

  /**
   * The report the case waits for between phases (a type assessed in phases), copied from the workflow
   * context when it changes, with its deadline times and the scheduler's claims on them (as on tasks:
   * UPDATE ... WHERE report_reminded_at IS NULL, so each notice is sent once). reportId names the awaited
   * report in notices; a new wait gets a new id and fresh claims. All null when the case waits for none.
   */
  @Column({ name: 'awaiting_phase', type: 'varchar', length: 40, nullable: true })
  awaitingPhase?: string | null;

  @Column({ name: 'awaiting_due_on', type: 'varchar', length: 10, nullable: true })
  awaitingDueOn?: string | null;

  @Column({ name: 'report_id', type: 'varchar', length: 36, nullable: true })
  reportId?: string | null;

  @Column({ name: 'report_remind_at', type: 'varchar', length: 30, nullable: true })
  reportRemindAt?: string | null;

  @Column({ name: 'report_overdue_at', type: 'varchar', length: 30, nullable: true })
  reportOverdueAt?: string | null;

  @Column({ name: 'report_reminded_at', type: 'varchar', length: 30, nullable: true })
  reportRemindedAt?: string | null;

  @Column({ name: 'report_overdue_noticed_at', type: 'varchar', length: 30, nullable: true })
  reportOverdueNoticedAt?: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  /** Optimistic version: every command updates WHERE version = the version it read. */
  @VersionColumn()
  version: number;
}
