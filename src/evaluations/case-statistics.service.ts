import { Inject, Injectable } from '@nestjs/common';
import { authorize, visibleCases } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { chinaDayOf, isWorkingDay } from '../calendar/working-days';
import type { DefinitionCatalogue } from '../definitions/definition.types';
import { DEFINITION_CATALOGUE } from '../definitions/definitions.service';
import { TaskEntity } from '../tasks/task.entity';
import { CaseRepository } from './case.repository';
import { EvaluationEntity } from './evaluation.entity';

export interface CaseStatistics {
  /** Cases by type, state and level: one row per combination that occurs. */
  cases: { type: string; state: string; level: string; count: number }[];
  overdueByDepartment: { department: string; count: number }[];
  /** Completed tasks: the median of working days from opening to completion, per stage. */
  medianWorkingDays: { stage: string; tasks: number; median: number }[];
}

/** Counts for the dashboard, over exactly the cases the caller may list. */
@Injectable()
export class CaseStatisticsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly cases: CaseRepository,
    @Inject(DEFINITION_CATALOGUE) private readonly catalogue: DefinitionCatalogue,
  ) {}

  async statistics(actor: Principal): Promise<CaseStatistics> {
    authorize(actor, 'statistics.read');
    const visible = visibleCases(actor);
    const now = this.clock.now().toISOString();
    return this.uow.read(async (m) => {
      const cases = await this.cases
        .whereCaseVisible(m.createQueryBuilder(EvaluationEntity, 'e'), visible)
        .select(['e.type AS type', 'e.state AS state', 'e.level AS level', 'COUNT(*) AS count'])
        .groupBy('e.type')
        .addGroupBy('e.state')
        .addGroupBy('e.level')
        .getRawMany<{ type: string; state: string; level: string; count: string | number }>();
      const visibleTasks = () =>
        this.cases.whereCaseVisible(
          m.createQueryBuilder(TaskEntity, 't').innerJoin(EvaluationEntity, 'e', 'e.id = t.evaluation_id'),
          visible,
        );
      const overdue = await visibleTasks()
        .select(['t.department AS department', 'COUNT(*) AS count'])
        .andWhere("t.status = 'open' AND t.due_at IS NOT NULL AND t.due_at < :now", { now })
        .groupBy('t.department')
        .getRawMany<{ department: string; count: string | number }>();
      const done = await visibleTasks()
        .select(['t.stage AS stage', 't.opened_at AS opened', 't.closed_at AS closed'])
        .andWhere("t.status = 'done' AND t.closed_at IS NOT NULL")
        .getRawMany<{ stage: string; opened: string; closed: string }>();
      return {
        cases: cases.map((r) => ({ ...r, count: Number(r.count) })),
        overdueByDepartment: overdue.map((r) => ({ department: r.department, count: Number(r.count) })),
        medianWorkingDays: this.medians(done),
      };
    });
  }

  private medians(done: { stage: string; opened: string; closed: string }[]) {
    const byStage = new Map<string, number[]>();
    for (const task of done) {
      const days = this.workingDaysBetween(new Date(task.opened), new Date(task.closed));
      byStage.set(task.stage, [...(byStage.get(task.stage) ?? []), days]);
    }
    return [...byStage].map(([stage, days]) => ({ stage, tasks: days.length, median: median(days) }));
  }

  /** Working days after the opening day up to and including the closing day, as deadlines count them. */
  private workingDaysBetween(opened: Date, closed: Date): number {
    let count = 0;
    for (let day = chinaDayOf(opened) + 1; day <= chinaDayOf(closed) && count < 3660; day++)
      if (isWorkingDay(day, this.catalogue.calendar)) count++;
    return count;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
