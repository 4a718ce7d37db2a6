import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiKeysService } from '../auth/api-keys.service';
import { CreateKeyDto } from '../auth/dto/create-key.dto';
import { ROLES } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { statusOf } from '../common/domain-error-status';
import type { FieldError } from '../common/problem';
import { validateBody } from '../common/request-validation.pipe';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DefinitionsService } from '../definitions/definitions.service';
import { localTime } from './case.view';
import { fieldErrors } from './field-errors';
import { formErrors } from './form-errors';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { t } from './console-i18n';
import { ConsolePages, seeOther, sendPage } from './console-page.decorator';
import type { FormBody } from './contract-form-input';
import { fieldId } from './contract-form.view';
import { html } from './html';
import { layout } from './layout.view';

/** Keys (issue, list, revoke) and the loaded definitions with their hashes. */
@ConsolePages()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly definitions: DefinitionsService,
    private readonly labels: ConsoleLabels,
  ) {}

  @Get('keys')
  async keysPage(@Ctx() ctx: ConsoleContext) {
    return this.page(ctx, null, {}, []);
  }

  @Post('keys')
  async issue(@Ctx() ctx: ConsoleContext, @Res() res: Response, @Body() body: FormBody) {
    const values = {
      role: one(body.role),
      name: one(body.name).trim(),
      department: one(body.department),
      creditCode: one(body.creditCode).trim(),
    };
    try {
      const dto = await validateBody(CreateKeyDto, {
        role: values.role,
        name: values.name,
        ...(values.department ? { department: values.department } : {}),
        ...(values.creditCode ? { creditCode: values.creditCode } : {}),
      });
      const issued = await this.keys.create(ctx.principal, dto);
      // The secret is in this answer only (never in a URL or a redirect), and the page is not cached.
      sendPage(res, await this.page(ctx, issued.key, {}, []));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code.startsWith('auth.')) throw error;
      sendPage(res, await this.page(ctx, null, values, fieldErrors(error, ctx.lang)), statusOf(error.code));
    }
  }

  @Post('keys/:id/revoke')
  async revoke(@Ctx() ctx: ConsoleContext, @Res() res: Response, @Param('id', UuidParamPipe) id: string) {
    await this.keys.revoke(ctx.principal, id);
    seeOther(res, '/admin/keys');
  }

  @Get('definitions')
  definitionsPage(@Ctx() ctx: ConsoleContext) {
    const lang = ctx.lang;
    const rows = this.definitions.summaries(ctx.principal);
    return layout(
      ctx,
      lang,
      t(lang, 'definitions'),
      html`<div class="scroll">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">${t(lang, 'type')}</th>
              <th scope="col">${t(lang, 'workflow')} ${t(lang, 'hash')}</th>
              <th scope="col">${t(lang, 'rules')} ${t(lang, 'hash')}</th>
              <th scope="col">${t(lang, 'rules')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (d) =>
                html`<tr>
                  <td data-label="${t(lang, 'type')}">
                    ${this.labels.type(d.type, lang)} <code>${d.type}</code>
                  </td>
                  <td data-label="${t(lang, 'workflow')}" class="mono">${d.workflowHash}</td>
                  <td data-label="${t(lang, 'rules')}" class="mono">${d.rulesHash}</td>
                  <td data-label="${t(lang, 'rules')}">${d.ruleCount}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    );
  }

  private async page(
    ctx: ConsoleContext,
    secret: string | null,
    values: Record<string, string>,
    errors: FieldError[],
  ) {
    const lang = ctx.lang;
    const keys = await this.keys.list(ctx.principal);
    const { described, at: errorAt } = formErrors(errors);
    const body = html`${
        secret
          ? html`<div class="notice ok" role="status">
              <p>${t(lang, 'secretOnce')}</p>
              <p class="secret" id="new-secret">${secret}</p>
            </div>`
          : ''
      }
      <form method="post" action="/admin/keys" class="card">
        <h2>${t(lang, 'issueKey')}</h2>
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        <div class="field">
          <label for="${fieldId('role')}">${t(lang, 'role')}</label>
          <select id="${fieldId('role')}" name="role" required ${described('role')}>
            ${ROLES.map((r) => html`<option value="${r}" ${values.role === r ? html`selected` : ''}>${this.labels.word('roles', r, lang)}</option>`)}
          </select>
          ${errorAt('role')}
        </div>
        <div class="field">
          <label for="${fieldId('name')}">${t(lang, 'name')}</label>
          <input
            type="text"
            id="${fieldId('name')}"
            name="name"
            required
            maxlength="200"
            value="${values.name ?? ''}"
            ${described('name')}
          />
          ${errorAt('name')}
        </div>
        <div class="field">
          <label for="${fieldId('department')}">${t(lang, 'department')}</label>
          <select id="${fieldId('department')}" name="department" ${described('department')}>
            <option value=""></option>
            ${this.labels
              .departments()
              .map(
                (d) =>
                  html`<option value="${d.code}" ${values.department === d.code ? html`selected` : ''}>
                    ${d[lang]}
                  </option>`,
              )}
          </select>
          ${errorAt('department')}
        </div>
        <div class="field">
          <label for="${fieldId('creditCode')}">${t(lang, 'creditCode')}</label>
          <input
            type="text"
            id="${fieldId('creditCode')}"
            name="creditCode"
            maxlength="18"
            value="${values.creditCode ?? ''}"
            ${described('creditCode')}
          />
          ${errorAt('creditCode')}
        </div>
        <button type="submit">${t(lang, 'issueKey')}</button>
      </form>
      <div class="scroll">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">${t(lang, 'name')}</th>
              <th scope="col">${t(lang, 'role')}</th>
              <th scope="col">${t(lang, 'department')}</th>
              <th scope="col">${t(lang, 'creditCode')}</th>
              <th scope="col">${t(lang, 'created')}</th>
              <th scope="col">${t(lang, 'state')}</th>
            </tr>
          </thead>
          <tbody>
            ${keys.map(
              (k) =>
                html`<tr>
                  <td data-label="${t(lang, 'name')}">${k.name}</td>
                  <td data-label="${t(lang, 'role')}">${this.labels.word('roles', k.role, lang)}</td>
                  <td data-label="${t(lang, 'department')}">${this.labels.department(k.department, lang)}</td>
                  <td data-label="${t(lang, 'creditCode')}" class="mono">${k.creditCode ?? ''}</td>
                  <td data-label="${t(lang, 'created')}">${localTime(k.createdAt)}</td>
                  <td data-label="${t(lang, 'state')}">
                    ${
                      k.revokedAt
                        ? html`${t(lang, 'revoked')} ${localTime(k.revokedAt)}`
                        : k.id === ctx.principal.keyId
                          ? ''
                          : html`<form
                              method="post"
                              action="/admin/keys/${k.id}/revoke"
                              class="inline"
                              data-confirm="${t(lang, 'revoke')}: ${k.name}?"
                            >
                              <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
                              <button
                                type="submit"
                                class="secondary"
                                aria-label="${t(lang, 'revoke')} ${k.name}"
                              >
                                ${t(lang, 'revoke')}
                              </button>
                            </form>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
    return layout(ctx, lang, t(lang, 'keys'), body);
  }
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[value.length - 1] : value) ?? '';
}
