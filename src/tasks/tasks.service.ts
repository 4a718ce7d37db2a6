import { Injectable } from '@nestjs/common';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { DefinitionsService } from '../definitions/definitions.service';
import { CaseWriter } from '../evaluations/case.repository';
import { transition } from '../workflow/transition';
import type { TaskOutcome } from '../workflow/workflow.types';
import type { CompleteTaskDto } from './dto/complete-task.dto';
import type { ListTasksQuery } from './dto/list-tasks.query';
import { TaskEntity } from './task.entity';
import { toTaskView, TaskView } from './task.view';

@Injectable()
export class TasksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly definitions: DefinitionsService,
    private readonly cases: CaseWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's department inbox; auditors see every department's tasks. `overdue`: only the open tasks
   * past their due time as of now (Clock time), or only the others.
   */
  async inbox(actor: Principal, query: ListTasksQuery = {}): Promise<TaskView[]> {
    authorize(actor, 'task.list');
    const status = query.status ?? 'open';
    const now = this.clock.now();
    const rows = await this.uow.read((m) => {
      const q = m.createQueryBuilder(TaskEntity, 't');
      if (actor.role !== 'auditor') q.where('t.department = :dept', { dept: actor.department });
      q.andWhere(status === 'open' ? "t.status = 'open'" : "t.status <> 'open'");
      // ISO instants in UTC compare as text; the same test as isOverdue() in task.view.ts.
      const overdue = "(t.status = 'open' AND t.due_at IS NOT NULL AND t.due_at < :now)";
      if (query.overdue === 'true') q.andWhere(overdue, { now: now.toISOString() });
      if (query.overdue === 'false') q.andWhere(`NOT ${overdue}`, { now: now.toISOString() });
      return q.orderBy('t.opened_at', 'ASC').addOrderBy('t.id', 'ASC').limit(500).getMany();
    });
    return rows.map((t) => toTaskView(t, now));
  }

  /** Completes a task with one of its allowed outcomes and moves the case on, in one transaction. */
  async complete(actor: Principal, taskId: string, dto: CompleteTaskDto): Promise<TaskView> {
    const written = await this.uow.write(async (m) => {
      const task = await m.findOneBy(TaskEntity, { id: taskId });
      if (!task) throw new DomainError('resource.not-found', `No task with id ${taskId}`);
      const loaded = await this.cases.load(m, task.evaluationId);
      authorize(actor, 'task.complete', {
        kind: 'task',
        task: { department: task.department, case: this.cases.scopeOf(loaded) },
      });
      if (task.status !== 'open')
        throw new DomainError('workflow.task-not-open', `Task ${taskId} is already ${task.status}`);
      const workflow = await this.definitions.workflowByHash(m, loaded.evaluation.workflowHash);
      const outcome = dto.outcome as TaskOutcome;
      const result = transition(workflow, JSON.parse(loaded.evaluation.snapshot), {
        type: 'TASK_COMPLETED',
        taskKey: task.taskKey,
        outcome,
        comment: dto.comment ?? null,
        conditions: dto.conditions ?? null,
        overrideReason: dto.overrideReason ?? null,
      });
      const at = this.clock.now();
      return this.cases.update(m, actor, at, loaded, 'TASK_COMPLETED', result, {
        completion: { taskKey: task.taskKey, outcome, comment: dto.comment ?? null, by: actor.keyId },
        payload: { taskId, taskKey: task.taskKey, stage: task.stage, outcome, comment: dto.comment ?? null },
      });
    });
    // The task as this transaction left it, instead of reading it back.
    const row = written.tasks.find((t) => t.id === taskId);
    if (!row) throw new Error(`Task ${taskId} is not among the tasks of its case`);
    return toTaskView(row, this.clock.now());
  }
}
