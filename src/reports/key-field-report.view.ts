import type { KeyFieldScope } from './key-field-cases';
import type { KeyFieldFigures } from './key-field-figures';
import type { KeyFieldReportEntity } from './key-field-report.entity';
import type { KeyFieldStatus } from './key-field-workflow';

/** A key-field report as the IP office and the reviewing department see it (drafts included). */
export interface KeyFieldReportView {
  id: string;
  seriesId: string;
  edition: number;
  supersedesId: string | null;
  supersededById: string | null;
  field: string;
  title: string;
  body: string;
  scope: KeyFieldScope;
  competentDepartment: string;
  status: KeyFieldStatus;
  statusReason: string | null;
  figures: KeyFieldFigures | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  withdrawnAt: string | null;
  version: number;
}

export function toKeyFieldReportView(r: KeyFieldReportEntity): KeyFieldReportView {
  return {
    id: r.id,
    seriesId: r.seriesId,
    edition: r.edition,
    supersedesId: r.supersedesId,
    supersededById: r.supersededById,
    field: r.field,
    title: r.title,
    body: r.body,
    scope: JSON.parse(r.scope) as KeyFieldScope,
    competentDepartment: r.competentDepartment,
    status: r.status,
    statusReason: r.statusReason,
    figures: r.figures ? (JSON.parse(r.figures) as KeyFieldFigures) : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    publishedAt: r.publishedAt,
    withdrawnAt: r.withdrawnAt,
    version: r.rowVersion,
  };
}
