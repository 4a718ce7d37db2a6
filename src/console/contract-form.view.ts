import type { FieldError } from '../common/problem';
import type { ContractField } from '../definitions/contract-fields';
import { itemOf } from './item-field';
import { type Lang, pick, t } from './console-i18n';
import { Html, html } from './html';

/**
 * Form controls generated from a facts contract: choices as selects, dates as date inputs, yes/no as
 * radio buttons, arrays of objects as rows (plus one spare row, so a row can be added without script),
 * nested objects as fieldsets. Field names are the API's field paths, so the API's validation errors land
 * at their field.
 */
export function contractFieldsView(
  fields: ContractField[],
  values: unknown,
  errors: FieldError[],
  lang: Lang,
): Html {
  const ctx: Ctx = { values, errors, lang };
  return html`${fields.map((f) => fieldView(f, f.path, ctx))}`;
}

interface Ctx {
  values: unknown;
  errors: FieldError[];
  lang: Lang;
}

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function fieldView(field: ContractField, name: string, ctx: Ctx): Html {
  const label = pick(field.label, ctx.lang);
  const own = ctx.errors.filter((e) => e.field === name);
  if (field.kind === 'object') {
    return html`<fieldset class="group" id="${fieldId(name)}">
      <legend>${label}</legend>
      ${errorsView(own, name)}
      ${(field.children ?? []).map((child) => fieldView(child, `${name}.${child.key}`, ctx))}
    </fieldset>`;
  }
  const item = itemOf(field);
  if (item?.kind === 'object') {
    const present = valueAt(ctx.values, name);
    const count = (Array.isArray(present) ? present.length : 0) + 1;
    return html`<fieldset class="group" id="${fieldId(name)}">
      <legend>${label}</legend>
      ${errorsView(own, name)}
      ${Array.from(
        { length: count },
        (_, row) =>
          html`<fieldset class="row">
            <legend>${pick(item.label, ctx.lang)} ${row + 1}</legend>
            ${(item.children ?? []).map((child) =>
              fieldView({ ...child, required: false }, `${name}.${row}.${child.key}`, ctx),
            )}
          </fieldset>`,
      )}
    </fieldset>`;
  }
  if (item?.choices) {
    const chosen = asStrings(valueAt(ctx.values, name));
    return html`<fieldset class="group" id="${fieldId(name)}">
      <legend>${label}</legend>
      ${errorsView(own, name)}
      ${item.choices.map(
        (c, i) =>
          html`<label class="check"
            ><input
              type="checkbox"
              name="${name}"
              value="${c.value}"
              id="${fieldId(name)}-${i}"
              ${chosen.includes(c.value) ? html`checked` : ''}
            />${pick(c.label, ctx.lang)}</label
          >`,
      )}
    </fieldset>`;
  }
  if (field.kind === 'boolean') return booleanView(field, name, label, own, ctx);
  return html`<div class="field${own.length ? ' invalid' : ''}">
    <label for="${fieldId(name)}"
      >${label}${field.required ? html`<span aria-hidden="true"> *</span>` : ''}</label
    >
    ${field.help ? html`<p class="help" id="${fieldId(name)}-help">${pick(field.help, ctx.lang)}</p>` : ''}
    ${control(field, name, valueAt(ctx.values, name), own.length > 0, ctx.lang)} ${errorsView(own, name)}
  </div>`;
}

function booleanView(field: ContractField, name: string, label: string, own: FieldError[], ctx: Ctx): Html {
  const value = valueAt(ctx.values, name);
  const options: [string, string][] = [
    ['true', t(ctx.lang, 'yes')],
    ['false', t(ctx.lang, 'no')],
  ];
  return html`<fieldset class="field yesno${own.length ? ' invalid' : ''}" id="${fieldId(name)}">
    <legend>${label}${field.required ? html`<span aria-hidden="true"> *</span>` : ''}</legend>
    ${options.map(
      ([v, text]) =>
        html`<label class="check"
          ><input
            type="radio"
            name="${name}"
            value="${v}"
            ${String(value) === v ? html`checked` : ''}
            ${field.required ? html`required` : ''}
          />${text}</label
        >`,
    )}
    ${errorsView(own, name)}
  </fieldset>`;
}

function control(field: ContractField, name: string, value: unknown, invalid: boolean, lang: Lang): Html {
  const id = fieldId(name);
  const common = html`id="${id}" name="${name}" ${field.required ? html`required` : ''}
  ${invalid ? html`aria-invalid="true" aria-describedby="${id}-error"` : ''}`;
  const text = value === undefined || value === null ? '' : String(value);
  switch (field.kind) {
    case 'enum':
      return html`<select ${common}>
        <option value=""></option>
        ${(field.choices ?? []).map(
          (c) =>
            html`<option value="${c.value}" ${c.value === text ? html`selected` : ''}>
              ${pick(c.label, lang)}
            </option>`,
        )}
      </select>`;
    case 'date':
      return html`<input type="date" ${common} value="${text}" />`;
    case 'integer':
    case 'number':
      return html`<input
        type="number"
        inputmode="${field.kind === 'integer' ? 'numeric' : 'decimal'}"
        step="${field.kind === 'integer' ? '1' : 'any'}"
        ${common}
        value="${text}"
        ${field.min !== undefined ? html`min="${field.min}"` : ''}
        ${field.max !== undefined ? html`max="${field.max}"` : ''}
      />`;
    case 'country':
      return html`<input
        type="text"
        ${common}
        value="${text}"
        maxlength="2"
        autocomplete="country"
        pattern="[A-Za-z]{2}"
        title="ISO 3166-1 alpha-2"
        class="short"
      />`;
    case 'array': // an array of text: one value per line
      return html`<textarea ${common} rows="3">${asStrings(value).join('\n')}</textarea>`;
    default:
      return html`<input type="text" ${common} value="${text}" />`;
  }
}

function errorsView(errors: FieldError[], name: string): Html {
  if (errors.length === 0) return html``;
  const reasons = [...new Set(errors.map((e) => e.reason))];
  return html`<p class="error" id="${fieldId(name)}-error" role="alert">${reasons.join('; ')}</p>`;
}

export function valueAt(values: unknown, path: string): unknown {
  let node = values;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
