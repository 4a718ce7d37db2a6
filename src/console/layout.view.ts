import { can, visibleKeyFieldReports } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { ConsoleContext } from './console-context';
import { type Lang, t, type UiWord } from './console-i18n';
import { Html, html } from './html';

interface NavItem {
  href: string;
  label: UiWord;
  shows: (p: Principal) => boolean;
}

/** The menu asks the same policy as the API: nobody is offered a page that would refuse them. */
const NAV: NavItem[] = [
  { href: '/inbox', label: 'inbox', shows: (p) => can(p, 'task.list') },
  { href: '/inbox?status=done', label: 'done', shows: (p) => can(p, 'task.list') },
  { href: '/cases', label: 'cases', shows: (p) => p.role !== 'admin' },
  { href: '/my-assessments', label: 'myAssessments', shows: (p) => canAssess(p) },
  { href: '/assess', label: 'assess', shows: (p) => canAssess(p) },
  { href: '/submit', label: 'submit', shows: (p) => canAssess(p) },
  { href: '/auditor', label: 'audit', shows: (p) => can(p, 'audit.read') },
  { href: '/dashboard', label: 'dashboard', shows: (p) => canSeeDashboard(p) },
  { href: '/key-fields', label: 'keyFieldReports', shows: (p) => canListKeyFieldReports(p) },
  { href: '/admin/keys', label: 'keys', shows: (p) => can(p, 'keys.manage') },
  { href: '/admin/definitions', label: 'definitions', shows: (p) => can(p, 'keys.manage') },
];

/** Officers and enterprises assess and submit (the policy checks the applicant on each request). */
export function canAssess(p: Principal): boolean {
  return p.role === 'officer' || p.role === 'enterprise';
}

/** The IP office and auditors read every key-field report, a reviewing department its own. */
export function canListKeyFieldReports(p: Principal): boolean {
  const visible = visibleKeyFieldReports(p);
  return visible.all || visible.anyOf.length > 0;
}

export function canSeeDashboard(p: Principal): boolean {
  return p.role === 'officer' || p.role === 'auditor';
}

export function homeOf(p: Principal): string {
  return NAV.find((item) => item.shows(p))?.href ?? '/cases';
}

export function layout(ctx: ConsoleContext | null, lang: Lang, title: string, body: Html): Html {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const here = ctx?.here ?? '/';
  return html`<!doctype html>
    <html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${t(lang, 'appName')}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/console.css" />
        <script src="/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${t(lang, 'skip')}</a>
        <header class="top">
          <a class="brand" href="/">${t(lang, 'appName')}</a>
          ${ctx ? nav(ctx, lang) : ''}
          <div class="who">
            <a
              href="/lang?to=${other}&amp;back=${encodeURIComponent(here)}"
              lang="${other === 'zh' ? 'zh-CN' : 'en'}"
              >${t(lang, 'switchLang')}</a
            >
            ${
              ctx
                ? html`<span>${ctx.principal.name} · ${ctx.roleLabel}</span>
                    <form method="post" action="/sign-out" class="inline">
                      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
                      <button type="submit" class="link">${t(lang, 'signOut')}</button>
                    </form>`
                : ''
            }
          </div>
        </header>
        <main id="main">
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

function nav(ctx: ConsoleContext, lang: Lang): Html {
  const items = NAV.filter((item) => item.shows(ctx.principal));
  return html`<nav aria-label="${t(lang, 'appName')}">
    <ul>
      ${items.map(
        (item) =>
          html`<li>
            <a href="${item.href}" ${item.href === ctx.here ? html`aria-current="page"` : ''}
              >${t(lang, item.label)}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}
