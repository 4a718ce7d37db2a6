import { Controller, Get, Query } from '@nestjs/common';
import { can } from '../auth/policy';
import { RISK_LEVELS, type RiskLevel } from '../definitions/definition.types';
import { NotificationsService } from '../notifications/notifications.service';
import { MAX_PAGE } from '../common/page.query';
import { TasksService } from '../tasks/tasks.service';
import { localTime } from './case.view';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { type Lang, t } from './console-i18n';
import { ConsolePages } from './console-page.decorator';
import { dataTable, pager } from './data-table.view';
import { levelBadge } from './decision.view';
import { html } from './html';
import { noticesView } from './notices.view';
import { layout } from './layout.view';

/** The inbox form's choices, as the inbox query takes them (anything else in the URL is dropped). */
interface InboxFilter {
  status: 'open' | 'done';
  type?: string;
  stage?: string;
  level?: RiskLevel;
  overdue?: 'true';
  q?: string;
  page: number;
}

const INBOX_PAGE_SIZE = 20;

/** 待办/已办: the department's open and done tasks, with their cases, and its deadline notices. */
@ConsolePages()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly tasks: TasksService,
    private readonly notifications: NotificationsService,
    private readonly labels: ConsoleLabels,
  ) {}

  @Get()
  async inbox(@Ctx() ctx: ConsoleContext, @Query() query: Record<string, unknown>) {
    const f = this.filter(query);
    // The API's inbox (GET /tasks): the same visibility, filters, due-time order and paging.
    const { items: rows, total } = await this.tasks.inbox(ctx.principal, {
      status: f.status,
      type: f.type,
      stage: f.stage,
      level: f.level,
      overdue: f.overdue,
      q: f.q,
      page: f.page,
      pageSize: INBOX_PAGE_SIZE,
    });
    const notices = can(ctx.principal, 'notification.list')
      ? (await this.notifications.list(ctx.principal, { page: 1, pageSize: 5 })).items
      : [];
    const lang = ctx.lang;
    const link = (page: number) =>
      `/inbox?${new URLSearchParams({ ...stringEntries(f), page: String(page) }).toString()}`;
    const body = html`${noticesView(notices, this.labels, lang)}
      <form method="get" action="/inbox" class="filters card" role="search">
        <input type="hidden" name="status" value="${f.status}" />
        ${this.select(
          lang,
          'type',
          f.type,
          this.labels.types().map((v) => [v, this.labels.type(v, lang)]),
        )}
        ${this.select(
          lang,
          'stage',
          f.stage,
          this.labels.stages().map((v) => [v, this.stageName(v, lang)]),
        )}
        ${this.select(
          lang,
          'level',
          f.level,
          RISK_LEVELS.map((v) => [v, this.labels.word('levels', v, lang)]),
        )}
        <div class="field">
          <label class="check"
            ><input
              type="checkbox"
              name="overdue"
              value="true"
              ${f.overdue === 'true' ? html`checked` : ''}
            />${t(lang, 'overdueOnly')}</label
          >
        </div>
        <div class="field">
          <label for="q">${t(lang, 'search')}</label>
          <input type="text" id="q" name="q" value="${f.q ?? ''}" maxlength="100" />
        </div>
        <button type="submit">${t(lang, 'filter')}</button>
      </form>
      ${dataTable(lang, rows, [
        {
          label: t(lang, 'title'),
          cell: (r) => html`<a href="/cases/${r.evaluationId}">${r.case.title}</a>`,
        },
        { label: t(lang, 'type'), cell: (r) => this.labels.type(r.case.type, lang) },
        { label: t(lang, 'applicant'), cell: (r) => r.case.applicantName },
        {
          label: t(lang, 'stage'),
          cell: (r) =>
            html`${this.labels.stage(r.case.type, r.stage, lang)} ·
            ${this.labels.department(r.department, lang)}`,
        },
        { label: t(lang, 'level'), cell: (r) => levelBadge(r.case.level, this.labels, lang) },
        f.status === 'open'
          ? {
              label: t(lang, 'due'),
              cell: (r) =>
                html`${localTime(r.dueAt)} ${r.overdue ? html`<strong>${t(lang, 'overdue')}</strong>` : ''}`,
              cellClass: (r) => (r.overdue ? 'overdue' : ''),
            }
          : {
              label: t(lang, 'outcome'),
              cell: (r) =>
                html`${r.outcome ? this.labels.word('outcomes', r.outcome, lang) : this.labels.word('taskStatuses', r.status, lang)}
                ${localTime(r.closedAt)}`,
            },
      ])}
      ${pager(lang, f.page, INBOX_PAGE_SIZE, total, link)}`;
    return layout(ctx, lang, t(lang, f.status === 'open' ? 'inbox' : 'done'), body);
  }

  private filter(q: Record<string, unknown>): InboxFilter {
    const pick = (value: unknown, allowed: readonly string[]) =>
      typeof value === 'string' && allowed.includes(value) ? value : undefined;
    const page = Number(q.page);
    return {
      status: q.status === 'done' ? 'done' : 'open',
      type: pick(q.type, this.labels.types()),
      stage: pick(q.stage, this.labels.stages()),
      level: pick(q.level, RISK_LEVELS) as RiskLevel | undefined,
      overdue: q.overdue === 'true' ? 'true' : undefined,
      q: typeof q.q === 'string' && q.q.trim() !== '' ? q.q.trim().slice(0, 100) : undefined,
      page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    };
  }

  private stageName(stage: string, lang: Lang): string {
    return this.labels.stage(this.labels.types()[0], stage, lang);
  }

  private select(
    lang: Lang,
    name: 'type' | 'stage' | 'level',
    value: string | undefined,
    options: string[][],
  ) {
    return html`<div class="field">
      <label for="filter-${name}">${t(lang, name)}</label>
      <select id="filter-${name}" name="${name}">
        <option value="">${t(lang, 'any')}</option>
        ${options.map(([v, label]) => html`<option value="${v}" ${v === value ? html`selected` : ''}>${label}</option>`)}
      </select>
    </div>`;
  }
}

function stringEntries(f: InboxFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(f))
    if (value !== undefined && key !== 'page') out[key] = String(value);
  return out;
}
