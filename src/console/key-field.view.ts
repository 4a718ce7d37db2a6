import type { FieldError } from '../common/problem';
import type { KeyFieldReportView } from '../reports/key-field-report.view';
import { localTime } from './case.view';
import type { ConsoleContext } from './console-context';
import { t } from './console-i18n';
import type { ConsoleLabels } from './console-labels';
import { fieldId } from './contract-form.view';
import { dataTable } from './data-table.view';
import { formErrors } from './form-errors';
import { Html, html } from './html';

/** The public pages of published reports (no key): the API's, linked from the console. */
export const PUBLIC_REPORTS = '/api/v1/public/reports';

/** What the policy lets this person do with this report, decided by the controller from src/auth/policy.ts. */
export interface KeyFieldActions {
  edit: boolean;
  submit: boolean;
  review: boolean;
  withdraw: boolean;
  correct: boolean;
}

/** The draft form's values as typed (kept when the API refuses them, so nothing typed is lost). */
export interface KeyFieldFormValues {
  field: string;
  title: string;
  body: string;
  competentDepartment: string;
  types: string[];
  departments: string[];
  closedFrom: string;
  closedTo: string;
}

export const DRAFT_FIELDS = [
  'field',
  'title',
  'body',
  'competentDepartment',
  'scope.types',
  'scope.departments',
  'scope.closedFrom',
  'scope.closedTo',
];

export function valuesOf(r: KeyFieldReportView): KeyFieldFormValues {
  return {
    field: r.field,
    title: r.title,
    body: r.body,
    competentDepartment: r.competentDepartment,
    types: r.scope.types ?? [],
    departments: r.scope.departments ?? [],
    closedFrom: r.scope.closedFrom ?? '',
    closedTo: r.scope.closedTo ?? '',
  };
}

export function keyFieldListView(
  ctx: ConsoleContext,
  labels: ConsoleLabels,
  reports: KeyFieldReportView[],
  canDraft: boolean,
): Html {
  const lang = ctx.lang;
  return html`<p>
      ${canDraft ? html`<a class="button" href="/key-fields/new">${t(lang, 'newKeyFieldReport')}</a> · ` : ''}
      <a href="${PUBLIC_REPORTS}">${t(lang, 'publicList')}</a> ·
      <a href="${PUBLIC_REPORTS}.atom">${t(lang, 'atomFeed')}</a>
    </p>
    ${dataTable(lang, reports, [
      { label: t(lang, 'title'), cell: (r) => html`<a href="/key-fields/${r.id}">${r.title}</a>` },
      { label: t(lang, 'keyField'), cell: (r) => r.field },
      { label: t(lang, 'edition'), cell: (r) => r.edition },
      { label: t(lang, 'state'), cell: (r) => labels.word('reportStatuses', r.status, lang) },
      { label: t(lang, 'reviewingDepartment'), cell: (r) => labels.department(r.competentDepartment, lang) },
      { label: t(lang, 'updated'), cell: (r) => localTime(r.updatedAt) },
    ])}`;
}

/** The draft form: a new report (action /key-fields) or an edit of a draft (action /key-fields/:id). */
export function keyFieldForm(
  ctx: ConsoleContext,
  labels: ConsoleLabels,
  action: string,
  values: KeyFieldFormValues,
  errors: readonly FieldError[],
): Html {
  const lang = ctx.lang;
  const e = formErrors(errors);
  const text = (name: 'field' | 'title', label: string, max: number) =>
    html`<div class="field">
      <label for="${fieldId(name)}">${label} <span aria-hidden="true">*</span></label>
      <input
        type="text"
        id="${fieldId(name)}"
        name="${name}"
        required
        maxlength="${max}"
        value="${values[name]}"
        ${e.described(name)}
      />
      ${e.at(name)}
    </div>`;
  const checks = (name: 'types' | 'departments', legend: string, options: [string, string][]) =>
    html`<fieldset class="field" id="${fieldId(`scope.${name}`)}" ${e.described(`scope.${name}`)}>
      <legend>${legend}</legend>
      ${options.map(
        ([code, label]) =>
          html`<label class="check"
            ><input
              type="checkbox"
              name="${name}"
              value="${code}"
              ${values[name].includes(code) ? html`checked` : ''}
            />${label}</label
          >`,
      )}
      ${e.at(`scope.${name}`)}
    </fieldset>`;
  const date = (name: 'closedFrom' | 'closedTo') =>
    html`<div class="field">
      <label for="${fieldId(`scope.${name}`)}">${t(lang, name)}</label>
      <input
        type="date"
        id="${fieldId(`scope.${name}`)}"
        name="${name}"
        value="${values[name]}"
        ${e.described(`scope.${name}`)}
      />
      ${e.at(`scope.${name}`)}
    </div>`;
  return html`<form method="post" action="${action}" class="card" id="draft-form">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
    ${text('field', t(lang, 'keyField'), 200)} ${text('title', t(lang, 'title'), 300)}
    <div class="field">
      <label for="${fieldId('body')}">${t(lang, 'reportText')} <span aria-hidden="true">*</span></label>
      <textarea
        id="${fieldId('body')}"
        name="body"
        rows="10"
        required
        maxlength="20000"
        ${e.described('body')}
      >
${values.body}</textarea>
      ${e.at('body')}
    </div>
    <div class="field">
      <label for="${fieldId('competentDepartment')}"
        >${t(lang, 'reviewingDepartment')} <span aria-hidden="true">*</span></label
      >
      <select
        id="${fieldId('competentDepartment')}"
        name="competentDepartment"
        required
        ${e.described('competentDepartment')}
      >
        ${labels
          .departments()
          .map(
            (d) =>
              html`<option value="${d.code}" ${values.competentDepartment === d.code ? html`selected` : ''}>
                ${d[lang]}
              </option>`,
          )}
      </select>
      ${e.at('competentDepartment')}
    </div>
    ${checks(
      'types',
      t(lang, 'scopeTypes'),
      labels.types().map((type) => [type, labels.type(type, lang)]),
    )}
    ${checks(
      'departments',
      t(lang, 'scopeDepartments'),
      labels.departments().map((d) => [d.code, d[lang]]),
    )}
    <div class="filters">${date('closedFrom')} ${date('closedTo')}</div>
    <button type="submit">${t(lang, 'save')}</button>
  </form>`;
}

/** One report: what it says and counts, where it stands, and the steps this person may take now. */
export function keyFieldReportView(
  ctx: ConsoleContext,
  labels: ConsoleLabels,
  r: KeyFieldReportView,
  can: KeyFieldActions,
  attempt: { values?: KeyFieldFormValues; errors: readonly FieldError[] } | null,
): Html {
  const lang = ctx.lang;
  const scope = valuesOf(r);
  const reasonForm = (step: 'return' | 'withdraw', label: string) => {
    const e = formErrors(attempt?.errors ?? []);
    const id = `${step}-reason`;
    return html`<form method="post" action="/key-fields/${r.id}/${step}" class="card" id="${step}-form">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      <div class="field">
        <label for="${id}">${t(lang, 'reasonRequired')}</label>
        <textarea id="${id}" name="reason" rows="2" required maxlength="2000"></textarea>
      </div>
      ${e.at('reason')}
      <button type="submit" class="secondary">${label}</button>
    </form>`;
  };
  const step = (path: string, label: string) =>
    html`<form method="post" action="/key-fields/${r.id}/${path}" class="inline">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      <button type="submit">${label}</button>
    </form>`;
  return html`<section class="card" aria-labelledby="summary">
      <h2 id="summary">${r.field}</h2>
      <dl class="kv">
        <dt>${t(lang, 'state')}</dt>
        <dd><strong>${labels.word('reportStatuses', r.status, lang)}</strong></dd>
        ${
          r.statusReason
            ? html`<dt>${t(lang, 'statusReason')}</dt>
                <dd>${r.statusReason}</dd>`
            : ''
        }
        <dt>${t(lang, 'edition')}</dt>
        <dd>
          ${r.edition}
          ${r.supersedesId ? html` · ${t(lang, 'supersedes')} <a href="/key-fields/${r.supersedesId}">#</a>` : ''}
          ${r.supersededById ? html` · ${t(lang, 'supersededBy')} <a href="/key-fields/${r.supersededById}">#</a>` : ''}
        </dd>
        <dt>${t(lang, 'reviewingDepartment')}</dt>
        <dd>${labels.department(r.competentDepartment, lang)}</dd>
        <dt>${t(lang, 'scopeTypes')}</dt>
        <dd>
          ${scope.types.length ? scope.types.map((x) => labels.type(x, lang)).join('、') : t(lang, 'allTypes')}
        </dd>
        <dt>${t(lang, 'scopeDepartments')}</dt>
        <dd>
          ${scope.departments.length ? scope.departments.map((d) => labels.department(d, lang)).join('、') : t(lang, 'allDepartments')}
          ${scope.closedFrom || scope.closedTo ? html` · ${scope.closedFrom || '…'} – ${scope.closedTo || '…'}` : ''}
        </dd>
        <dt>${t(lang, 'updated')}</dt>
        <dd>${localTime(r.updatedAt)}</dd>
        ${
          r.publishedAt
            ? html`<dt>${t(lang, 'published')}</dt>
                <dd>
                  ${localTime(r.publishedAt)}
                  ${
                    r.status === 'published'
                      ? html` · <a href="${PUBLIC_REPORTS}/${r.id}">${t(lang, 'publicPage')}</a> ·
                          <a href="${PUBLIC_REPORTS}/${r.id}.pdf">PDF</a>`
                      : ''
                  }
                </dd>`
            : ''
        }
      </dl>
      ${
        can.submit || can.review || can.correct
          ? html`<p class="actions">
              ${can.submit ? step('submit', t(lang, 'submitForReview')) : ''}
              ${can.review ? step('approve', t(lang, 'approvePublish')) : ''}
              ${can.correct ? step('revise', t(lang, 'correct')) : ''}
            </p>`
          : ''
      }
    </section>
    ${attempt ? formErrors(attempt.errors).general([...DRAFT_FIELDS, 'reason']) : ''}
    ${can.review ? reasonForm('return', t(lang, 'returnToDrafters')) : ''}
    ${
      can.edit
        ? keyFieldForm(
            ctx,
            labels,
            `/key-fields/${r.id}`,
            attempt?.values ?? valuesOf(r),
            attempt?.errors ?? [],
          )
        : html`<section class="card" aria-labelledby="text">
            <h2 id="text">${r.title}</h2>
            ${r.body.split(/\n\s*\n/).map((p) => html`<p>${p}</p>`)}
          </section>`
    }
    ${r.figures ? figuresView(labels, r, ctx) : ''}
    ${can.withdraw ? reasonForm('withdraw', t(lang, 'withdrawReport')) : ''}`;
}

function figuresView(labels: ConsoleLabels, r: KeyFieldReportView, ctx: ConsoleContext): Html {
  const lang = ctx.lang;
  const f = r.figures!;
  const counts = (heading: string, record: Record<string, number>, label: (code: string) => string) =>
    html`<dt>${heading}</dt>
      <dd>
        ${
          Object.entries(record)
            .map(([code, n]) => `${label(code)} ${n}`)
            .join('；') || '—'
        }
      </dd>`;
  return html`<section class="card" aria-labelledby="figures">
    <h2 id="figures">${t(lang, 'figures')}</h2>
    <dl class="kv">
      <dt>${t(lang, 'casesCounted')}</dt>
      <dd>${f.caseCount}</dd>
      ${counts(t(lang, 'type'), f.byType, (x) => labels.type(x, lang))}
      ${counts(t(lang, 'level'), f.byLevel, (x) => labels.word('levels', x, lang))}
      ${counts(t(lang, 'outcome'), f.byOutcome, (x) => labels.word('outcomes', x, lang))}
    </dl>
    ${
      f.topFindings.length
        ? html`<h3>${t(lang, 'findings')}</h3>
            <ul>
              ${f.topFindings.map((x) => html`<li>${x.reason[lang]} (${x.count}) <small>${x.basis}</small></li>`)}
            </ul>`
        : ''
    }
  </section>`;
}
