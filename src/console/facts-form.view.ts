import type { FieldError } from '../common/problem';
import type { ConsoleContext } from './console-context';
import type { ConsoleLabels } from './console-labels';
import { t } from './console-i18n';
import type { ContractField } from '../definitions/contract-fields';
import { contractFieldsView, fieldId } from './contract-form.view';
import { Html, html } from './html';
import { layout } from './layout.view';

export interface FactsFormPage {
  title: string;
  action: string;
  /** Fields of the request envelope before the facts (title, competent department). */
  envelope: Html;
  fields: ContractField[];
  values: unknown;
  errors: FieldError[];
}

/** A form generated from the type's facts contract, with the API's errors listed on top and at each field. */
export function factsFormPage(ctx: ConsoleContext, page: FactsFormPage): Html {
  const lang = ctx.lang;
  return layout(
    ctx,
    lang,
    page.title,
    html`${
        page.errors.length
          ? html`<div class="notice bad" role="alert" id="form-errors">
              <p><strong>${t(lang, 'invalid')}</strong></p>
              <ul>
                ${page.errors.map(
                  (e) => html`<li><a href="#${fieldId(e.field)}">${e.field || '—'}</a>: ${e.reason}</li>`,
                )}
              </ul>
            </div>`
          : ''
      }
      <form method="post" action="${page.action}" class="card" novalidate>
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        ${page.envelope} ${contractFieldsView(page.fields, page.values, page.errors, lang)}
        <button type="submit">${t(lang, 'send')}</button>
      </form>`,
  );
}

/** The list of activity types to choose from, each a link to its form. */
export function typeChoicePage(
  ctx: ConsoleContext,
  labels: ConsoleLabels,
  title: string,
  base: string,
): Html {
  return layout(
    ctx,
    ctx.lang,
    title,
    html`<p>${t(ctx.lang, 'chooseType')}</p>
      <ul class="card">
        ${labels.types().map((type) => html`<li><a href="${base}/${type}">${labels.type(type, ctx.lang)}</a></li>`)}
      </ul>`,
  );
}
