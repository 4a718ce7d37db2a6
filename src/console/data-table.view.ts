import { type Lang, t } from './console-i18n';
import { type Html, html } from './html';

/** One column of a list: its heading, the cell of a row, and a class for the cell where a row needs one. */
export interface Column<T> {
  label: string;
  cell: (row: T) => Html | string | number;
  cellClass?: (row: T) => string;
}

/**
 * A list as the console shows every list: a table that scrolls sideways when it must, and on a phone stacks
 * each row with its cells labelled (data-label, read by the stylesheet); "nothing here" when empty.
 */
export function dataTable<T>(lang: Lang, rows: readonly T[], columns: readonly Column<T>[]): Html {
  if (rows.length === 0) return html`<p>${t(lang, 'nothing')}</p>`;
  return html`<div class="scroll">
    <table class="stack">
      <thead>
        <tr>
          ${columns.map((c) => html`<th scope="col">${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${columns.map((c) =>
                c.cellClass
                  ? html`<td data-label="${c.label}" class="${c.cellClass(row)}">${c.cell(row)}</td>`
                  : html`<td data-label="${c.label}">${c.cell(row)}</td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Previous and next links around "page n / m"; `link(n)` is the address of page n with the list's filters. */
export function pager(
  lang: Lang,
  page: number,
  pageSize: number,
  total: number,
  link: (page: number) => string,
) {
  return html`<nav class="pager" aria-label="${t(lang, 'page')}">
    ${page > 1 ? html`<a href="${link(page - 1)}">${t(lang, 'previous')}</a>` : ''}
    <span>${t(lang, 'page')} ${page} / ${Math.max(1, Math.ceil(total / pageSize))}</span>
    ${page * pageSize < total ? html`<a href="${link(page + 1)}">${t(lang, 'next')}</a>` : ''}
  </nav>`;
}
