import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CanonicalJson, canonicalObject } from '../audit/audit-hash';
import type { AuditRecord } from '../audit/audit-trail';
import { AuditTrail } from '../audit/audit-trail';
import type { Principal } from '../auth/principal';
import type { CaseScope } from '../auth/policy';
import { DomainError } from '../common/domain-error';
import { insertRows, Statements } from '../database/hot-sql';
import type { Applicant, Decision } from '../decision/decision.types';
import { TaskDeadlines } from '../deadlines/task-deadlines';
import { TaskEntity } from '../tasks/task.entity';
import type { TransitionResult } from '../workflow/workflow.types';
import { EvaluationDecisionEntity } from './evaluation-decision.entity';
import { EvaluationEntity } from './evaluation.entity';

export interface LoadedCase {
  evaluation: EvaluationEntity;
  tasks: TaskEntity[];
  /** The case's applicant and decision as objects, when a command has them already (no need to parse the row's JSON). */
  parsed?: { applicant: Applicant; decision: Decision };
}

/** A task being completed by the command, so its row records who decided what. */
export interface Completion {
  taskKey: string;
  outcome: string;
  comment: string | null;
  by: string;
}

/** A fresh decision taken by the command (submission or resubmission), kept for replay. */
export interface NewDecision {
  facts: Record<string, unknown>; // including the applicant
  decision: Decision;
  /** Their canonical JSON when the caller made it before taking the write lock; made here otherwise. */
  canonical?: { facts: CanonicalJson; decision: CanonicalJson };
  /** Their JSON.stringify text when the caller has it already (it is in the case row too). */
  json?: { facts: string; decision: string };
}

/**
 * Loads a case and writes the result of one workflow transition: the case row (optimistic version), its
 * tasks and the audit events, all inside the caller's transaction. Shared by every command that moves a
 * case, so they all persist a transition the same way.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly audit: AuditTrail,
    private readonly deadlines: TaskDeadlines,
  ) {}

  async load(m: EntityManager, id: string): Promise<LoadedCase> {
    const evaluation = await m.findOneBy(EvaluationEntity, { id });
    if (!evaluation) throw new DomainError('case.not-found', `No evaluation with id ${id}`);
    const tasks = await m.find(TaskEntity, { where: { evaluationId: id } });
    return { evaluation, tasks };
  }

  scopeOf({ evaluation, tasks }: LoadedCase): CaseScope {
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
      return { evaluation, tasks: tasks.rows };
    });
  }

  /**
   * Saves the transition of an existing case; a concurrent change to the same case is a 409. `loaded` must
   * have been read in the same transaction. Returns the case as written (`loaded` is left as it was).
   */
  async update(
    m: EntityManager,
    actor: Principal,
    at: Date,
    loaded: LoadedCase,
    event: string,
    result: TransitionResult,
    extra: { decision?: NewDecision; completion?: Completion; payload?: Record<string, unknown> } = {},
  ): Promise<LoadedCase> {
    const { evaluation } = loaded;
    const changes: Partial<EvaluationEntity> = {
      ...this.caseFields(result),
      updatedAt: at.toISOString(),
      version: evaluation.version + 1,
    };
    const records: AuditRecord[] = [];
    // Started together and awaited together (in this order on PostgreSQL: case row, tasks, audit head);
    // the first failure in this order is the one reported, as when each was awaited in turn.
    const round = extra.decision
      ? (await m.countBy(EvaluationDecisionEntity, { evaluationId: evaluation.id })) + 1
      : 0;
    return Statements.together(m, async (statements) => {
      if (extra.decision) {
        const { decision, facts } = extra.decision;
        const json = extra.decision.json ?? {
          facts: JSON.stringify(facts),
          decision: JSON.stringify(decision),
        };
        Object.assign(changes, {
          facts: json.facts,
          decision: json.decision,
          level: decision.level,
          score: decision.score,
        });
        records.push(this.recordDecision(m, statements, evaluation, round, { ...extra.decision, json }));
      }
      statements.add(() =>
        m
          .update(EvaluationEntity, { id: evaluation.id, version: evaluation.version }, changes)
          .then((saved) => {
            if (!saved.affected)
              throw new DomainError(
                'case.version-conflict',
                'The evaluation was changed by another request; reload it and try again',
              );
          }),
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
      return { evaluation: Object.assign(new EvaluationEntity(), evaluation, changes), tasks: tasks.rows };
    });
  }

  private caseFields(result: TransitionResult): Partial<EvaluationEntity> {
    return {
      state: result.state,
      status: result.status,
      outcome: result.outcome,
      conditions: JSON.stringify(result.conditions),
      overrideReason: result.overrideReason,
      snapshot: JSON.stringify(result.snapshot),
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
    const row: EvaluationDecisionEntity = {
      evaluationId: evaluation.id,
      round,
      rulesHash: d.decision.definitionHash,
      submittedAt: d.decision.submittedAt,
      facts: d.json?.facts ?? JSON.stringify(d.facts),
      decision: d.json?.decision ?? JSON.stringify(d.decision),
    };
    statements.add(() => insertRows(m, EvaluationDecisionEntity, [row]));
    return {
      action: 'decision.made',
      entityType: 'evaluation',
      entityId: evaluation.id,
      caseId: evaluation.id,
      // The facts too: the chain then holds everything a replay needs (the decision table itself is not chained).
      payload: canonicalObject({
        round,
        facts: d.canonical?.facts ?? CanonicalJson.of(d.facts),
        decision: d.canonical?.decision ?? CanonicalJson.of(d.decision),
      }),
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
        completedBy: completed?.by ?? null,
      };
      // Only an open task closes: a second completion that raced this one updates nothing and fails.
      statements.add(() =>
        m.update(TaskEntity, { id: row.id, status: 'open' }, changes).then((done) => {
          if (!done.affected)
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
