import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import type { AuditRecord } from '../audit/audit-trail';
import { AuditTrail } from '../audit/audit-trail';
import type { Principal } from '../auth/principal';
import type { CaseScope } from '../auth/policy';
import { DomainError } from '../common/domain-error';
import type { Decision } from '../decision/decision.types';
import { TaskDeadlines } from '../deadlines/task-deadlines';
import { TaskEntity } from '../tasks/task.entity';
import type { TransitionResult } from '../workflow/workflow.types';
import { EvaluationDecisionEntity } from './evaluation-decision.entity';
import { EvaluationEntity } from './evaluation.entity';

export interface LoadedCase {
  evaluation: EvaluationEntity;
  tasks: TaskEntity[];
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

  /** Inserts a new case with its first transition. */
  async insert(
    m: EntityManager,
    actor: Principal,
    at: Date,
    evaluation: EvaluationEntity,
    result: TransitionResult,
    first: NewDecision,
    submission: Record<string, unknown>,
  ): Promise<void> {
    Object.assign(evaluation, this.caseFields(result), { version: 1 });
    await m.insert(EvaluationEntity, evaluation);
    const records: AuditRecord[] = [
      { action: 'evaluation.submitted', entityType: 'evaluation', entityId: evaluation.id, caseId: evaluation.id, toState: result.state, payload: submission },
      ...(await this.recordDecision(m, evaluation, 1, first)),
      ...(await this.applyTasks(m, evaluation.id, evaluation.workflowHash, at, result, null)),
      this.transitionRecord(evaluation.id, 'SUBMIT', null, result),
    ];
    await this.audit.append(m, actor, at, records);
  }

  /** Saves the transition of an existing case; a concurrent change to the same case is a 409. */
  async update(
    m: EntityManager,
    actor: Principal,
    at: Date,
    loaded: LoadedCase,
    event: string,
    result: TransitionResult,
    extra: { decision?: NewDecision; completion?: Completion; payload?: Record<string, unknown> } = {},
  ): Promise<void> {
    const { evaluation } = loaded;
    const changes: Partial<EvaluationEntity> = { ...this.caseFields(result), updatedAt: at.toISOString(), version: evaluation.version + 1 };
    const records: AuditRecord[] = [];
    if (extra.decision) {
      const round = (await m.countBy(EvaluationDecisionEntity, { evaluationId: evaluation.id })) + 1;
      const { decision, facts } = extra.decision;
      Object.assign(changes, { facts: JSON.stringify(facts), decision: JSON.stringify(decision), level: decision.level, score: decision.score });
      records.push(...(await this.recordDecision(m, evaluation, round, extra.decision)));
    }
    const saved = await m.update(EvaluationEntity, { id: evaluation.id, version: evaluation.version }, changes);
    if (!saved.affected) {
      throw new DomainError('case.version-conflict', 'The evaluation was changed by another request; reload it and try again');
    }
    records.push(...(await this.applyTasks(m, evaluation.id, evaluation.workflowHash, at, result, extra.completion ?? null)));
    records.push(this.transitionRecord(evaluation.id, event, evaluation.state, result, extra.payload));
    await this.audit.append(m, actor, at, records);
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

  private async recordDecision(m: EntityManager, evaluation: EvaluationEntity, round: number, d: NewDecision): Promise<AuditRecord[]> {
    await m.insert(EvaluationDecisionEntity, {
      evaluationId: evaluation.id,
      round,
      rulesHash: d.decision.definitionHash,
      submittedAt: d.decision.submittedAt,
      facts: JSON.stringify(d.facts),
      decision: JSON.stringify(d.decision),
    });
    return [
      {
        action: 'decision.made',
        entityType: 'evaluation',
        entityId: evaluation.id,
        caseId: evaluation.id,
        // The facts too: the chain then holds everything a replay needs (the decision table itself is not chained).
        payload: { round, facts: d.facts, decision: d.decision as unknown as Record<string, unknown> },
      },
    ];
  }

  private async applyTasks(
    m: EntityManager,
    caseId: string,
    workflowHash: string,
    at: Date,
    result: TransitionResult,
    completion: Completion | null,
  ): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    const { closeTasks, openTasks } = result.effects;
    if (closeTasks.length > 0) {
      const rows = await m.find(TaskEntity, { where: { evaluationId: caseId, taskKey: In(closeTasks.map((t) => t.key)) } });
      for (const close of closeTasks) {
        const row = rows.find((r) => r.taskKey === close.key);
        if (!row) throw new Error(`Workflow closed task ${close.key} that was never opened`);
        const completed = completion?.taskKey === close.key ? completion : null;
        const changes = {
          status: close.status,
          closedAt: at.toISOString(),
          outcome: completed?.outcome ?? null,
          comment: completed?.comment ?? null,
          completedBy: completed?.by ?? null,
        };
        // Only an open task closes: a second completion that raced this one updates nothing and fails.
        const done = await m.update(TaskEntity, { id: row.id, status: 'open' }, changes);
        if (!done.affected) throw new DomainError('case.version-conflict', `Task ${row.id} was closed by another request`);
        records.push({
          action: completed ? 'task.completed' : 'task.cancelled',
          entityType: 'task',
          entityId: row.id,
          caseId,
          payload: { key: row.taskKey, stage: row.stage, department: row.department, outcome: changes.outcome, comment: changes.comment },
        });
      }
    }
    for (const open of openTasks) {
      const id = randomUUID();
      // Due, reminder and escalation times from Clock time, the stage's meta and the working-day calendar.
      const deadline = await this.deadlines.forNewTask(m, workflowHash, open, at);
      await m.insert(TaskEntity, {
        id,
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
      });
      records.push({
        action: 'task.opened',
        entityType: 'task',
        entityId: id,
        caseId,
        payload: { key: open.key, stage: open.stage, department: open.department, allowedOutcomes: open.allowedOutcomes, dueAt: deadline.dueAt },
      });
    }
    return records;
  }

  private transitionRecord(caseId: string, event: string, from: string | null, result: TransitionResult, payload: Record<string, unknown> = {}): AuditRecord {
    return {
      action: 'workflow.transition',
      entityType: 'evaluation',
      entityId: caseId,
      caseId,
      fromState: from,
      toState: result.state,
      payload: { event, status: result.status, outcome: result.outcome, conditions: result.conditions, overrideReason: result.overrideReason, ...payload },
    };
  }
}
