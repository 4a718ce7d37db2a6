/**
 * The lawyer-facing table of every rule (docs/rules.md), rendered from the loaded definitions so that it
 * says exactly what the engine runs. Pure: catalogue in, Markdown out. Rule files shared by every type
 * (rules/shared/) are listed once, before the types.
 */
import type { RuleProperties } from 'json-rules-engine';
import type {
  DefinitionCatalogue,
  FindingParams,
  LocalizedText,
  Measure,
  RouteParams,
  RuleFile,
} from './definition.types';

export const RULE_TABLE_FILE = 'docs/rules.md';

const HEADER = [
  '# The rules, one page',
  '',
  'Generated from the rule files by `npm run rules:table`; do not edit by hand (a test fails when this page',
  'and the rule files disagree). The facts, legal sources and procedure behind the rules are explained in',
  '[domain.md](domain.md). Columns: the rule; what fires it, in Chinese and English; its legal basis;',
  'the points it adds and to which dimension (findings only); whether it is a hard stop (否决项) or a routing',
  'rule, or whether it makes the evaluation mandatory (广东条例第十一条); the measure (风险防控措施) it calls for.',
];

const COLUMNS = [
  'rule',
  'reason (zh)',
  'reason (en)',
  'basis',
  'points',
  'dimension',
  'hard stop',
  'measure',
];

export function renderRuleTable(catalogue: DefinitionCatalogue): string {
  const lines = [...HEADER];
  const seen = new Set<string>();
  const activities = Object.values(catalogue.definitions);
  const shared = activities.flatMap((a) => a.rules.files).filter((f) => f.file.startsWith('rules/shared/'));
  for (const file of shared) {
    if (seen.has(file.file)) continue;
    seen.add(file.file);
    lines.push('', `## Every type: \`${file.file}\``, '', ...fileTable(file, catalogue.measures));
  }
  for (const activity of activities) {
    lines.push('', `## ${activity.type}`);
    // A type assessed in phases has a rule set per phase; each is listed, with its own voluntary reason.
    const ruleSets = activity.phases ? activity.phases.map((phase) => phase.rules) : [activity.rules];
    for (const ruleSet of ruleSets) {
      const voluntary = ruleSet.routeDefaults.evaluationNotMandatory;
      if (voluntary) {
        const where = ruleSet.phase ? ` (phase ${ruleSet.phase})` : '';
        lines.push(
          '',
          `Where no "evaluation mandatory" rule fires${where}, the decision says the evaluation is voluntary:`,
        );
        lines.push(`${voluntary.reason.zh} / ${voluntary.reason.en} (${voluntary.basis})`);
      }
      for (const file of ruleSet.files) {
        if (file.file.startsWith('rules/shared/')) continue;
        lines.push('', `### \`${file.file}\``, '', ...fileTable(file, catalogue.measures));
      }
    }
  }
  return lines.join('\n') + '\n';
}

function fileTable(file: RuleFile, measures: readonly Measure[]): string[] {
  if (file.rules.length === 0) return ['(no rules)'];
  return [
    row(COLUMNS),
    row(COLUMNS.map(() => '---')),
    ...file.rules.map((rule) => row(cells(rule, measures))),
  ];
}

function cells(rule: RuleProperties, measures: readonly Measure[]): string[] {
  const type = rule.event.type;
  const params = (rule.event.params ?? {}) as Partial<FindingParams & RouteParams>;
  const reason = params.reason ?? ({ zh: '', en: '' } as LocalizedText);
  const measure = measures.find((m) => m.code === params.measure);
  return [
    `\`${rule.name ?? ''}\``,
    reason.zh,
    reason.en,
    params.basis ?? '',
    type === 'finding' ? String(params.points ?? '') : '',
    type === 'finding' ? (params.dimension ?? '') : '',
    kindOf(type, params),
    measure ? `${measure.zh} (\`${measure.code}\`)` : (params.measure ?? ''),
  ];
}

function kindOf(type: string, params: Partial<RouteParams>): string {
  if (type === 'hard-stop') return 'yes';
  if (type === 'route') return `route: ${routeSummary(params)}`;
  if (type === 'mandatory-evaluation') return 'evaluation mandatory';
  return '';
}

/** What a routing rule adds, in a few words: departments, mode, expert and legality review. */
function routeSummary(params: Partial<RouteParams>): string {
  const parts = [...(params.departments ?? [])];
  if (params.mode) parts.push(`mode ${params.mode}`);
  if (params.expertReview) parts.push('expert review');
  if (params.legalityReview) parts.push('legality review');
  return parts.join(', ') || 'none';
}

function row(values: readonly string[]): string {
  return `| ${values.map((value) => value.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')).join(' | ')} |`;
}
