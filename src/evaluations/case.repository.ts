import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { CanonicalJson, canonicalObject } from '../audit/audit-hash';
import type { AuditRecord } from '../audit/audit-trail';
import { AuditTrail } from '../audit/audit-trail';
import type { Principal } from '../auth/principal';
import type { CaseField, CaseScope, RowFilter, TaskField } from '../auth/policy';
import { DomainError } from '../common/domain-error';
import {
  type Inserted,
  insertRows,
  type LatestOf,
  selectWithChildren,
  Statements,
  updateRows,
} from '../database/hot-sql';
import { containsText } from '../database/contains-text.sql';
import { whereVisible, type FieldSql } from '../database/row-filter.sql';
import type { Applicant, Decision } from '../decision/decision.types';
import { TaskDeadlines } from '../deadlines/task-deadlines.service';
import { TaskEntity } from '../tasks/task.entity';
import { awaitedPhaseOf } from '../workflow/workflow-context';
import type { TransitionResult } from '../workflow/workflow.types';
import { EvaluationDecisionEntity } from './evaluation-decision.entity';
import { EvaluationEntity } from './evaluation.entity';

/** A case's row and its tasks: what a command reads and writes. */
export interface CaseRows {
  evaluation: EvaluationEntity;
  tasks: TaskEntity[];
}

/** A case as it is shown: its rows and the decision in force. */
export interface LoadedCase extends CaseRows {
  /**
   * The decision in force as stored: the canonical JSON of the case's latest decision round, as read from
   * its row (its UTF-8 bytes on SQLite), or, by the command that just wrote it, the bytes it was written from.
   */
  decision: string | Uint8Array;
  /** The case's applicant as an object, when a command has it already (no need to parse the JSON). */
  parsed?: { applicant: Applicant };
}

/**
 * Where the decision in force is kept: the case's decision round with the highest number. Read as bytes
 * where the database can give them: a case's answer splices the decision in as it is stored.
 */
const DECISION_IN_FORCE: LatestOf<EvaluationDecisionEntity> = {
  target: EvaluationDecisionEntity,
  foreignKey: 'evaluationId',
  order: 'round',
  column: 'decision',
  asBytes: true,
};

/** The decisions in force of several cases (their stored JSON), by case id. */
export async function decisionsInForce(
  m: EntityManager,
  caseIds: readonly string[],
): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await m
    .createQueryBuilder(EvaluationDecisionEntity, 'd')
    .select(['d.evaluationId', 'd.decision'])
    .where('d.evaluation_id IN (:...ids)', { ids: [...new Set(caseIds)] })
    .andWhere(
      'd.round = (SELECT MAX(x.round) FROM evaluation_decisions x WHERE x.evaluation_id = d.evaluation_id)',
    )
    .getMany();
  return new Map(rows.map((r) => [r.evaluationId, r.decision]));
}

/** A task being completed by the command, so its row records who decided what. */
export interface Completion {
  taskKey: string;
  outcome: string;
  comment: string | null;
  by: { id: string; name: string }; // the acting key
}

/** Which cases a list shows, besides what the policy lets the caller see. */
export interface CaseListFilter {
  type?: string;
  state?: string;
  status?: string;
  level?: string;
  q?: string; // in the title or the applicant's name
}

/** Which tasks an inbox shows, besides what the policy lets the caller see. */
export interface TaskListFilter {
  status: 'open' | 'done';
  stage?: string;
  type?: string; // the case's
  level?: string; // the case's
  overdue?: boolean; // as of `now`
  q?: string; // in the case's title or applicant's name
}

/** A task with what an inbox shows of its case. */
export interface TaskWithCase {
  task: TaskEntity;
  case: Pick<EvaluationEntity, 'id' | 'title' | 'type' | 'applicantName' | 'level'>;
}

/** A page of rows and the number of rows on all pages. */
export interface Paged<T> {
  rows: T[];
  total: number;
}

/** The policy's case fields in SQL, on the evaluations table as `e`. */
const CASE_FIELDS: FieldSql<CaseField> = {
  applicantCreditCode: (v) => `e.applicant_credit_code = ${v}`,
  submitterDepartment: (v) => `e.submitter_department = ${v}`,
  competentDepartment: (v) => `e.competent_department = ${v}`,
  taskDepartment: (v) => `e.id IN (SELECT vt.evaluation_id FROM tasks vt WHERE vt.department = ${v})`,
};
const TASK_FIELDS: FieldSql<TaskField> = { department: (v) => `t.department = ${v}` };
/** ISO instants in UTC compare as text; the same test as isOverdue() in task.view.ts. */
const OVERDUE = "(t.status = 'open' AND t.due_at IS NOT NULL AND t.due_at < :now)";

/** What a command may change on the case row besides its state and decision: what the applicant said. */
export type CaseChanges = Partial<Pick<EvaluationEntity, 'publicationConsent'>>;

/** A fresh decision taken by the command (submission or resubmission), kept for replay. */
export interface NewDecision {
  /** What the case row and the decision row take of the decision besides its text. */
  outline: Pick<Decision, 'definitionHash' | 'submittedAt' | 'level' | 'score'>;
  /**
   * The canonical JSON of the decision and of its facts (including the applicant), made with the decision
   * on the decision thread: the one text of each that is written, in the case row, the decision row and the
   * audit payload.
   */
  canonical: DecisionTexts;
}

/** The canonical JSON of a decision and of its facts. */
export interface DecisionTexts {
  facts: CanonicalJson;
  decision: CanonicalJson;
}

/**
 * The one way cases are persisted and read: load a case with its version and tasks, insert a new case with
 * its first transition, save a transition with the optimistic version check (the case row, its tasks and
 * the audit events, all inside the caller's transaction), and list cases and tasks by the scope the policy
 * answers as a query filter. Every command, view, replay, export and trail goes through it.
 */
@Injectable()
export class CaseRepository {
  constructor(
    private readonly audit: AuditTrail,
    private readonly deadlines: TaskDeadlines,
  ) {}

  /**
   * The case, its tasks and the decision in force, in one statement: consistent by itself, so a read may run
   * it without a read transaction (`uow.read(..., { singleStatement: true })`).
   */
  async load(m: EntityManager, id: string): Promise<LoadedCase> {
    const { evaluation, tasks, latest } = await this.caseById(m, id, DECISION_IN_FORCE);
    // Every submission writes decision round 1 with the case, in one transaction.
    if (latest === null) throw new Error(`Case ${id} has no decision round`);
    return { evaluation, tasks, decision: latest };
  }

  /** What the policy needs to know of one case, in one statement as `load`, without reading its decision. */
  async scope(m: EntityManager, id: string): Promise<CaseScope> {
    return this.scopeOf(await this.caseById(m, id));
  }

  private async caseById(m: EntityManager, id: string, latest?: typeof DECISION_IN_FORCE) {
    const read = await selectWithChildren(m, EvaluationEntity, { id }, TaskEntity, 'evaluationId', latest);
    if (!read.row) throw new DomainError('case.not-found', `No evaluation with id ${id}`);
    return { evaluation: read.row, tasks: read.children, latest: read.latest };
  }

  /**
   * The case a task belongs to, with its tasks (the task among them), in one statement as `load`; without
   * the decision, which completing a task does not read (the workflow's snapshot holds what it needs).
   */
  async loadByTask(m: EntityManager, taskId: string): Promise<{ loaded: CaseRows; task: TaskEntity }> {
    const { row: evaluation, children: tasks } = await selectWithChildren(
      m,
      EvaluationEntity,
      { childId: taskId },
      TaskEntity,
      'evaluationId',
    );
    const task = tasks.find((t) => t.id === taskId);
    if (!evaluation || !task) throw new DomainError('resource.not-found', `No task with id ${taskId}`);
    return { loaded: { evaluation, tasks }, task };
  }

  /**
   * On PostgreSQL, locks the case row and then its open tasks before anything else, the order every
   * command takes them (case version, tasks, audit head last). For the deadline scheduler: a deemed
   * completion, which may cancel the case's other tasks after its escalation took the audit head, then
   * waits for a reviewer's answer or another instance's reminder instead of deadlocking with it, and reads
   * the case as they left it.
   */
  async lockForUpdate(m: EntityManager, evaluationId: string): Promise<void> {
    if (m.connection.options.type !== 'postgres') return; // SQLite: the unit of work already runs one writer at a time
    await m
      .createQueryBuilder(EvaluationEntity, 'e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id: evaluationId })
      .getOne();
    await m
      .createQueryBuilder(TaskEntity, 't')
      .setLock('pessimistic_write')
      .where("t.evaluation_id = :id AND t.status = 'open'", { id: evaluationId })
      .orderBy('t.id', 'ASC')
      .getMany();
  }

  /** Every stored decision of a case, in the order they were taken (for replay). */
  decisions(m: EntityManager, caseId: string): Promise<EvaluationDecisionEntity[]> {
    return m.find(EvaluationDecisionEntity, { where: { evaluationId: caseId }, order: { round: 'ASC' } });
  }

  /** Narrows a query with the evaluations table as `e` to the cases `visible` lets through (counts, joins). */
  whereCaseVisible<T extends ObjectLiteral>(
    q: SelectQueryBuilder<T>,
    visible: RowFilter<CaseField>,
  ): SelectQueryBuilder<T> {
    return whereVisible(q, visible, CASE_FIELDS);
  }

  /** A page of the cases `visible` lets through, newest first. */
  async list(
    m: EntityManager,
    visible: RowFilter<CaseField>,
    filter: CaseListFilter,
    page: { page: number; pageSize: number },
  ): Promise<Paged<EvaluationEntity>> {
    const q = whereVisible(m.createQueryBuilder(EvaluationEntity, 'e'), visible, CASE_FIELDS);
    if (filter.type) q.andWhere('e.type = :type', { type: filter.type });
    if (filter.state) q.andWhere('e.state = :state', { state: filter.state });
    if (filter.status) q.andWhere('e.status = :status', { status: filter.status });
    if (filter.level) q.andWhere('e.level = :level', { level: filter.level });
    if (filter.q) q.andWhere(containsText(['e.title', 'e.applicant_name'], 'q'), { q: filter.q });
    const [rows, total] = await q
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  /**
   * A page of the tasks `visible` lets through, with their cases: the earliest due first (tasks without a
   * time limit last), then the oldest opened. `now`: Clock time, against which `overdue` is judged.
   */
  async tasks(
    m: EntityManager,
    visible: RowFilter<TaskField>,
    filter: TaskListFilter,
    page: { page: number; pageSize: number },
    now: Date,
  ): Promise<Paged<TaskWithCase>> {
    const q = whereVisible(m.createQueryBuilder(TaskEntity, 't'), visible, TASK_FIELDS)
      .innerJoin(EvaluationEntity, 'e', 'e.id = t.evaluation_id')
      .andWhere(filter.status === 'open' ? "t.status = 'open'" : "t.status <> 'open'");
    if (filter.stage) q.andWhere('t.stage = :stage', { stage: filter.stage });
    if (filter.type) q.andWhere('e.type = :type', { type: filter.type });
    if (filter.level) q.andWhere('e.level = :level', { level: filter.level });
    if (filter.overdue !== undefined)
      q.andWhere(filter.overdue ? OVERDUE : `NOT ${OVERDUE}`, { now: now.toISOString() });
    if (filter.q) q.andWhere(containsText(['e.title', 'e.applicant_name'], 'q'), { q: filter.q });
    const total = await q.getCount();
    const { entities, raw } = await q
      .addSelect('e.title', 'case_title')
      .addSelect('e.type', 'case_type')
      .addSelect('e.applicant_name', 'case_applicant_name')
      .addSelect('e.level', 'case_level')
      // NULL sorts last in PostgreSQL's ASC and first in SQLite's: say it for both.
      .orderBy('CASE WHEN t.due_at IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('t.due_at', 'ASC')
      .addOrderBy('t.opened_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .getRawAndEntities<Record<string, string>>();
    const cases = new Map(raw.map((r) => [r.t_id, r]));
    return {
      total,
      rows: entities.map((task) => {
        const r = cases.get(task.id)!;
        return {
          task,
          case: {
            id: task.evaluationId,
            title: r.case_title,
            type: r.case_type,
            applicantName: r.case_applicant_name,
            level: r.case_level,
          },
        };
      }),
    };
  }

  /** What the policy needs to know of each of several cases (for a list that names them), with its title. */
  async scopes(
    m: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, { scope: CaseScope; title: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const [evaluations, tasks] = await Promise.all([
      m.findBy(EvaluationEntity, { id: In(unique) }),
      m.find(TaskEntity, {
        where: { evaluationId: In(unique) },
        select: { evaluationId: true, department: true },
      }),
    ]);
    return new Map(
      evaluations.map((evaluation) => [
        evaluation.id,
        {
          scope: this.scopeOf({ evaluation, tasks: tasks.filter((t) => t.evaluationId === evaluation.id) }),
          title: evaluation.title,
        },
      ]),
    );
  }

  scopeOf({ evaluation, tasks }: CaseRows): CaseScope {
    return {
      applicantCreditCode: evaluation.applicantCreditCode,
      submittedBy: evaluation.submittedBy,
      submitterDepartment: evaluation.submitterDepartment,
      competentDepartment: evaluation.competentDepartment,
      taskDepartments: [...new Set(tasks.map((t) => t.department))],
    };
  }

  /**
   * Inserts a new case with its first transition. Returns the case as written (the rows a read inside the
   * transaction would now return), so the caller can answer without reading it back.
   */
  async insert(
    m: EntityManager,
    actor: Principal,
    at: Date,
    evaluation: EvaluationEntity,
    result: TransitionResult,
    first: NewDecision,
    submission: Record<string, unknown> | CanonicalJson,
  ): Promise<LoadedCase> {
    Object.assign(evaluation, this.caseFields(result), { version: 1 });
    Object.assign(evaluation, await this.awaitedReportFields(m, evaluation, result));
    // The rows are independent (no foreign keys), so their inserts and the audit append start together;
    // every column is given, the version too, so nothing is read back.
    return Statements.together(m, async (statements) => {
      statements.add(() => insertRows(m, EvaluationEntity, [evaluation]));
      const decided = this.recordDecision(m, statements, evaluation, 1, first);
      const tasks = await this.applyTasks(
        m,
        statements,
        evaluation.id,
        evaluation.workflowHash,
        at,
        result,
        [],
        null,
      );
      const records: AuditRecord[] = [
        {
          action: 'evaluation.submitted',
          entityType: 'evaluation',
          entityId: evaluation.id,
          caseId: evaluation.id,
          toState: result.state,
          payload: submission,
        },
        decided,
        ...tasks.records,
        this.transitionRecord(evaluation.id, 'SUBMIT', null, result),
      ];
      statements.add(() => this.audit.append(m, actor, at, records));
      return { evaluation, tasks: tasks.rows, decision: first.canonical.decision.content };
    });
  }

  /**
   * Saves the transition of an existing case; a concurrent change to the same case is a 409. `loaded` may
   * have been read before this transaction (a task completion reads it ahead of the writer): the case's
   * version and each closing task's status are checked as they are written, so a case that changed since
   * fails with case.version-conflict and nothing of the command is written. Returns the case as written
   * (`loaded` is left as it was); a LoadedCase keeps the decision in force, the new one when the command
   * took one.
   */
  async update<C extends CaseRows>(
    m: EntityManager,
    actor: Principal,
    at: Date,
    loaded: C,
    event: string,
    result: TransitionResult,
    extra: {
      decision?: NewDecision;
      completion?: Completion;
      payload?: Record<string, unknown>;
      changes?: CaseChanges;
    } = {},
  ): Promise<C> {
    const { evaluation } = loaded;
    const changes: Partial<EvaluationEntity> = {
      ...extra.changes,
      ...this.caseFields(result),
      updatedAt: at.toISOString(),
      version: evaluation.version + 1,
    };
    Object.assign(changes, await this.awaitedReportFields(m, evaluation, result));
    const records: AuditRecord[] = [];
    // Started together and awaited together (in this order on PostgreSQL: case row, tasks, audit head);
    // the first failure in this order is the one reported, as when each was awaited in turn.
    const round = extra.decision
      ? (await m.countBy(EvaluationDecisionEntity, { evaluationId: evaluation.id })) + 1
      : 0;
    return Statements.together(m, async (statements) => {
      if (extra.decision) {
        const { outline, canonical } = extra.decision;
        Object.assign(changes, { facts: canonical.facts.text, level: outline.level, score: outline.score });
        records.push(this.recordDecision(m, statements, evaluation, round, extra.decision));
      }
      statements.add(() =>
        updateRows(m, EvaluationEntity, { id: evaluation.id, version: evaluation.version }, changes).then(
          (saved) => {
            if (!saved)
              throw new DomainError(
                'case.version-conflict',
                'The evaluation was changed by another request; reload it and try again',
              );
          },
        ),
      );
      const tasks = await this.applyTasks(
        m,
        statements,
        evaluation.id,
        evaluation.workflowHash,
        at,
        result,
        loaded.tasks,
        extra.completion ?? null,
      );
      records.push(...tasks.records);
      records.push(this.transitionRecord(evaluation.id, event, evaluation.state, result, extra.payload));
      statements.add(() => this.audit.append(m, actor, at, records));
      return {
        ...loaded,
        evaluation: Object.assign(new EvaluationEntity(), evaluation, changes),
        tasks: tasks.rows,
        // A new decision replaces the one in force, and any parsed copy of the old one with it.
        ...(extra.decision ? { decision: extra.decision.canonical.decision.content, parsed: undefined } : {}),
      };
    });
  }

  private caseFields(result: TransitionResult): Partial<EvaluationEntity> {
    return {
      state: result.state,
      status: result.status,
      outcome: result.outcome,
      conditions: JSON.stringify(result.conditions),
      overrideReason: result.overrideReason,
      snapshot: result.snapshotJson,
    };
  }

  /**
   * The awaited report's columns when the transition changes what the case waits for: a new wait gets a
   * new report id, its deadline times and fresh claims; a closed case or one waiting for nothing, nulls.
   * Unchanged when the case still waits for the same report, so a claim already made stays made.
   */
  private async awaitedReportFields(
    m: EntityManager,
    before: Pick<EvaluationEntity, 'workflowHash' | 'awaitingPhase' | 'awaitingDueOn' | 'reportId'>,
    result: TransitionResult,
  ): Promise<Partial<EvaluationEntity>> {
    const awaiting = result.status === 'open' ? awaitedPhaseOf(result.snapshot) : null;
    const waitedFor = before.reportId
      ? { phase: before.awaitingPhase, dueOn: before.awaitingDueOn ?? null }
      : null;
    if (waitedFor?.phase === awaiting?.phase && waitedFor?.dueOn === awaiting?.dueOn) return {};
    const times = awaiting
      ? await this.deadlines.forAwaitedReport(m, before.workflowHash, awaiting)
      : { remindAt: null, overdueAt: null };
    return {
      awaitingPhase: awaiting?.phase ?? null,
      awaitingDueOn: awaiting?.dueOn ?? null,
      reportId: awaiting ? randomUUID() : null,
      reportRemindAt: times.remindAt,
      reportOverdueAt: times.overdueAt,
      reportRemindedAt: null,
      reportOverdueNoticedAt: null,
    };
  }

  /** Starts the insert of the decision row; returns its audit record. */
  private recordDecision(
    m: EntityManager,
    statements: Statements,
    evaluation: EvaluationEntity,
    round: number,
    d: NewDecision,
  ): AuditRecord {
    const { canonical } = d;
    const row: Inserted<EvaluationDecisionEntity> = {
      evaluationId: evaluation.id,
      round,
      rulesHash: d.outline.definitionHash,
      submittedAt: d.outline.submittedAt,
      facts: canonical.facts.content,
      decision: canonical.decision.content,
    };
    statements.add(() => insertRows(m, EvaluationDecisionEntity, [row]));
    return {
      action: 'decision.made',
      entityType: 'evaluation',
      entityId: evaluation.id,
      caseId: evaluation.id,
      // The facts too: the chain then holds everything a replay needs (the decision table itself is not chained).
      payload: canonicalObject({ round, facts: canonical.facts, decision: canonical.decision }),
    };
  }

  /**
   * Starts the statements that close and open the tasks the transition asks for. `current`: the case's
   * tasks as read in this transaction (none for a new case). Returns the audit records and the case's tasks
   * as they will be.
   */
  private async applyTasks(
    m: EntityManager,
    statements: Statements,
    caseId: string,
    workflowHash: string,
    at: Date,
    result: TransitionResult,
    current: TaskEntity[],
    completion: Completion | null,
  ): Promise<{ records: AuditRecord[]; rows: TaskEntity[] }> {
    const records: AuditRecord[] = [];
    const rows = [...current];
    const { closeTasks, openTasks } = result.effects;
    for (const close of closeTasks) {
      // Task keys are unique within a case (the workflow counts them: t1, t2, ...).
      const index = rows.findIndex((r) => r.taskKey === close.key);
      if (index < 0) throw new Error(`Workflow closed task ${close.key} that was never opened`);
      const row = rows[index];
      const completed = completion?.taskKey === close.key ? completion : null;
      const changes = {
        status: close.status,
        closedAt: at.toISOString(),
        outcome: completed?.outcome ?? null,
        comment: completed?.comment ?? null,
        completedBy: completed?.by.id ?? null,
        completedByName: completed?.by.name ?? null,
      };
      // Only an open task closes: a second completion that raced this one updates nothing and fails.
      statements.add(() =>
        updateRows(m, TaskEntity, { id: row.id, status: 'open' }, changes).then((done) => {
          if (!done)
            throw new DomainError('case.version-conflict', `Task ${row.id} was closed by another request`);
        }),
      );
      rows[index] = Object.assign(new TaskEntity(), row, changes);
      records.push({
        action: completed ? 'task.completed' : 'task.cancelled',
        entityType: 'task',
        entityId: row.id,
        caseId,
        payload: {
          key: row.taskKey,
          stage: row.stage,
          department: row.department,
          outcome: changes.outcome,
          comment: changes.comment,
        },
      });
    }
    const opened: TaskEntity[] = [];
    for (const open of openTasks) {
      // Due, reminder and escalation times from Clock time, the stage's meta and the working-day calendar.
      const deadline = await this.deadlines.forNewTask(m, workflowHash, open, at);
      const task = Object.assign(new TaskEntity(), {
        id: randomUUID(),
        evaluationId: caseId,
        taskKey: open.key,
        stage: open.stage,
        department: open.department,
        allowedOutcomes: JSON.stringify(open.allowedOutcomes),
        status: 'open',
        outcome: null,
        comment: null,
        timeLimitWorkingDays: open.timeLimitWorkingDays,
        openedAt: at.toISOString(),
        closedAt: null,
        completedBy: null,
        completedByName: null,
        ...deadline,
        remindedAt: null,
        escalatedAt: null,
      } satisfies TaskEntity);
      opened.push(task);
      records.push({
        action: 'task.opened',
        entityType: 'task',
        entityId: task.id,
        caseId,
        payload: {
          key: open.key,
          stage: open.stage,
          department: open.department,
          allowedOutcomes: open.allowedOutcomes,
          dueAt: deadline.dueAt,
        },
      });
    }
    statements.add(() => insertRows(m, TaskEntity, opened));
    rows.push(...opened);
    return { records, rows };
  }

  private transitionRecord(
    caseId: string,
    event: string,
    from: string | null,
    result: TransitionResult,
    payload: Record<string, unknown> = {},
  ): AuditRecord {
    return {
      action: 'workflow.transition',
      entityType: 'evaluation',
      entityId: caseId,
      caseId,
      fromState: from,
      toState: result.state,
      payload: {
        event,
        status: result.status,
        outcome: result.outcome,
        conditions: result.conditions,
        overrideReason: result.overrideReason,
        ...payload,
      },
    };
  }
}
