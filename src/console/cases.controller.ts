import { Controller, Get, Query } from '@nestjs/common';
import { CASE_STATUSES } from '../evaluations/dto/list-evaluations.query';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { RISK_LEVELS } from '../definitions/definition.types';
import { localTime } from './case.view';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { t } from './console-i18n';
import { ConsolePages } from './console-page.decorator';
import { dataTable, pager } from './data-table.view';
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
      ${dataTable(lang, page.items, [
        { label: t(lang, 'title'), cell: (c) => html`<a href="/cases/${c.id}">${c.title}</a>` },
        { label: t(lang, 'type'), cell: (c) => this.labels.type(c.type, lang) },
        { label: t(lang, 'applicant'), cell: (c) => c.applicant.name },
        { label: t(lang, 'state'), cell: (c) => (c.stateLabel ? c.stateLabel[lang] : c.state) },
        { label: t(lang, 'level'), cell: (c) => html`${levelBadge(c.level, this.labels, lang)} ${c.score}` },
        { label: t(lang, 'outcome'), cell: (c) => this.labels.word('outcomes', c.outcome, lang) },
        { label: t(lang, 'created'), cell: (c) => localTime(c.createdAt) },
      ])}
      ${pager(lang, pageNo, PAGE_SIZE, page.total, (n) => `/cases?${params(n)}`)}`;
    return layout(ctx, lang, t(lang, ctx.principal.role === 'enterprise' ? 'myCases' : 'cases'), body);
  }
}
