import type { FieldError } from '../common/problem';
import type { EvaluationView } from '../evaluations/evaluation.view';
import type { TimelineEntry } from '../audit/audit-timeline';
import type { TaskView } from '../tasks/task.view';
import type { ConsoleContext } from './console-context';
import type { ConsoleLabels } from './console-labels';
import { type Lang, t } from './console-i18n';
import { fieldId } from './contract-form.view';
import { formErrors } from './form-errors';
import { decisionView, levelBadge } from './decision.view';
import { factsView } from './facts.view';
import { Html, html, trusted } from './html';
import { layout } from './layout.view';

export interface CasePage {
  view: EvaluationView;
  trail: TimelineEntry[];
  facts: unknown;
  diagramSvg: string;
  /** The open tasks this person may complete, with what they typed and what the API said about it. */
  forms: { task: TaskView; values: Record<string, string>; errors: FieldError[] }[];
  canResubmit: boolean;
  canReplay: boolean;
  notice: string | null;
}

export function casePage(ctx: ConsoleContext, labels: ConsoleLabels, page: CasePage): Html {
  const { view } = page;
  const lang = ctx.lang;
  const body = html`${page.notice ? html`<p class="notice ok" role="status">${page.notice}</p>` : ''}
    <section class="card" aria-labelledby="summary">
      <h2 id="summary">${labels.type(view.type, lang)}</h2>
      <dl class="kv">
        <dt>${t(lang, 'applicant')}</dt>
        <dd>${view.applicant.name} <small class="mono">${view.applicant.creditCode}</small></dd>
        <dt>${t(lang, 'competentDepartment')}</dt>
        <dd>${labels.department(view.competentDepartment, lang)}</dd>
        <dt>${t(lang, 'state')}</dt>
        <dd>
          ${view.stateLabel ? view.stateLabel[lang] : view.state}
          (${labels.word('caseStatuses', view.status, lang)})
        </dd>
        ${
          view.outcome
            ? html`<dt>${t(lang, 'outcome')}</dt>
                <dd>${labels.word('outcomes', view.outcome, lang)}</dd>`
            : ''
        }
        ${
          view.conditions.length
            ? html`<dt>${t(lang, 'conditions')}</dt>
                <dd>${view.conditions.join('；')}</dd>`
            : ''
        }
        <dt>${t(lang, 'level')}</dt>
        <dd>${levelBadge(view.level, labels, lang)} ${view.score}</dd>
        <dt>${t(lang, 'publicationConsentShort')}</dt>
        <dd id="publication-consent">${t(lang, view.publicationConsent ? 'yes' : 'no')}</dd>
      </dl>
      ${
        page.canResubmit
          ? html`<p><a class="button" href="/cases/${view.id}/resubmit">${t(lang, 'resubmit')}</a></p>`
          : ''
      }
      ${
        page.canReplay
          ? html`<form method="post" action="/cases/${view.id}/replay" class="inline">
                <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
                <button type="submit" class="secondary">${t(lang, 'replay')}</button>
              </form>
              <a href="/cases/${view.id}/export">${t(lang, 'export')}</a>`
          : ''
      }
    </section>
    ${page.forms.map((f) => taskForm(ctx, labels, view, f.task, f.values, f.errors))}
    <section class="card diagram" aria-labelledby="diagram">
      <h2 id="diagram">${t(lang, 'diagram')}</h2>
      <div class="scroll" tabindex="0" role="group" aria-labelledby="diagram">
        ${trusted(page.diagramSvg)}
      </div>
    </section>
    <section class="card" aria-labelledby="decision">
      <h2 id="decision">${t(lang, 'decision')}</h2>
      ${decisionView(view.decision, labels, lang)}
    </section>
    <section class="card" aria-labelledby="facts">
      <h2 id="facts">${t(lang, 'facts')}</h2>
      ${factsView(labels.fields(view.type), page.facts, lang)}
    </section>
    <section class="card" aria-labelledby="record">
      <h2 id="record">${t(lang, 'record')}</h2>
      ${approvalRecord(page.trail, labels, view.type, lang)}
    </section>`;
  return layout(ctx, lang, view.title, body);
}

function approvalRecord(trail: TimelineEntry[], labels: ConsoleLabels, type: string, lang: Lang): Html {
  const rows = trail.filter(
    (e) =>
      e.action === 'task.completed' ||
      e.action === 'evaluation.submitted' ||
      e.action === 'evaluation.resubmitted' ||
      e.action === 'workflow.transition',
  );
  return html`<div class="scroll">
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">${t(lang, 'time')}</th>
          <th scope="col">${t(lang, 'department')}</th>
          <th scope="col">${t(lang, 'who')}</th>
          <th scope="col">${t(lang, 'action')}</th>
          <th scope="col">${t(lang, 'outcome')}</th>
          <th scope="col">${t(lang, 'comment')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((e) => {
          const conditions = Array.isArray(e.payload.conditions) ? (e.payload.conditions as string[]) : [];
          const stage = typeof e.payload.stage === 'string' ? labels.stage(type, e.payload.stage, lang) : '';
          const step =
            e.action === 'workflow.transition' && e.toState
              ? `→ ${labels.state(type, e.toState, lang)}`
              : stage || labels.word('actions', e.action, lang);
          return html`<tr>
            <td data-label="${t(lang, 'time')}">${localTime(e.occurredAt)}</td>
            <td data-label="${t(lang, 'department')}">${labels.department(e.actor.department, lang)}</td>
            <td data-label="${t(lang, 'who')}">${e.actor.name ?? ''}</td>
            <td data-label="${t(lang, 'action')}">${step}</td>
            <td data-label="${t(lang, 'outcome')}">${labels.word('outcomes', e.outcome, lang)}</td>
            <td data-label="${t(lang, 'comment')}">
              ${e.comment ?? ''}${conditions.length ? html`<br />${conditions.join('；')}` : ''}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

function taskForm(
  ctx: ConsoleContext,
  labels: ConsoleLabels,
  view: EvaluationView,
  task: TaskView,
  values: Record<string, string>,
  errors: FieldError[],
): Html {
  const lang = ctx.lang;
  const { at: err, described: invalid, general } = formErrors(errors);
  const takesConditions = task.allowedOutcomes.includes('pass-with-conditions');
  const takesOverride = task.stage === 'decision' && view.decision.hardStops.length > 0;
  return html`<section class="card" aria-labelledby="task-${task.id}">
    <h2 id="task-${task.id}">
      ${t(lang, 'yourTask')}: ${labels.stage(view.type, task.stage, lang)} ·
      ${labels.department(task.department, lang)}
    </h2>
    ${
      task.dueAt
        ? html`<p class="${task.overdue ? 'overdue' : ''}">
            ${t(lang, 'due')}: ${localTime(task.dueAt)}
            ${task.overdue ? html`<strong>${t(lang, 'overdue')}</strong>` : ''}
          </p>`
        : ''
    }
    ${general(['outcome', 'comment', 'conditions', 'overrideReason'])}
    <form method="post" action="/cases/${view.id}/tasks/${task.id}" id="task-form">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      <fieldset class="field" id="${fieldId('outcome')}">
        <legend>${t(lang, 'outcome')} <span aria-hidden="true">*</span></legend>
        ${task.allowedOutcomes.map(
          (o) =>
            html`<label class="check"
              ><input
                type="radio"
                name="outcome"
                value="${o}"
                required
                ${values.outcome === o ? html`checked` : ''}
              />${labels.word('outcomes', o, lang)}</label
            >`,
        )}
        ${err('outcome')}
      </fieldset>
      <div class="field">
        <label for="${fieldId('comment')}">${t(lang, 'comment')}</label>
        <textarea id="${fieldId('comment')}" name="comment" rows="3" maxlength="2000" ${invalid('comment')}>
${values.comment ?? ''}</textarea>
        ${err('comment')}
      </div>
      ${
        takesConditions
          ? html`<div class="field">
              <label for="${fieldId('conditions')}">${t(lang, 'conditions')}</label>
              <textarea id="${fieldId('conditions')}" name="conditions" rows="3" ${invalid('conditions')}>
${values.conditions ?? ''}</textarea>
              ${err('conditions')}
            </div>`
          : ''
      }
      ${
        takesOverride
          ? html`<div class="field">
              <label for="${fieldId('overrideReason')}">${t(lang, 'overrideReason')}</label>
              <textarea
                id="${fieldId('overrideReason')}"
                name="overrideReason"
                rows="2"
                maxlength="2000"
                ${invalid('overrideReason')}
              >
${values.overrideReason ?? ''}</textarea>
              ${err('overrideReason')}
            </div>`
          : ''
      }
      <button type="submit">${t(lang, 'complete')}</button>
    </form>
  </section>`;
}

/** China time, minutes: what the people of a city office read on their wall clock. */
export function localTime(iso: string | null): string {
  if (!iso) return '';
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}
