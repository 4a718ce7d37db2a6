import { Controller, Get, Query } from '@nestjs/common';
import { AuditEventsService } from '../audit/audit-events.service';
import { AuditEventsQuery, AuditExportQuery } from '../audit/audit-events.query';
import { AuditExportService } from '../audit/audit-export.service';
import { AuditVerificationService } from '../audit/audit-verification.service';
import { ndjsonFile } from '../audit/ndjson-file';
import { DomainError } from '../common/domain-error';
import type { FieldError } from '../common/problem';
import { requestValidationPipe } from '../common/request-validation.pipe';
import { localTime } from './case.view';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { t, type UiWord } from './console-i18n';
import { ConsolePages } from './console-page.decorator';
import { fieldId } from './contract-form.view';
import { html } from './html';
import { layout } from './layout.view';
import { fieldErrors } from './field-errors';
import { formErrors } from './form-errors';

const FILTERS = ['caseId', 'department', 'action', 'from', 'to'] as const;
const FILTER_LABELS: Record<(typeof FILTERS)[number], UiWord> = {
  caseId: 'caseId',
  department: 'department',
  action: 'action',
  from: 'from',
  to: 'to',
};

/** The auditor's page: verify the chain, the signed head, the filtered timeline, the export. */
@ConsolePages()
@Controller('auditor')
export class AuditPagesController {
  constructor(
    private readonly verification: AuditVerificationService,
    private readonly events: AuditEventsService,
    private readonly exports: AuditExportService,
    private readonly labels: ConsoleLabels,
  ) {}

  @Get()
  async audit(@Ctx() ctx: ConsoleContext, @Query() q: Record<string, unknown>) {
    const lang = ctx.lang;
    const verified = q.verify === '1' ? await this.verification.verify(ctx.principal, {}) : null;
    const head = await this.verification.head(ctx.principal).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'resource.not-found') return null;
      throw error;
    });
    // The timeline's filters go through the API's validation of GET /audit/events; blank ones are unset.
    const given = Object.fromEntries(
      [...FILTERS, 'page'].flatMap((k) => (typeof q[k] === 'string' && q[k] !== '' ? [[k, q[k]]] : [])),
    );
    let errors: FieldError[] = [];
    let query: AuditEventsQuery = { page: 1, pageSize: 50 };
    try {
      query = (await requestValidationPipe.transform(
        { ...given, pageSize: '50' },
        { type: 'query', metatype: AuditEventsQuery },
      )) as AuditEventsQuery;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors = fieldErrors(error, ctx.lang);
    }
    const timeline = await this.events.list(ctx.principal, errors.length ? { page: 1, pageSize: 50 } : query);
    const pageLink = (page: number) => {
      const filters = Object.fromEntries(
        FILTERS.flatMap((k) => (typeof given[k] === 'string' ? [[k, given[k] as string]] : [])),
      );
      return `/auditor?${new URLSearchParams({ ...filters, page: String(page) }).toString()}`;
    };
    const shown = formErrors(errors);
    const body = html`<div class="grid">
        <section class="card" aria-labelledby="verify">
          <h2 id="verify">${t(lang, 'verify')}</h2>
          ${
            verified
              ? verified.ok
                ? html`<p class="notice ok" role="status">
                    ${t(lang, 'chainIntact')}: ${verified.events} ${t(lang, 'events')}, head
                    #${verified.head.seq} (${verified.durationMs} ms)
                  </p>`
                : html`<p class="notice bad" role="alert">
                    ${t(lang, 'chainBroken')}: #${verified.seq} ${verified.kind} — ${verified.message}
                  </p>`
              : ''
          }
          <form method="get" action="/auditor">
            <input type="hidden" name="verify" value="1" />
            <button type="submit">${t(lang, 'verify')}</button>
          </form>
          <p><a href="/auditor/export" download>${t(lang, 'export')}</a></p>
        </section>
        <section class="card" aria-labelledby="head">
          <h2 id="head">${t(lang, 'signedHead')}</h2>
          ${
            head
              ? html`<dl class="kv">
                  <dt>seq</dt>
                  <dd>${head.seq}</dd>
                  <dt>${t(lang, 'hash')}</dt>
                  <dd class="mono">${head.hash}</dd>
                  <dt>key</dt>
                  <dd class="mono">${head.keyId}</dd>
                  <dt>${head.algorithm}</dt>
                  <dd class="mono">${head.signature}</dd>
                </dl>`
              : html`<p>${t(lang, 'nothing')}</p>`
          }
        </section>
      </div>
      <section aria-labelledby="timeline">
        <h2 id="timeline">${t(lang, 'timeline')}</h2>
        <form method="get" action="/auditor" class="filters card" role="search">
          ${FILTERS.map(
            (name) =>
              html`<div class="field">
                <label for="${fieldId(name)}">${t(lang, FILTER_LABELS[name])}</label>
                <input
                  type="text"
                  id="${fieldId(name)}"
                  name="${name}"
                  value="${typeof given[name] === 'string' ? given[name] : ''}"
                  ${shown.described(name)}
                />
                ${shown.at(name)}
              </div>`,
          )}
          <button type="submit">${t(lang, 'filter')}</button>
        </form>
        <div class="scroll">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">seq</th>
                <th scope="col">${t(lang, 'time')}</th>
                <th scope="col">${t(lang, 'actor')}</th>
                <th scope="col">${t(lang, 'action')}</th>
                <th scope="col">${t(lang, 'cases')}</th>
                <th scope="col">${t(lang, 'outcome')}</th>
              </tr>
            </thead>
            <tbody>
              ${timeline.items.map(
                (e) =>
                  html`<tr>
                    <td data-label="seq">${e.seq}</td>
                    <td data-label="${t(lang, 'time')}">${localTime(e.occurredAt)}</td>
                    <td data-label="${t(lang, 'actor')}">
                      ${e.actor.name ?? e.actor.id} · ${this.labels.word('roles', e.actor.role, lang)}
                      ${this.labels.department(e.actor.department, lang)}
                    </td>
                    <td data-label="${t(lang, 'action')}">
                      <code>${e.action}</code> ${e.fromState ?? ''}${e.toState ? ` → ${e.toState}` : ''}
                    </td>
                    <td data-label="${t(lang, 'cases')}">
                      ${e.caseId ? html`<a href="/cases/${e.caseId}">${e.caseId.slice(0, 8)}</a>` : ''}
                    </td>
                    <td data-label="${t(lang, 'outcome')}">
                      ${this.labels.word('outcomes', e.outcome, lang)}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <nav class="pager" aria-label="${t(lang, 'page')}">
          ${timeline.page > 1 ? html`<a href="${pageLink(timeline.page - 1)}">${t(lang, 'previous')}</a>` : ''}
          <span
            >${timeline.total} ${t(lang, 'events')} · ${t(lang, 'page')} ${timeline.page} /
            ${Math.max(1, Math.ceil(timeline.total / timeline.pageSize))}</span
          >
          ${timeline.page * timeline.pageSize < timeline.total ? html`<a href="${pageLink(timeline.page + 1)}">${t(lang, 'next')}</a>` : ''}
        </nav>
      </section>`;
    return layout(ctx, lang, t(lang, 'audit'), body);
  }

  @Get('export')
  async export(@Ctx() ctx: ConsoleContext) {
    return ndjsonFile(await this.exports.exportRange(ctx.principal, {} as AuditExportQuery));
  }
}
