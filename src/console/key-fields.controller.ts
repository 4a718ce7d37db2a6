import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { can } from '../auth/policy';
import { DomainError } from '../common/domain-error';
import { statusOf } from '../common/domain-error-status';
import type { FieldError } from '../common/problem';
import { validateBody } from '../common/request-validation.pipe';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { KeyFieldReasonDto, KeyFieldReportDto } from '../reports/dto/key-field-report.dto';
import {
  keyFieldEventAllowed,
  KeyFieldReportsService,
  policyScope,
  type KeyFieldEvent,
} from '../reports/key-field-reports.service';
import { fieldErrors } from './field-errors';
import { type ConsoleContext, Ctx } from './console-context';
import { type Lang, t } from './console-i18n';
import { ConsoleLabels } from './console-labels';
import { seeOther, sendPage } from './console-page.decorator';
import { ConsolePages } from './console-page.decorator';
import type { FormBody } from './contract-form-input';
import { formErrors } from './form-errors';
import { html } from './html';
import {
  DRAFT_FIELDS,
  type KeyFieldActions,
  keyFieldForm,
  type KeyFieldFormValues,
  keyFieldListView,
  keyFieldReportView,
} from './key-field.view';
import { layout } from './layout.view';

const EMPTY: KeyFieldFormValues = {
  field: '',
  title: '',
  body: '',
  competentDepartment: '',
  types: [],
  departments: [],
  closedFrom: '',
  closedTo: '',
};

/**
 * Key-field reports (重点领域评议报告) in the console: the IP office drafts, edits, submits, withdraws and
 * corrects; the reviewing department approves or returns. Each page offers exactly the steps the policy
 * allows this person on this report, and each step is the API's service call, with its refusals shown.
 */
@ConsolePages()
@Controller('key-fields')
export class KeyFieldsController {
  constructor(
    private readonly reports: KeyFieldReportsService,
    private readonly labels: ConsoleLabels,
  ) {}

  @Get()
  async list(@Ctx() ctx: ConsoleContext) {
    const page = await this.reports.list(ctx.principal, { page: 1, pageSize: 100 });
    const body = keyFieldListView(ctx, this.labels, page.items, can(ctx.principal, 'key-field.draft'));
    return layout(ctx, ctx.lang, t(ctx.lang, 'keyFieldReports'), body);
  }

  @Get('new')
  newDraft(@Ctx() ctx: ConsoleContext) {
    if (!can(ctx.principal, 'key-field.draft'))
      throw new DomainError(
        'auth.forbidden',
        `The ${ctx.principal.role} key may not draft key-field reports`,
      );
    return this.draftPage(ctx, { ...EMPTY, competentDepartment: ctx.principal.department ?? '' }, []);
  }

  @Post()
  async create(@Ctx() ctx: ConsoleContext, @Res() res: Response, @Body() body: FormBody) {
    const values = formValues(body);
    try {
      const created = await this.reports.create(
        ctx.principal,
        await validateBody(KeyFieldReportDto, dtoOf(values)),
      );
      seeOther(res, `/key-fields/${created.id}`);
    } catch (error) {
      sendPage(
        res,
        this.draftPage(ctx, values, refused(error, ctx.lang)),
        statusOf((error as DomainError).code),
      );
    }
  }

  @Get(':id')
  async show(@Ctx() ctx: ConsoleContext, @Param('id', UuidParamPipe) id: string) {
    return this.page(ctx, id, null);
  }

  @Post(':id')
  async edit(
    @Ctx() ctx: ConsoleContext,
    @Res() res: Response,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: FormBody,
  ) {
    const values = formValues(body);
    await this.attempt(ctx, res, id, values, async () =>
      this.reports.update(ctx.principal, id, await validateBody(KeyFieldReportDto, dtoOf(values))),
    );
  }

  @Post(':id/submit')
  async submit(@Ctx() ctx: ConsoleContext, @Res() res: Response, @Param('id', UuidParamPipe) id: string) {
    await this.attempt(ctx, res, id, null, () => this.reports.submit(ctx.principal, id));
  }

  @Post(':id/approve')
  async approve(@Ctx() ctx: ConsoleContext, @Res() res: Response, @Param('id', UuidParamPipe) id: string) {
    await this.attempt(ctx, res, id, null, () => this.reports.approve(ctx.principal, id));
  }

  @Post(':id/return')
  async returnToDraft(
    @Ctx() ctx: ConsoleContext,
    @Res() res: Response,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: FormBody,
  ) {
    await this.attempt(ctx, res, id, null, async () =>
      this.reports.returnToDraft(ctx.principal, id, await reasonOf(body)),
    );
  }

  @Post(':id/withdraw')
  async withdraw(
    @Ctx() ctx: ConsoleContext,
    @Res() res: Response,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: FormBody,
  ) {
    await this.attempt(ctx, res, id, null, async () =>
      this.reports.withdraw(ctx.principal, id, await reasonOf(body)),
    );
  }

  /** A corrected edition: a new draft in the same series, opened for editing. */
  @Post(':id/revise')
  async revise(@Ctx() ctx: ConsoleContext, @Res() res: Response, @Param('id', UuidParamPipe) id: string) {
    await this.attempt(ctx, res, id, null, () => this.reports.revise(ctx.principal, id));
  }

  /** Runs one step; on success shows the report it leads to, on a refusal this report with the reasons. */
  private async attempt(
    ctx: ConsoleContext,
    res: Response,
    id: string,
    values: KeyFieldFormValues | null,
    step: () => Promise<{ id: string }>,
  ): Promise<void> {
    try {
      const after = await step();
      seeOther(res, `/key-fields/${after.id}`);
    } catch (error) {
      const errors = refused(error, ctx.lang);
      const page = await this.page(ctx, id, { values: values ?? undefined, errors });
      sendPage(res, page, statusOf((error as DomainError).code));
    }
  }

  private async page(
    ctx: ConsoleContext,
    id: string,
    attempt: { values?: KeyFieldFormValues; errors: readonly FieldError[] } | null,
  ) {
    const report = await this.reports.get(ctx.principal, id);
    const scope = policyScope(await this.reports.load(id));
    const p = ctx.principal;
    const drafter = can(p, 'key-field.draft');
    const allowed = (event: KeyFieldEvent) => keyFieldEventAllowed(report.status, event);
    const actions: KeyFieldActions = {
      edit: drafter && report.status === 'draft', // only a draft is edited (the service checks the same)
      submit: drafter && allowed('submit'),
      review: allowed('approve') && can(p, 'key-field.review', { kind: 'key-field-report', report: scope }),
      withdraw: drafter && allowed('withdraw'),
      correct: drafter && allowed('supersede') && !report.supersededById,
    };
    const body = keyFieldReportView(ctx, this.labels, report, actions, attempt);
    return layout(ctx, ctx.lang, report.title, body);
  }

  private draftPage(ctx: ConsoleContext, values: KeyFieldFormValues, errors: FieldError[]) {
    const lang = ctx.lang;
    const body = html`${formErrors(errors).general(DRAFT_FIELDS)}
    ${keyFieldForm(ctx, this.labels, '/key-fields', values, errors)}`;
    return layout(ctx, lang, t(lang, 'newKeyFieldReport'), body);
  }
}

/** The reason a return or a withdrawal must give, checked as the API checks it. */
async function reasonOf(body: FormBody): Promise<string> {
  return (await validateBody(KeyFieldReasonDto, { reason: one(body.reason).trim() })).reason;
}

/** A refusal to show on the page; anything else (403, a fault) goes to the console's error page. */
function refused(error: unknown, lang: Lang): FieldError[] {
  if (!(error instanceof DomainError) || statusOf(error.code) >= 500 || error.code.startsWith('auth.'))
    throw error;
  return fieldErrors(error, lang);
}

function formValues(body: FormBody): KeyFieldFormValues {
  return {
    field: one(body.field).trim(),
    title: one(body.title).trim(),
    body: one(body.body).trim(),
    competentDepartment: one(body.competentDepartment),
    types: many(body.types),
    departments: many(body.departments),
    closedFrom: one(body.closedFrom),
    closedTo: one(body.closedTo),
  };
}

/** The request body the API takes, from the form: empty optional fields are left out, as a client would. */
function dtoOf(v: KeyFieldFormValues) {
  return {
    field: v.field,
    title: v.title,
    body: v.body,
    competentDepartment: v.competentDepartment,
    scope: {
      ...(v.types.length ? { types: v.types } : {}),
      ...(v.departments.length ? { departments: v.departments } : {}),
      ...(v.closedFrom ? { closedFrom: v.closedFrom } : {}),
      ...(v.closedTo ? { closedTo: v.closedTo } : {}),
    },
  };
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[value.length - 1] : value) ?? '';
}

function many(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : [value].flat();
}
