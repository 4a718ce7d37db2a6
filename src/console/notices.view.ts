import type { NotificationView } from '../notifications/notification.view';
import type { ConsoleLabels } from './console-labels';
import { type Lang, pick, t } from './console-i18n';
import { Html, html } from './html';

/** The department's latest deadline notices (催办, 超时), each linking to its case. */
export function noticesView(notices: NotificationView[], labels: ConsoleLabels, lang: Lang): Html {
  if (notices.length === 0) return html``;
  return html`<section class="card" aria-labelledby="notices">
    <h2 id="notices">${t(lang, 'notifications')}</h2>
    <ul>
      ${notices.map(
        (n) =>
          html`<li>
            <strong>${labels.word('notices', n.kind, lang)}</strong> ${pick(n.message, lang)}
            <a href="/cases/${n.evaluationId}">${t(lang, 'open')}</a>
          </li>`,
      )}
    </ul>
  </section>`;
}
