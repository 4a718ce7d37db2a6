import type { Decision } from '../decision/decision.types';
import type { ConsoleLabels } from './console-labels';
import { type Lang, pick, t } from './console-i18n';
import { Html, html } from './html';

/** Score, level, findings with reason and legal basis, hard stops, measures, route and why; rules that did not fire folded. */
export function decisionView(d: Decision, labels: ConsoleLabels, lang: Lang): Html {
  return html`<dl class="kv">
      <dt>${t(lang, 'score')}</dt>
      <dd>${d.score}</dd>
      <dt>${t(lang, 'level')}</dt>
      <dd>${levelBadge(d.level, labels, lang)}</dd>
      <dt>${t(lang, 'routeMode')}</dt>
      <dd>${labels.word('countersignModes', d.route.mode, lang)}</dd>
      <dt>${t(lang, 'route')}</dt>
      <dd>
        ${d.route.countersign.map((s) => labels.department(s.department, lang)).join('、')}
        ${d.route.expertReview ? html` · ${t(lang, 'expertReview')}` : ''}
        ${d.route.legalityReview ? html` · ${t(lang, 'legalityReview')}` : ''}
        ${
          d.route.reasons.length
            ? html`<ul>
                ${d.route.reasons.map((r) => html`<li>${pick(r.reason, lang)}</li>`)}
              </ul>`
            : ''
        }
      </dd>
    </dl>
    <h3>${t(lang, 'findings')}</h3>
    ${
      d.findings.length === 0
        ? html`<p>${t(lang, 'nothing')}</p>`
        : html`<div class="scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'dimension')}</th>
                  <th scope="col">${t(lang, 'points')}</th>
                  <th scope="col">${t(lang, 'reason')}</th>
                  <th scope="col">${t(lang, 'basis')}</th>
                </tr>
              </thead>
              <tbody>
                ${d.findings.map(
                  (f) =>
                    html`<tr>
                      <td data-label="${t(lang, 'dimension')}">
                        ${labels.word('dimensions', f.dimension, lang)}
                      </td>
                      <td data-label="${t(lang, 'points')}">${f.points}</td>
                      <td data-label="${t(lang, 'reason')}">${pick(f.reason, lang)}</td>
                      <td data-label="${t(lang, 'basis')}">${f.basis}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${
      d.hardStops.length
        ? html`<h3>${t(lang, 'hardStops')}</h3>
            <ul class="notice bad">
              ${d.hardStops.map((h) => html`<li>${pick(h.reason, lang)} <small>(${h.basis})</small></li>`)}
            </ul>`
        : ''
    }
    ${
      d.measures.length
        ? html`<h3>${t(lang, 'measures')}</h3>
            <ul>
              ${d.measures.map((m) => html`<li>${m[lang]}</li>`)}
            </ul>`
        : ''
    }
    <details>
      <summary>${t(lang, 'notFired')} (${d.explanation.notFired.length})</summary>
      <ul>
        ${d.explanation.notFired.map(
          (r) =>
            html`<li>
              <code>${r.rule}</code>:
              ${r.conditions.map(
                (c) =>
                  html`<span class="${c.result ? '' : 'changed'}"
                      >${c.fact}${c.path ? c.path.replace(/^\$/, '') : ''} ${c.operator}
                      ${JSON.stringify(c.value)} (${t(lang, 'sawValue')}
                      ${JSON.stringify(c.factResult)})</span
                    >; `,
              )}
            </li>`,
        )}
      </ul>
    </details>`;
}

export function levelBadge(level: string, labels: ConsoleLabels, lang: Lang): Html {
  return html`<span class="badge lvl-${level}">${labels.word('levels', level, lang)}</span>`;
}
