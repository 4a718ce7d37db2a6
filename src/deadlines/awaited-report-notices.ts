import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { dayOf, endOfChinaDay } from '../calendar/working-days';
import { DefinitionsService } from '../definitions/definitions.service';
import { EvaluationEntity } from '../evaluations/evaluation.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { reportOverdueMessage, reportReminderMessage, type ReportNoticeSubject } from './deadline-notices';
import { awaitedReportsOf } from './report-deadlines';
import { SCHEDULER_PRINCIPAL } from './scheduler-principal';

/** A reminder before the report is due (催交), or the notice that it is overdue (逾期未交, an escalation). */
export type ReportNoticeKind = 'reminder' | 'escalation';

/** Per kind: the column holding when the notice is due, and the column of the claim on it. */
const COLUMNS = {
  reminder: { at: 'report_remind_at', claimed: 'report_reminded_at', field: 'reportRemindedAt' },
  escalation: {
    at: 'report_overdue_at',
    claimed: 'report_overdue_noticed_at',
    field: 'reportOverdueNoticedAt',
  },
} as const;

/**
 * Notices about the report a case waits for between phases (src/deadlines/report-deadlines.ts), to the
 * case's competent department, which chases the undertaker. Claimed exactly once like task deadlines
 * (DeadlineScheduler): `UPDATE evaluations SET report_reminded_at = now WHERE id = ? AND report_id = ? AND
 * report_reminded_at IS NULL`, in the transaction that writes the notice and the audit event. The report
 * id in the WHERE makes a claim on a wait the case has left (its report submitted meanwhile) take nothing.
 * The case's version is not changed: a notice is no command on the case.
 */
@Injectable()
export class AwaitedReportNotices {
  constructor(
    private readonly audit: AuditTrail,
    private readonly definitions: DefinitionsService,
  ) {}

  /** Ids of open cases whose report notice of this kind is due at `now` and not yet claimed. */
  async dueCaseIds(m: EntityManager, kind: ReportNoticeKind, now: Date, batch: number): Promise<string[]> {
    const { at, claimed } = COLUMNS[kind];
    const rows = await m
      .createQueryBuilder(EvaluationEntity, 'e')
      .select('e.id', 'id')
      .where(
        `e.status = 'open' AND e.report_id IS NOT NULL AND e.${at} IS NOT NULL AND e.${at} <= :now AND e.${claimed} IS NULL`,
        { now: now.toISOString() },
      )
      .orderBy(`e.${at}`, 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(batch)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Claims the notice and writes it with its audit event; the report id, or null when it was taken already. */
  async send(m: EntityManager, kind: ReportNoticeKind, caseId: string, now: Date): Promise<string | null> {
    const row = await m.findOneBy(EvaluationEntity, { id: caseId });
    const { reportId, awaitingPhase: phase, awaitingDueOn: dueOn } = row ?? {};
    if (!row || !reportId || !phase || !dueOn) return null;
    const { at, claimed, field } = COLUMNS[kind];
    const claim = await m
      .createQueryBuilder()
      .update(EvaluationEntity)
      .set({ [field]: now.toISOString() })
      .where(
        `id = :caseId AND report_id = :reportId AND status = 'open' AND ${at} <= :now AND ${claimed} IS NULL`,
        { caseId, reportId, now: now.toISOString() },
      )
      .execute();
    if (claim.affected !== 1) return null;
    const workflow = await this.definitions.workflowByHash(m, row.workflowHash);
    const subject: ReportNoticeSubject = {
      waitLabel: awaitedReportsOf(workflow)[phase]?.label ?? { zh: phase, en: phase },
      dueOn,
      caseTitle: row.title,
    };
    const department = row.competentDepartment;
    await m.insert(NotificationEntity, {
      id: randomUUID(),
      kind,
      department,
      taskId: reportId, // the awaited report stands where a task would
      evaluationId: caseId,
      stage: phase,
      taskDepartment: department,
      dueAt: endOfChinaDay(dayOf(dueOn)).toISOString(),
      message: JSON.stringify(
        kind === 'reminder' ? reportReminderMessage(subject) : reportOverdueMessage(subject),
      ),
      detail: JSON.stringify({ awaitedReport: { phase, dueOn } }),
      createdAt: now.toISOString(),
    });
    await this.audit.append(m, SCHEDULER_PRINCIPAL, now, [
      {
        action: kind === 'reminder' ? 'report.reminded' : 'report.overdue',
        entityType: 'evaluation',
        entityId: caseId,
        caseId,
        payload: { reportId, phase, dueOn, department },
      },
    ]);
    return reportId;
  }
}
