import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditExportService } from '../audit/audit-export.service';
import { CaseReplayService } from '../evaluations/case-replay.service';
import { CaseTrailService } from '../evaluations/case-trail.service';
import { ndjsonFile } from '../audit/ndjson-file';
import { can } from '../auth/policy';
import { DomainError } from '../common/domain-error';
import type { FieldError } from '../common/problem';
import { statusOf } from '../common/domain-error-status';
import { validateBody } from '../common/request-validation.pipe';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { UnitOfWork } from '../database/unit-of-work';
import { DefinitionsService } from '../definitions/definitions.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { CompleteTaskDto } from '../tasks/dto/complete-task.dto';
import { TasksService } from '../tasks/tasks.service';
import { caseScopeOfView } from './case-scope';
import { type CasePage, casePage } from './case.view';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { t } from './console-i18n';
import { ConsolePages, seeOther, sendPage } from './console-page.decorator';
import { fieldErrors } from './field-errors';
import type { FormBody } from './contract-form-input';
import { html } from './html';
import { layout } from './layout.view';
import { ReportsService } from '../reports/reports.service';

/** Workflow refusals that concern one field of the task form: shown at that field. */
/** The case page: facts, decision, diagram, approval record, and the person's task form. */
@ConsolePages()
@Controller('cases')
export class CaseController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly tasks: TasksService,
    private readonly trails: CaseTrailService,
    private readonly replays: CaseReplayService,
    private readonly exports: AuditExportService,
    private readonly definitions: DefinitionsService,
    private readonly labels: ConsoleLabels,
    private readonly reports: ReportsService,
    private readonly uow: UnitOfWork,
  ) {}

  @Get(':id')
  async show(
    @Ctx() ctx: ConsoleContext,
    @Param('id', UuidParamPipe) id: string,
    @Query('done') done?: string,
  ) {
    const notice = done
      ? ctx.lang === 'zh'
        ? `已办理：${this.labels.word('outcomes', done, 'zh')}`
        : `Done: ${this.labels.word('outcomes', done, 'en')}`
      : null;
    return casePage(ctx, this.labels, await this.page(ctx, id, notice));
  }

  @Post(':id/tasks/:taskId')
  async complete(
    @Ctx() ctx: ConsoleContext,
    @Res() res: Response,
    @Param('id', UuidParamPipe) id: string,
    @Param('taskId', UuidParamPipe) taskId: string,
    @Body() body: FormBody,
  ) {
    const values = {
      outcome: text(body.outcome),
      comment: text(body.comment),
      conditions: text(body.conditions),
      overrideReason: text(body.overrideReason),
    };
    const conditions = values.conditions
      .split(/\r?\n/)
      .map((c) => c.trim())
      .filter(Boolean);
    try {
      const dto = await validateBody(CompleteTaskDto, {
        outcome: values.outcome,
        ...(values.comment.trim() ? { comment: values.comment.trim() } : {}),
        ...(conditions.length ? { conditions } : {}),
        ...(values.overrideReason.trim() ? { overrideReason: values.overrideReason.trim() } : {}),
      });
      const task = await this.tasks.complete(ctx.principal, taskId, dto);
      seeOther(res, `/cases/${id}?done=${encodeURIComponent(task.outcome ?? '')}`);
    } catch (error) {
      if (!(error instanceof DomainError) || statusOf(error.code) >= 500 || error.code.startsWith('auth.'))
        throw error;
      const errors = fieldErrors(error, ctx.lang);
      const page = await this.page(ctx, id, null, { taskId, values, errors });
      sendPage(res, casePage(ctx, this.labels, page), statusOf(error.code));
    }
  }

  @Post(':id/replay')
  async replay(@Ctx() ctx: ConsoleContext, @Param('id', UuidParamPipe) id: string) {
    const report = await this.replays.replay(ctx.principal, id);
    const lang = ctx.lang;
    return layout(
      ctx,
      lang,
      t(lang, 'replay'),
      html`<p class="notice ${report.identical ? 'ok' : 'bad'}" role="status">
          ${t(lang, report.identical ? 'identical' : 'differs')}
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">${t(lang, 'rules')}</th>
              <th scope="col">${t(lang, 'result')}</th>
            </tr>
          </thead>
          <tbody>
            ${report.rounds.map(
              (r) =>
                html`<tr>
                  <td>${r.round}</td>
                  <td class="mono">${r.rulesHash.slice(0, 16)}…</td>
                  <td>
                    ${t(lang, r.identical && r.definitionIntact && r.trail === 'matches' ? 'identical' : 'differs')}
                    ${r.differences.map((d) => html`<br /><code>${d.path}</code>`)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <p><a href="/cases/${id}">${t(lang, 'back')}</a></p>`,
    );
  }

  @Get(':id/export')
  async export(@Ctx() ctx: ConsoleContext, @Param('id', UuidParamPipe) id: string) {
    return ndjsonFile(await this.exports.exportCase(ctx.principal, id));
  }

  private async page(
    ctx: ConsoleContext,
    id: string,
    notice: string | null,
    attempt?: { taskId: string; values: Record<string, string>; errors: FieldError[] },
  ): Promise<CasePage> {
    const view = await this.evaluations.get(ctx.principal, id);
    const trail = await this.trails.trail(ctx.principal, id);
    const scope = caseScopeOfView(view);
    const decided = trail.filter((e) => e.action === 'decision.made');
    // The facts of the latest decision, shaped like the request (applicant beside facts) for the labels.
    const latest = (decided.length ? decided[decided.length - 1].payload.facts : {}) as Record<
      string,
      unknown
    >;
    const { applicant, ...rest } = latest;
    const facts = { applicant, facts: rest };
    const hash = view.definition.workflowHash; // the version the case is pinned to
    const workflow =
      this.definitions.cachedWorkflow(hash) ??
      (await this.uow.read((m) => this.definitions.workflowByHash(m, hash)));
    // The report's diagram, drawn once for both.
    const diagramSvg = await this.reports.workflowDiagram(workflow.machine, trail, view.state, ctx.lang);
    return {
      view,
      trail,
      facts,
      diagramSvg,
      forms: view.tasks
        .filter((task) =>
          can(ctx.principal, 'task.complete', {
            kind: 'task',
            task: { department: task.department, case: scope },
          }),
        )
        .map((task) => ({
          task,
          values: attempt?.taskId === task.id ? attempt.values : {},
          errors: attempt?.taskId === task.id ? attempt.errors : [],
        })),
      canResubmit:
        view.state === 'supplement' &&
        can(ctx.principal, 'evaluation.resubmit', { kind: 'case', case: scope }),
      canReplay: can(ctx.principal, 'audit.replay', { kind: 'case', case: scope }),
      notice,
    };
  }
}

function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[value.length - 1] ?? '') : (value ?? '');
}
