import type { FieldError } from '../common/problem';
import { fieldId } from './contract-form.view';
import { Html, html } from './html';

/**
 * The API's field errors placed at their fields: the message under the field (role=alert) and the field
 * marked invalid and described by it, so a screen reader reads the reason with the field.
 */
export function formErrors(errors: readonly FieldError[]) {
  const reasonAt = (field: string) =>
    errors
      .filter((e) => e.field === field)
      .map((e) => e.reason)
      .join('; ');
  return {
    /** Attributes for the input of `field`. */
    described: (field: string): Html | '' =>
      reasonAt(field) ? html`aria-invalid="true" aria-describedby="${fieldId(field)}-error"` : '',
    /** The message under the input of `field`. */
    at: (field: string): Html | '' =>
      reasonAt(field)
        ? html`<p class="error" id="${fieldId(field)}-error" role="alert">${reasonAt(field)}</p>`
        : '',
    /** Errors not tied to a field of this form (a 409, a refused step), shown above it. */
    general: (fields: readonly string[]): Html | '' => {
      const rest = errors.filter((e) => !fields.includes(e.field));
      return rest.length
        ? html`<div class="notice bad" role="alert">${rest.map((e) => html`<p>${e.reason}</p>`)}</div>`
        : '';
    },
  };
}
