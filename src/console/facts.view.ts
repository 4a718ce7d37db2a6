import type { ContractField } from '../definitions/contract-fields';
import { itemOf } from './item-field';
import { type Lang, pick, t } from './console-i18n';
import { valueAt } from './contract-form.view';
import { Html, html } from './html';

/** Submitted facts, each under its contract label (nested objects and rows indented). */
export function factsView(fields: ContractField[], values: unknown, lang: Lang): Html {
  return html`<dl class="kv">${fields.map((f) => factView(f, valueAt(values, f.path), lang))}</dl>`;
}

function factView(field: ContractField, value: unknown, lang: Lang): Html {
  const label = pick(field.label, lang);
  if (field.kind === 'object' && value && typeof value === 'object') {
    return html`<dt>${label}</dt>
      <dd>
        <dl class="kv">
          ${(field.children ?? []).map((c) => factView(c, (value as Record<string, unknown>)[c.key], lang))}
        </dl>
      </dd>`;
  }
  const item = itemOf(field);
  if (Array.isArray(value) && item?.kind === 'object') {
    return html`<dt>${label}</dt>
      <dd>
        ${
          value.length === 0
            ? t(lang, 'nothing')
            : value.map(
                (row) =>
                  html`<dl class="kv">
                    ${(item.children ?? []).map((c) => factView(c, (row as Record<string, unknown>)[c.key], lang))}
                  </dl>`,
              )
        }
      </dd>`;
  }
  return html`<dt>${label}</dt>
    <dd>${scalarText(field, value, lang)}</dd>`;
}

function scalarText(field: ContractField, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(lang, value ? 'yes' : 'no');
  if (Array.isArray(value))
    return value.map((v) => choiceLabel(itemOf(field) ?? field, v, lang)).join('、') || '—';
  return choiceLabel(field, value, lang);
}

function choiceLabel(field: ContractField, value: unknown, lang: Lang): string {
  const choice = field.choices?.find((c) => c.value === value);
  return choice ? pick(choice.label, lang) : String(value);
}
