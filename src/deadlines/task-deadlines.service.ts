import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DefinitionCatalogue } from '../definitions/definition.types';
import { DEFINITION_CATALOGUE, DefinitionsService } from '../definitions/definitions.service';
import type { AwaitedPhase } from '../workflow/workflow-context';
import type { TaskToOpen } from '../workflow/workflow.types';
import { awaitedReportsOf, reportDeadlineTimes, type ReportDeadlineTimes } from './report-deadlines';
import { stageDeadlinesOf, taskDeadlineTimes, type TaskDeadlineTimes } from './stage-deadlines';

/**
 * The deadline times of a task being opened, or of a report a case starts to wait for: its stage's limit,
 * reminder and escalation (the waiting state's report reminder) come from the workflow version the case is
 * pinned to; working days from the calendar loaded at start.
 */
@Injectable()
export class TaskDeadlines {
  constructor(
    @Inject(DEFINITION_CATALOGUE) private readonly catalogue: DefinitionCatalogue,
    private readonly definitions: DefinitionsService,
  ) {}

  /** `m`: the command's transaction (a pinned workflow version may have to be read from the database). */
  async forNewTask(
    m: EntityManager,
    workflowHash: string,
    task: TaskToOpen,
    openedAt: Date,
  ): Promise<TaskDeadlineTimes> {
    const workflow = await this.definitions.workflowByHash(m, workflowHash);
    return taskDeadlineTimes(
      openedAt,
      task.timeLimitWorkingDays,
      stageDeadlinesOf(workflow)[task.stage],
      this.catalogue.calendar,
    );
  }

  /** The reminder and overdue times of the report a case now waits for (its due date comes from the facts). */
  async forAwaitedReport(
    m: EntityManager,
    workflowHash: string,
    awaiting: AwaitedPhase,
  ): Promise<ReportDeadlineTimes> {
    const workflow = await this.definitions.workflowByHash(m, workflowHash);
    return reportDeadlineTimes(
      awaiting.dueOn,
      awaitedReportsOf(workflow)[awaiting.phase],
      this.catalogue.calendar,
    );
  }
}
