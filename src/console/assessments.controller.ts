import { Controller, Get, Param } from '@nestjs/common';
import { AssessmentsService, type AssessmentView } from '../assessments/assessments.service';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import type { Decision } from '../decision/decision.types';
import { localTime } from './case.view';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { type Lang, t } from './console-i18n';
import { fieldLabels } from './field-labels';
import { ConsolePages } from './console-page.decorator';
import { decisionView, levelBadge } from './decision.view';
import { Html, html } from './html';
import { layout } from './layout.view';

/** An enterprise's (or officer's) assessments, one result, and two results side by side. */
@ConsolePages()
@Controller('my-assessments')
export class AssessmentsPagesController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly labels: ConsoleLabels,
  ) {}

  @Get()
  async list(@Ctx() ctx: ConsoleContext) {
    const lang = ctx.lang;
    // The API's list (GET /assessments): the newest page, as far as the policy lets the caller read.
    const { items } = await this.assessments.list(ctx.principal, { page: 1, pageSize: 50 });
    const body =
      items.length === 0
        ? html`<p>${t(lang, 'nothing')} · <a href="/assess">${t(lang, 'assess')}</a></p>`
        : html`<div class="scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'time')}</th>
                  <th scope="col">${t(lang, 'type')}</th>
                  <th scope="col">${t(lang, 'level')}</th>
                  <th scope="col">${t(lang, 'score')}</th>
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  (a) =>
                    html`<tr>
                      <td data-label="${t(lang, 'time')}">
                        <a href="/my-assessments/${a.id}">${localTime(a.submittedAt)}</a>
                      </td>
                      <td data-label="${t(lang, 'type')}">${this.labels.type(a.type, lang)}</td>
                      <td data-label="${t(lang, 'level')}">${levelBadge(a.level, this.labels, lang)}</td>
                      <td data-label="${t(lang, 'score')}">${a.score}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`;
    return layout(ctx, lang, t(lang, 'myAssessments'), body);
  }

  @Get(':id')
  async show(@Ctx() ctx: ConsoleContext, @Param('id', UuidParamPipe) id: string) {
    const a = await this.assessments.get(ctx.principal, id);
    const lang = ctx.lang;
    return layout(
      ctx,
      lang,
      `${t(lang, 'assess')} · ${this.labels.type(a.type, lang)}`,
      html`<p>
          ${a.applicant.name} · ${localTime(a.submittedAt)} ·
          <a href="/assess/${a.type}?from=${a.id}">${t(lang, 'rerun')}</a>
        </p>
        <section class="card">${decisionView(a.decision, this.labels, lang)}</section>`,
    );
  }

  @Get(':id/compare/:other')
  async compare(
    @Ctx() ctx: ConsoleContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('other', UuidParamPipe) other: string,
  ) {
    const after = await this.assessments.get(ctx.principal, id);
    const before = await this.assessments.get(ctx.principal, other);
    const [factsBefore, factsAfter] = [
      await this.assessments.facts(ctx.principal, other),
      await this.assessments.facts(ctx.principal, id),
    ];
    const lang = ctx.lang;
    const changed = changedPaths(factsBefore, factsAfter);
    const labels = fieldLabels(this.labels.fields(after.type), lang);
    // Stored facts hold the applicant beside the type's facts; the contract's paths put the latter under "facts".
    const labelOf = (path: string) => labels(path.startsWith('applicant.') ? path : `facts.${path}`);
    const flipped = flippedRules(before.decision, after.decision);
    const body = html`<section class="card" aria-labelledby="changed">
        <h2 id="changed">${t(lang, 'changedFacts')}</h2>
        ${
          changed.length === 0
            ? html`<p>${t(lang, 'nothing')}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">${t(lang, 'facts')}</th>
                    <th scope="col">${t(lang, 'before')}</th>
                    <th scope="col">${t(lang, 'after')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${changed.map(
                    (c) =>
                      html`<tr>
                        <td>${labelOf(c.path)} <code>${c.path}</code></td>
                        <td>${shownValue(c.before, lang)}</td>
                        <td class="changed">${shownValue(c.after, lang)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        <h2>${t(lang, 'flippedRules')}</h2>
        ${
          flipped.length === 0
            ? html`<p>${t(lang, 'nothing')}</p>`
            : html`<ul>
                ${flipped.map(
                  (f) =>
                    html`<li>
                      <code>${f.rule}</code>: ${t(lang, f.before ? 'ruleFired' : 'ruleSilent')} →
                      ${t(lang, f.after ? 'ruleFired' : 'ruleSilent')}
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <div class="grid">
        ${side(lang, t(lang, 'before'), before, this.labels)}
        ${side(lang, t(lang, 'after'), after, this.labels)}
      </div>`;
    return layout(ctx, lang, `${t(lang, 'compare')} · ${this.labels.type(after.type, lang)}`, body);
  }
}

function side(lang: Lang, title: string, a: AssessmentView, labels: ConsoleLabels): Html {
  return html`<section class="card">
    <h2>
      ${title}: ${levelBadge(a.decision.level, labels, lang)} ${a.decision.score} ·
      <a href="/my-assessments/${a.id}">${localTime(a.submittedAt)}</a>
    </h2>
    ${decisionView(a.decision, labels, lang)}
  </section>`;
}

/** Leaf paths whose values differ, with both values as JSON text. */
export function changedPaths(
  before: unknown,
  after: unknown,
  path = '',
): { path: string; before: string; after: string }[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedPaths(before[k], after[k], path ? `${path}.${k}` : k));
  }
  const [b, a] = [JSON.stringify(before) ?? '—', JSON.stringify(after) ?? '—'];
  return a === b ? [] : [{ path, before: b, after: a }];
}

/** A changed value as a reader says it: yes and no for booleans, a dash for none, text without quotes. */
function shownValue(json: string, lang: Lang): string {
  if (json === 'true' || json === 'false') return t(lang, json === 'true' ? 'yes' : 'no');
  if (json === 'null' || json === '—') return '—';
  return json.startsWith('"') ? (JSON.parse(json) as string) : json;
}

/** Rules that fired in one decision and not in the other. */
export function flippedRules(
  before: Decision,
  after: Decision,
): { rule: string; before: boolean; after: boolean }[] {
  const fired = (d: Decision) => new Set(d.explanation.fired.map((r) => r.rule));
  const [b, a] = [fired(before), fired(after)];
  return [...new Set([...b, ...a])]
    .filter((rule) => b.has(rule) !== a.has(rule))
    .sort()
    .map((rule) => ({ rule, before: b.has(rule), after: a.has(rule) }));
}
