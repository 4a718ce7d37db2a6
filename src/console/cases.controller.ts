import { Controller, Get, Query } from '@nestjs/common';
import { CASE_STATUSES } from '../evaluations/dto/list-evaluations.query';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { RISK_LEVELS } from '../definitions/definition.types';
import { localTime } from './case.view';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { t } from './console-i18n';
import { ConsolePages } from './console-page.decorator';
import { levelBadge } from './decision.view';
import { html } from './html';
import { noticesView } from './notices.view';
import { can } from '../auth/policy';
import { NotificationsService } from '../notifications/notifications.service';
import { layout } from './layout.view';

const PAGE_SIZE = 20;

/** The cases the person may see (the list GET /evaluations answers them), newest first. */
@ConsolePages()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly labels: ConsoleLabels,
    private readonly notifications: NotificationsService,
  ) {}

  @Get()
  async list(@Ctx() ctx: ConsoleContext, @Query() q: Record<string, unknown>) {
    const lang = ctx.lang;
    const type = this.labels.types().find((v) => v === q.type);
    const level = RISK_LEVELS.find((v) => v === q.level);
    const status = CASE_STATUSES.find((v) => v === q.status);
    const pageNo =
      Number.isInteger(Number(q.page)) && Number(q.page) >= 1 ? Math.min(Number(q.page), 10_000) : 1;
    const page = await this.evaluations.list(ctx.principal, {
      type,
      level,
      status,
      page: pageNo,
      pageSize: PAGE_SIZE,
    });
    const params = (n: number) =>
      new URLSearchParams({
        ...(type ? { type } : {}),
        ...(level ? { level } : {}),
        ...(status ? { status } : {}),
        page: String(n),
      }).toString();
    // Officers have no inbox: their department's deadline notices are shown above its cases.
    const notices =
      ctx.principal.role === 'officer' && can(ctx.principal, 'notification.list')
        ? (await this.notifications.list(ctx.principal, { page: 1, pageSize: 5 })).items
        : [];
    const body = html`${noticesView(notices, this.labels, lang)}
      <form method="get" action="/cases" class="filters card" role="search">
        <div class="field">
          <label for="filter-type">${t(lang, 'type')}</label>
          <select id="filter-type" name="type">
            <option value="">${t(lang, 'any')}</option>
            ${this.labels.types().map((v) => html`<option value="${v}" ${v === type ? html`selected` : ''}>${this.labels.type(v, lang)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-level">${t(lang, 'level')}</label>
          <select id="filter-level" name="level">
            <option value="">${t(lang, 'any')}</option>
            ${RISK_LEVELS.map((v) => html`<option value="${v}" ${v === level ? html`selected` : ''}>${this.labels.word('levels', v, lang)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-status">${t(lang, 'state')}</label>
          <select id="filter-status" name="status">
            <option value="">${t(lang, 'any')}</option>
            ${CASE_STATUSES.map((v) => html`<option value="${v}" ${v === status ? html`selected` : ''}>${this.labels.word('caseStatuses', v, lang)}</option>`)}
          </select>
        </div>
        <button type="submit">${t(lang, 'filter')}</button>
      </form>
      ${
        page.items.length === 0
          ? html`<p>${t(lang, 'nothing')}</p>`
          : html`<div class="scroll">
              <table class="stack">
                <thead>
                  <tr>
                    <th scope="col">${t(lang, 'title')}</th>
                    <th scope="col">${t(lang, 'type')}</th>
                    <th scope="col">${t(lang, 'applicant')}</th>
                    <th scope="col">${t(lang, 'state')}</th>
                    <th scope="col">${t(lang, 'level')}</th>
                    <th scope="col">${t(lang, 'outcome')}</th>
                    <th scope="col">${t(lang, 'created')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${page.items.map(
                    (c) =>
                      html`<tr>
                        <td data-label="${t(lang, 'title')}"><a href="/cases/${c.id}">${c.title}</a></td>
                        <td data-label="${t(lang, 'type')}">${this.labels.type(c.type, lang)}</td>
                        <td data-label="${t(lang, 'applicant')}">${c.applicant.name}</td>
                        <td data-label="${t(lang, 'state')}">
                          ${c.stateLabel ? c.stateLabel[lang] : c.state}
                        </td>
                        <td data-label="${t(lang, 'level')}">
                          ${levelBadge(c.level, this.labels, lang)} ${c.score}
                        </td>
                        <td data-label="${t(lang, 'outcome')}">
                          ${this.labels.word('outcomes', c.outcome, lang)}
                        </td>
                        <td data-label="${t(lang, 'created')}">${localTime(c.createdAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <nav class="pager" aria-label="${t(lang, 'page')}">
        ${pageNo > 1 ? html`<a href="/cases?${params(pageNo - 1)}">${t(lang, 'previous')}</a>` : ''}
        <span>${t(lang, 'page')} ${pageNo} / ${Math.max(1, Math.ceil(page.total / PAGE_SIZE))}</span>
        ${pageNo * PAGE_SIZE < page.total ? html`<a href="/cases?${params(pageNo + 1)}">${t(lang, 'next')}</a>` : ''}
      </nav>`;
    return layout(ctx, lang, t(lang, ctx.principal.role === 'enterprise' ? 'myCases' : 'cases'), body);
  }
}
