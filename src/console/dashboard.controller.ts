import { Controller, Get } from '@nestjs/common';
import { CaseStatisticsService } from '../evaluations/case-statistics.service';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsoleLabels } from './console-labels';
import { t } from './console-i18n';
import { ConsolePages } from './console-page.decorator';
import { html, trusted } from './html';
import { layout } from './layout.view';
import { svgBarChart } from './svg-bar-chart';

/** Officers' and auditors' overview: cases by type, state and level, overdue tasks, stage durations. */
@ConsolePages()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly statistics: CaseStatisticsService,
    private readonly labels: ConsoleLabels,
  ) {}

  @Get()
  async dashboard(@Ctx() ctx: ConsoleContext) {
    const lang = ctx.lang;
    const s = await this.statistics.statistics(ctx.principal);
    const sum = (key: (c: (typeof s.cases)[number]) => string, label: (k: string) => string) => {
      const totals = new Map<string, number>();
      for (const c of s.cases) totals.set(key(c), (totals.get(key(c)) ?? 0) + c.count);
      return [...totals].map(([k, value]) => ({ label: label(k), value }));
    };
    const chart = (title: string, bars: { label: string; value: number }[]) =>
      html`<section class="card">
        <h2>${title}</h2>
        ${bars.length ? trusted(svgBarChart(title, bars)) : html`<p>${t(lang, 'nothing')}</p>`}
      </section>`;
    const body = html`<div class="grid charts">
      ${chart(
        t(lang, 'casesByType'),
        sum(
          (c) => c.type,
          (k) => this.labels.type(k, lang),
        ),
      )}
      ${chart(
        t(lang, 'casesByState'),
        sum(
          (c) => `${c.type} ${c.state}`,
          (k) => {
            const [type, state] = k.split(' ');
            return this.labels.state(type, state, lang);
          },
        ).reduce<{ label: string; value: number }[]>((merged, bar) => {
          const same = merged.find((m) => m.label === bar.label);
          if (same) same.value += bar.value;
          else merged.push({ ...bar });
          return merged;
        }, []),
      )}
      ${chart(
        t(lang, 'casesByLevel'),
        sum(
          (c) => c.level,
          (k) => this.labels.word('levels', k, lang),
        ),
      )}
      ${chart(
        t(lang, 'overdueByDepartment'),
        s.overdueByDepartment.map((o) => ({
          label: this.labels.department(o.department, lang),
          value: o.count,
        })),
      )}
      ${chart(
        t(lang, 'medianDays'),
        s.medianWorkingDays.map((m) => ({
          label: this.labels.stage(this.labels.types()[0], m.stage, lang),
          value: m.median,
        })),
      )}
    </div>`;
    return layout(ctx, lang, t(lang, 'dashboard'), body);
  }
}
