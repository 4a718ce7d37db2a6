import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AssessmentsService } from '../assessments/assessments.service';
import { CreateAssessmentDto } from '../assessments/dto/create-assessment.dto';
import { DomainError } from '../common/domain-error';
import { statusOf } from '../common/domain-error-status';
import type { FieldError } from '../common/problem';
import { validateBody } from '../common/request-validation.pipe';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DefinitionsService } from '../definitions/definitions.service';
import { CreateEvaluationDto } from '../evaluations/dto/create-evaluation.dto';
import { ResubmitEvaluationDto } from '../evaluations/dto/resubmit-evaluation.dto';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { fieldErrors } from './field-errors';
import { formErrors } from './form-errors';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { type Lang, t } from './console-i18n';
import { ConsolePages, seeOther, sendPage } from './console-page.decorator';
import { type FormBody, readContractForm } from './contract-form-input';
import { fieldId } from './contract-form.view';
import { factsFormPage, typeChoicePage } from './facts-form.view';
import { html } from './html';

/**
 * The forms generated from the facts contracts: submit an evaluation, ask for an instant assessment
 * (or rerun one with changed facts), resubmit a returned case. Each posts to the same service the API
 * calls, after the API's own validation of the body.
 */
@ConsolePages()
@Controller()
export class SubmitController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly assessments: AssessmentsService,
    private readonly labels: ConsoleLabels,
    private readonly definitions: DefinitionsService,
  ) {}

  @Get('submit')
  submitChoice(@Ctx() ctx: ConsoleContext) {
    return typeChoicePage(ctx, this.labels, t(ctx.lang, 'submit'), '/submit');
  }

  @Get('assess')
  assessChoice(@Ctx() ctx: ConsoleContext) {
    return typeChoicePage(ctx, this.labels, t(ctx.lang, 'assess'), '/assess');
  }

  @Get('submit/:type')
  submitForm(@Ctx() ctx: ConsoleContext, @Param('type') type: string) {
    return this.submitPage(ctx, type, this.defaults(ctx, type), []);
  }

  @Post('submit/:type')
  async submit(
    @Ctx() ctx: ConsoleContext,
    @Res() res: Response,
    @Param('type') type: string,
    @Body() body: FormBody,
  ) {
    const values = {
      type,
      title: one(body.title),
      competentDepartment: one(body.competentDepartment),
      publicationConsent: consentOf(body),
      ...readContractForm(this.labels.fields(type), body),
    };
    await this.attempt(
      ctx,
      res,
      async () => {
        const view = await this.evaluations.create(
          ctx.principal,
          await validateBody(CreateEvaluationDto, values),
        );
        return `/cases/${view.id}`;
      },
      (errors) => this.submitPage(ctx, type, values, errors),
    );
  }

  @Get('assess/:type')
  async assessForm(@Ctx() ctx: ConsoleContext, @Param('type') type: string, @Query('from') from?: string) {
    // A rerun starts from the facts of the earlier assessment (read with the same check as viewing it).
    const values =
      from && /^[0-9a-f-]{36}$/.test(from) ? await this.rerunValues(ctx, from) : this.defaults(ctx, type);
    return this.assessPage(ctx, type, values, [], from);
  }

  @Post('assess/:type')
  async assess(
    @Ctx() ctx: ConsoleContext,
    @Res() res: Response,
    @Param('type') type: string,
    @Body() body: FormBody,
    @Query('from') from?: string,
  ) {
    const values = { type, ...readContractForm(this.labels.fields(type), body) };
    await this.attempt(
      ctx,
      res,
      async () => {
        const view = await this.assessments.create(
          ctx.principal,
          await validateBody(CreateAssessmentDto, values),
        );
        const previous = from && /^[0-9a-f-]{36}$/.test(from) ? `/compare/${from}` : '';
        return `/my-assessments/${view.id}${previous}`;
      },
      (errors) => this.assessPage(ctx, type, values, errors, from),
    );
  }

  @Get('cases/:id/resubmit')
  async resubmitForm(@Ctx() ctx: ConsoleContext, @Param('id', UuidParamPipe) id: string) {
    const view = await this.evaluations.get(ctx.principal, id, false);
    const facts = await this.evaluations.currentFacts(ctx.principal, id);
    return this.resubmitPage(ctx, id, view.type, { facts, publicationConsent: view.publicationConsent }, []);
  }

  @Post('cases/:id/resubmit')
  async resubmit(
    @Ctx() ctx: ConsoleContext,
    @Res() res: Response,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: FormBody,
  ) {
    const view = await this.evaluations.get(ctx.principal, id, false);
    // The box shows the consent as it stands, so what it sends is the applicant's choice either way.
    const values = {
      ...readContractForm(this.factFields(view.type), body),
      publicationConsent: consentOf(body),
    };
    await this.attempt(
      ctx,
      res,
      async () => {
        await this.evaluations.resubmit(ctx.principal, id, await validateBody(ResubmitEvaluationDto, values));
        return `/cases/${id}`;
      },
      (errors) => this.resubmitPage(ctx, id, view.type, values, errors),
    );
  }

  /** Runs the command; on a refusal of the input, the form again with the API's errors at their fields. */
  private async attempt(
    ctx: ConsoleContext,
    res: Response,
    run: () => Promise<string>,
    again: (errors: FieldError[]) => ReturnType<typeof factsFormPage>,
  ): Promise<void> {
    try {
      seeOther(res, await run());
    } catch (error) {
      if (!(error instanceof DomainError) || error.code.startsWith('auth.') || statusOf(error.code) >= 500)
        throw error;
      sendPage(res, again(fieldErrors(error, ctx.lang)), statusOf(error.code));
    }
  }

  /** An officer submits for their own department; others start from the type's usual competent department. */
  private defaults(ctx: ConsoleContext, type: string): Record<string, unknown> {
    const p = ctx.principal;
    return {
      competentDepartment: p.department ?? this.definitions.active(type).competentDepartments[0] ?? '',
      applicant: p.creditCode ? { creditCode: p.creditCode } : {},
    };
  }

  private async rerunValues(ctx: ConsoleContext, from: string): Promise<Record<string, unknown>> {
    const { applicant, ...facts } = await this.assessments.facts(ctx.principal, from);
    return { applicant, facts };
  }

  private factFields(type: string) {
    return this.labels.fields(type).filter((f) => f.path.startsWith('facts.'));
  }

  private submitPage(
    ctx: ConsoleContext,
    type: string,
    values: Record<string, unknown>,
    errors: FieldError[],
  ) {
    const lang = ctx.lang;
    const shown = formErrors(errors);
    const title = typeof values.title === 'string' ? values.title : '';
    const dept = typeof values.competentDepartment === 'string' ? values.competentDepartment : '';
    const envelope = html`<div class="field">
        <label for="${fieldId('title')}">${t(lang, 'title')} <span aria-hidden="true">*</span></label>
        <input
          type="text"
          id="${fieldId('title')}"
          name="title"
          required
          maxlength="300"
          value="${title}"
          ${shown.described('title')}
        />
        ${shown.at('title')}
      </div>
      <div class="field">
        <label for="${fieldId('competentDepartment')}"
          >${t(lang, 'competentDepartment')} <span aria-hidden="true">*</span></label
        >
        <select
          id="${fieldId('competentDepartment')}"
          name="competentDepartment"
          required
          ${shown.described('competentDepartment')}
        >
          <option value=""></option>
          ${this.labels
            .departments()
            .map(
              (d) =>
                html`<option value="${d.code}" ${d.code === dept ? html`selected` : ''}>${d[lang]}</option>`,
            )}
        </select>
        ${shown.at('competentDepartment')}
      </div>
      ${consentField(lang, values.publicationConsent === true)}`;
    return factsFormPage(ctx, {
      title: `${t(lang, 'submit')} · ${this.labels.type(type, lang)}`,
      action: `/submit/${type}`,
      envelope,
      fields: this.labels.fields(type),
      values,
      errors,
    });
  }

  private assessPage(
    ctx: ConsoleContext,
    type: string,
    values: unknown,
    errors: FieldError[],
    from?: string,
  ) {
    const rerun = from && /^[0-9a-f-]{36}$/.test(from) ? `?from=${from}` : '';
    return factsFormPage(ctx, {
      title: `${t(ctx.lang, rerun ? 'rerun' : 'assess')} · ${this.labels.type(type, ctx.lang)}`,
      action: `/assess/${type}${rerun}`,
      envelope: html``,
      fields: this.labels.fields(type),
      values,
      errors,
    });
  }

  private resubmitPage(ctx: ConsoleContext, id: string, type: string, values: unknown, errors: FieldError[]) {
    return factsFormPage(ctx, {
      title: `${t(ctx.lang, 'resubmit')} · ${this.labels.type(type, ctx.lang)}`,
      action: `/cases/${id}/resubmit`,
      envelope: consentField(
        ctx.lang,
        (values as { publicationConsent?: unknown }).publicationConsent === true,
      ),
      fields: this.factFields(type),
      values,
      errors,
    });
  }
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[value.length - 1] : value) ?? '';
}

/** A checked box sends "true"; an unchecked one sends nothing, which is no consent. */
function consentOf(body: FormBody): boolean {
  return one(body.publicationConsent) === 'true';
}

/** Whether the applicant agrees to be named in published key-field reports (off unless chosen). */
function consentField(lang: Lang, checked: boolean) {
  return html`<div class="field">
    <label
      ><input
        type="checkbox"
        id="${fieldId('publicationConsent')}"
        name="publicationConsent"
        value="true"
        aria-describedby="${fieldId('publicationConsent')}-help"
        ${checked ? html`checked` : ''}
      />
      ${t(lang, 'publicationConsent')}</label
    >
    <p class="help" id="${fieldId('publicationConsent')}-help">${t(lang, 'publicationConsentHelp')}</p>
  </div>`;
}
