import { Injectable } from '@nestjs/common';
import { authorize, visibleTasks } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { Page } from '../common/page.query';
import { UnitOfWork } from '../database/unit-of-work';
import { DefinitionsService } from '../definitions/definitions.service';
import { CaseRepository } from '../evaluations/case.repository';
import { transition } from '../workflow/transition';
import type { TaskOutcome } from '../workflow/workflow.types';
import type { CompleteTaskDto } from './dto/complete-task.dto';
import type { ListTasksQuery } from './dto/list-tasks.query';
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

  /** Completes a task with one of its allowed outcomes and moves the case on, in one transaction. */
  async complete(actor: Principal, taskId: string, dto: CompleteTaskDto): Promise<TaskView> {
    const written = await this.uow.write(async (m) => {
      const { loaded, task } = await this.cases.loadByTask(m, taskId);
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
        completion: {
          taskKey: task.taskKey,
          outcome,
          comment: dto.comment ?? null,
          by: { id: actor.keyId, name: actor.name },
        },
        payload: { taskId, taskKey: task.taskKey, stage: task.stage, outcome, comment: dto.comment ?? null },
      });
    });
    // The task as this transaction left it, instead of reading it back.
    const row = written.tasks.find((t) => t.id === taskId);
    if (!row) throw new Error(`Task ${taskId} is not among the tasks of its case`);
    return toTaskView(row, this.clock.now());
  }
}
