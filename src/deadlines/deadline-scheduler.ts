import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import type { DefinitionCatalogue, LocalizedText } from '../definitions/definition.types';
import { DEFINITION_CATALOGUE, DefinitionsService } from '../definitions/definitions.service';
import { CaseRepository } from '../evaluations/case.repository';
import { NotificationEntity } from '../notifications/notification.entity';
import { TaskEntity } from '../tasks/task.entity';
import { transition } from '../workflow/transition';
import type { Stage } from '../workflow/workflow.types';
import {
  deemedComment,
  escalatedToYouMessage,
  escalationMessage,
  type NoticeSubject,
  reminderMessage,
} from './deadline-notices';
import { AwaitedReportNotices } from './awaited-report-notices';
import { SCHEDULER_PRINCIPAL } from './scheduler-principal';
import { stageDeadlinesOf } from './stage-deadlines';
import { calendarCoversYear, chinaDayOf, isoDateOf } from '../calendar/working-days';

/**
 * What this instance claimed in one run: the ids of the tasks reminded and escalated, and of the awaited
 * phase reports reminded and noticed overdue (escalated), each report's id as its notices carry it.
 */
export interface DueRun {
  reminded: string[];
  escalated: string[];
}

type Kind = 'reminder' | 'escalation';

/** Rows with a notice due: their ids, and the claim of one (what was claimed, or null when taken already). */
interface DueSource {
  dueIds(m: EntityManager): Promise<string[]>;
  claim(m: EntityManager, id: string): Promise<string | null>;
}

/** Due rows are taken a batch at a time, so one run never holds a large result in memory. */
const BATCH = 100;

/**
 * Acts on deadline rows (docs/architecture.md invariant 5: no xstate timers): reminds (催办) the department of a
 * task whose reminder time has come, and escalates (超时) a task that is overdue. Every instance of the
 * service runs it; each event happens exactly once because it is CLAIMED first:
 *
 *   UPDATE tasks SET reminded_at = now WHERE id = ? AND status = 'open' AND reminded_at IS NULL
 *
 * in the same transaction as its audit event and notifications. Of several instances racing for a row
 * only one changes it (PostgreSQL re-checks the WHERE after the first commits; SQLite has one writer),
 * and a claim that fails to write its records rolls back with them, to be taken again on the next run.
 * A task completed meanwhile is no longer open, so it is neither reminded nor escalated.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeadlineScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DEFINITION_CATALOGUE) private readonly catalogue: DefinitionCatalogue,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly definitions: DefinitionsService,
    private readonly cases: CaseRepository,
    private readonly reports: AwaitedReportNotices,
  ) {}

  onApplicationBootstrap(): void {
    this.warnAboutCalendar(this.clock.now());
    const seconds = this.config.IPR_SCHEDULER_SECONDS;
    if (seconds > 0) {
      this.timer = setInterval(() => this.tick(), seconds * 1000);
      this.timer.unref(); // never what keeps the process alive
    }
  }

  /** Stops the timer and lets a run in progress finish before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One timed run; a run still going (a slow database) is not overtaken by the next. */
  private tick(): void {
    if (this.running) return;
    this.running = this.runDue(this.clock.now())
      .then(
        (run) => {
          if (run.reminded.length + run.escalated.length > 0) {
            this.logger.log(`reminded ${run.reminded.length} task(s), escalated ${run.escalated.length}`);
          }
        },
        (error: unknown) =>
          this.logger.error(`deadline run failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (this.running = null));
  }

  /**
   * Everything due at `now`: reminders first, so a task (or an awaited report) that was missed for days is
   * reminded before it is escalated.
   */
  async runDue(now: Date): Promise<DueRun> {
    const tasks = (kind: Kind): DueSource => ({
      dueIds: (m) => this.dueTaskIds(m, kind, now),
      claim: async (m, id) =>
        (await (kind === 'reminder' ? this.remind(m, id, now) : this.escalate(m, id, now))) ? id : null,
    });
    const reports = (kind: Kind): DueSource => ({
      dueIds: (m) => this.reports.dueCaseIds(m, kind, now, BATCH),
      claim: (m, id) => this.reports.send(m, kind, id, now),
    });
    const reminded = [
      ...(await this.drain('reminder', tasks('reminder'))),
      ...(await this.drain('reminder', reports('reminder'))),
    ];
    const escalated = [
      ...(await this.drain('escalation', tasks('escalation'))),
      ...(await this.drain('escalation', reports('escalation'))),
    ];
    return { reminded, escalated };
  }

  /** Claims what `source` finds due, a batch at a time, each in its own transaction; returns what was claimed. */
  private async drain(kind: Kind, source: DueSource): Promise<string[]> {
    const claimed: string[] = [];
    for (;;) {
      const ids = await this.uow.read((m) => source.dueIds(m));
      let progress = false;
      for (const id of ids) {
        try {
          const taken = await this.uow.write((m) => source.claim(m, id));
          if (taken !== null) claimed.push(taken);
          progress ||= taken !== null;
        } catch (error) {
          // A version conflict means a reviewer answered the task while it was being deemed: the next run sees it closed.
          const conflict = error instanceof DomainError && error.code === 'case.version-conflict';
          const message = `${kind} of ${id} not recorded, retried on the next run: ${error instanceof Error ? error.message : String(error)}`;
          if (conflict) this.logger.warn(message);
          else this.logger.error(message);
        }
      }
      // Rows claimed by another instance are not returned again; a batch without progress waits for the next run.
      if (ids.length < BATCH || !progress) return claimed;
    }
  }

  private async dueTaskIds(m: EntityManager, kind: Kind, now: Date): Promise<string[]> {
    const [at, claimedAt] =
      kind === 'reminder' ? ['t.remind_at', 't.reminded_at'] : ['t.escalate_at', 't.escalated_at'];
    const rows = await m
      .createQueryBuilder(TaskEntity, 't')
      .select('t.id', 'id')
      .where(`t.status = 'open' AND ${at} IS NOT NULL AND ${at} <= :now AND ${claimedAt} IS NULL`, {
        now: now.toISOString(),
      })
      .orderBy(at, 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(BATCH)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** The claim: true when this transaction took the event, false when it was taken (or the task closed) already. */
  private async claim(m: EntityManager, kind: Kind, id: string, now: Date): Promise<boolean> {
    const [at, claimedAt] =
      kind === 'reminder' ? ['remind_at', 'reminded_at'] : ['escalate_at', 'escalated_at'];
    const result = await m
      .createQueryBuilder()
      .update(TaskEntity)
      .set(kind === 'reminder' ? { remindedAt: now.toISOString() } : { escalatedAt: now.toISOString() })
      .where(`id = :id AND status = 'open' AND ${at} <= :now AND ${claimedAt} IS NULL`, {
        id,
        now: now.toISOString(),
      })
      .execute();
    return result.affected === 1;
  }

  private async remind(m: EntityManager, id: string, now: Date): Promise<boolean> {
    if (!(await this.claim(m, 'reminder', id, now))) return false;
    const { task, subject } = await this.subjectOf(m, id);
    await this.notify(m, task, 'reminder', task.department, reminderMessage(subject), {}, now);
    await this.audit.append(m, SCHEDULER_PRINCIPAL, now, [
      {
        action: 'task.reminded',
        entityType: 'task',
        entityId: task.id,
        caseId: task.evaluationId,
        payload: {
          key: task.taskKey,
          stage: task.stage,
          department: task.department,
          dueAt: task.dueAt,
          remindAt: task.remindAt,
        },
      },
    ]);
    return true;
  }

  /**
   * Notifies the escalation department and the late one and records the escalation. The task is NOT
   * reassigned: the stage's competence (a legality review, a department's countersign opinion) does not
   * pass to the supervising department, which chases (督办). With a deemed outcome the task is also
   * completed through the workflow, as a reviewer's answer would be, in this same transaction.
   */
  private async escalate(m: EntityManager, id: string, now: Date): Promise<boolean> {
    const candidate = await m.findOneBy(TaskEntity, { id });
    if (!candidate) return false;
    await this.cases.lockForUpdate(m, candidate.evaluationId);
    if (!(await this.claim(m, 'escalation', id, now))) return false;
    const { task, subject, loaded, workflow, stage } = await this.subjectOf(m, id);
    const escalation = stage?.escalation;
    // escalate_at is only set from an escalation in this same pinned workflow.
    if (!escalation)
      throw new Error(`task ${id} has an escalation time but its stage "${task.stage}" has no escalation`);
    const to = escalation.to === '$competent' ? loaded.evaluation.competentDepartment : escalation.to;
    const deemed = escalation.deemedOutcome;
    const detail = { escalatedTo: to, deemedOutcome: deemed };
    await this.notify(
      m,
      task,
      'escalation',
      to,
      escalationMessage(subject, this.catalogue.departments, deemed),
      detail,
      now,
    );
    if (to !== task.department) {
      await this.notify(
        m,
        task,
        'escalation',
        task.department,
        escalatedToYouMessage(subject, this.catalogue.departments, to, deemed),
        detail,
        now,
      );
    }
    await this.audit.append(m, SCHEDULER_PRINCIPAL, now, [
      {
        action: 'task.escalated',
        entityType: 'task',
        entityId: task.id,
        caseId: task.evaluationId,
        payload: {
          key: task.taskKey,
          stage: task.stage,
          department: task.department,
          dueAt: task.dueAt,
          escalatedTo: to,
          deemedOutcome: deemed,
          reassigned: false,
        },
      },
    ]);
    if (deemed) {
      const comment = deemedComment(task.dueAt!, deemed);
      const result = transition(workflow, JSON.parse(loaded.evaluation.snapshot), {
        type: 'TASK_COMPLETED',
        taskKey: task.taskKey,
        outcome: deemed,
        comment,
        conditions: null,
        overrideReason: null,
      });
      await this.cases.update(m, SCHEDULER_PRINCIPAL, now, loaded, 'TASK_COMPLETED', result, {
        completion: {
          taskKey: task.taskKey,
          outcome: deemed,
          comment,
          by: { id: SCHEDULER_PRINCIPAL.keyId, name: SCHEDULER_PRINCIPAL.name },
        },
        payload: {
          taskId: task.id,
          taskKey: task.taskKey,
          stage: task.stage,
          outcome: deemed,
          comment,
          deemed: true,
        },
      });
    }
    return true;
  }

  /** The claimed task with its case, the case's pinned workflow and what that says about the task's stage. */
  private async subjectOf(m: EntityManager, id: string) {
    const { loaded, task } = await this.cases.loadByTask(m, id);
    const { evaluation } = loaded;
    const workflow = await this.definitions.workflowByHash(m, evaluation.workflowHash);
    const stage = stageDeadlinesOf(workflow)[task.stage as Stage];
    const subject: NoticeSubject = {
      stageLabel: stage?.label ?? { zh: task.stage, en: task.stage },
      taskDepartment: task.department,
      dueAt: task.dueAt!, // remind_at and escalate_at are only ever set together with due_at
      caseTitle: evaluation.title,
    };
    return { task, subject, loaded, workflow, stage };
  }

  private async notify(
    m: EntityManager,
    task: TaskEntity,
    kind: Kind,
    department: string,
    message: LocalizedText,
    detail: Record<string, unknown>,
    now: Date,
  ): Promise<void> {
    await m.insert(NotificationEntity, {
      id: randomUUID(),
      kind,
      department,
      taskId: task.id,
      evaluationId: task.evaluationId,
      stage: task.stage,
      taskDepartment: task.department,
      dueAt: task.dueAt!,
      message: JSON.stringify(message),
      detail: JSON.stringify(detail),
      createdAt: now.toISOString(),
    });
  }

  /** A year without its notice counts weekends only: say so at start, before deadlines quietly come out early. */
  private warnAboutCalendar(now: Date): void {
    const today = isoDateOf(chinaDayOf(now));
    const year = Number(today.slice(0, 4));
    // Notices come out in November; from then on, tasks opened now may run into next year.
    const years = today.slice(5) >= '11-01' ? [year, year + 1] : [year];
    const missing = years.filter((y) => !calendarCoversYear(this.catalogue.calendar, y));
    if (missing.length > 0) {
      this.logger.warn(
        `rules/calendar.json has no State Council holiday notice for ${missing.join(' and ')}: working days there count Monday to Friday only. Add the notice's dates when it is published.`,
      );
    }
  }
}
