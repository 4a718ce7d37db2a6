import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { authorize, visibleTasks } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { Page } from '../common/page.query';
import { UnitOfWork } from '../database/unit-of-work';
import { DefinitionsService } from '../definitions/definitions.service';
import { CaseRepository, type CaseRows } from '../evaluations/case.repository';
import { transition } from '../workflow/transition';
import type { TaskOutcome, TransitionResult } from '../workflow/workflow.types';
import type { CompleteTaskDto } from './dto/complete-task.dto';
import type { ListTasksQuery } from './dto/list-tasks.query';
import type { TaskEntity } from './task.entity';
import { InboxTaskView, toInboxTaskView, toTaskView, TaskView } from './task.view';

@Injectable()
export class TasksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly definitions: DefinitionsService,
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's inbox (待办, `status=open`, the default) or done tasks (已办, `status=done`): the tasks the
   * policy lets the caller see, the earliest due first, a page at a time, each with its case's title, type,
   * applicant and level. `overdue`: only the open tasks past their due time as of now (Clock time), or
   * only the others. The console's inbox page calls this same method.
   */
  async inbox(actor: Principal, query: ListTasksQuery): Promise<Page<InboxTaskView>> {
    authorize(actor, 'task.list');
    if (query.type !== undefined) this.definitions.requested(query.type);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const now = this.clock.now();
    const filter = {
      status: query.status ?? 'open',
      stage: query.stage,
      type: query.type,
      level: query.level,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      q: query.q,
    };
    const { rows, total } = await this.uow.read((m) =>
      this.cases.tasks(m, visibleTasks(actor), filter, { page, pageSize }, now),
    );
    return { items: rows.map((r) => toInboxTaskView(r.task, r.case, now)), page, pageSize, total };
  }

  /**
   * Completes a task with one of its allowed outcomes and moves the case on, in one transaction.
   *
   * The case is read and its transition worked out before the command queues for the writer: on SQLite the
   * writer is one connection that every command waits for, and reading the case and running the workflow
   * there was a third of the time a completion held it. The write checks the case's version as it always
   * did, so a change that came in between (another department's parallel task, a deemed answer) fails it;
   * the command then runs again with the case read inside the write, where nothing can come in between on
   * SQLite, and PostgreSQL answers a conflict that is still there with a 409, as before.
   */
  async complete(actor: Principal, taskId: string, dto: CompleteTaskDto): Promise<TaskView> {
    // One query: the case and its tasks; a workflow the cache does not hold yet is an immutable row.
    const early = await this.uow.read(async (m) => this.plan(m, actor, taskId, dto), {
      singleStatement: true,
    });
    const written = await this.uow
      .write((m) => this.save(m, actor, early))
      .catch((error: unknown) => {
        if (!(error instanceof DomainError) || error.code !== 'case.version-conflict') throw error;
        return this.uow.write(async (m) => this.save(m, actor, await this.plan(m, actor, taskId, dto)));
      });
    // The task as this transaction left it, instead of reading it back.
    const row = written.tasks.find((t) => t.id === taskId);
    if (!row) throw new Error(`Task ${taskId} is not among the tasks of its case`);
    return toTaskView(row, this.clock.now());
  }

  /** Reads the case of the task, checks the completion is allowed and works out the transition. */
  private async plan(
    m: EntityManager,
    actor: Principal,
    taskId: string,
    dto: CompleteTaskDto,
  ): Promise<PlannedCompletion> {
    const { loaded, task } = await this.cases.loadByTask(m, taskId);
    authorize(actor, 'task.complete', {
      kind: 'task',
      task: { department: task.department, case: this.cases.scopeOf(loaded) },
    });
    if (task.status !== 'open')
      throw new DomainError('workflow.task-not-open', `Task ${taskId} is already ${task.status}`);
    const workflow = await this.definitions.workflowByHash(m, loaded.evaluation.workflowHash);
    const outcome = dto.outcome as TaskOutcome;
    const comment = dto.comment ?? null;
    const result = transition(workflow, JSON.parse(loaded.evaluation.snapshot), {
      type: 'TASK_COMPLETED',
      taskKey: task.taskKey,
      outcome,
      comment,
      conditions: dto.conditions ?? null,
      overrideReason: dto.overrideReason ?? null,
    });
    return { loaded, task, outcome, comment, result };
  }

  /** Writes a planned completion; fails with case.version-conflict if the case changed since it was read. */
  private save(m: EntityManager, actor: Principal, planned: PlannedCompletion): Promise<CaseRows> {
    const { loaded, task, outcome, comment, result } = planned;
    // Clock time inside the write, so the trail's times follow its order.
    return this.cases.update(m, actor, this.clock.now(), loaded, 'TASK_COMPLETED', result, {
      completion: { taskKey: task.taskKey, outcome, comment, by: { id: actor.keyId, name: actor.name } },
      payload: { taskId: task.id, taskKey: task.taskKey, stage: task.stage, outcome, comment },
    });
  }
}

/** A completion worked out from the case as read: what `save` writes. */
interface PlannedCompletion {
  loaded: CaseRows;
  task: TaskEntity;
  outcome: TaskOutcome;
  comment: string | null;
  result: TransitionResult;
}
