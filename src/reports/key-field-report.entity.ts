import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import type { KeyFieldStatus } from './key-field-workflow';

/**
 * A key-field report (重点领域知识产权评议报告): the IP office's editorial text plus figures drawn from the
 * archived evaluations of one field, frozen when it is put up for review, so the department approves
 * exactly what will be published. A corrected version is a new row in the same series that supersedes
 * the published one.
 */
@Entity('key_field_reports')
@Index(['status', 'publishedAt'])
@Index(['seriesId'])
export class KeyFieldReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'series_id', type: 'varchar', length: 36 })
  seriesId: string;

  @Column({ name: 'edition', type: 'integer' })
  edition: number; // 1, then +1 for each corrected version

  @Column({ name: 'supersedes_id', type: 'varchar', length: 36, nullable: true })
  supersedesId: string | null;

  @Column({ name: 'superseded_by_id', type: 'varchar', length: 36, nullable: true })
  supersededById: string | null;

  @Column({ type: 'varchar', length: 200 })
  field: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string; // the editorial text, paragraphs separated by blank lines

  @Column({ type: 'text' })
  scope: string; // JSON KeyFieldScope

  @Column({ name: 'competent_department', type: 'varchar', length: 40 })
  competentDepartment: string;

  @Column({ type: 'varchar', length: 20 })
  status: KeyFieldStatus;

  @Column({ type: 'text', nullable: true })
  figures: string | null; // JSON KeyFieldFigures, frozen at submission

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  @Column({ name: 'published_at', type: 'varchar', length: 30, nullable: true })
  publishedAt: string | null;

  @Column({ name: 'withdrawn_at', type: 'varchar', length: 30, nullable: true })
  withdrawnAt: string | null;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null; // why it was returned or withdrawn

  @VersionColumn({ name: 'row_version' })
  rowVersion: number;
}
