import type { CountersignMode, LocalizedText, RiskLevel, RouteDefaults, RouteParams } from './rule-set.types';
import type { HardStop, Route, RouteStep } from './decision.types';
import { levelAtLeast } from './risk-level';

/** A routing rule that fired, in rule-set order. */
export interface FiredRoute {
  rule: string;
  params: RouteParams;
}

// Ranked from least to most demanding: a rule can make the countersign stricter, never looser.
const MODE_STRICTNESS: readonly CountersignMode[] = ['any', 'all', 'sequential'];

const LEVEL_ZH: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高', critical: '重大' };

const DEFAULT_ROUTE_REASON: LocalizedText = {
  zh: '本类活动的默认会签部门',
  en: 'Countersigns every activity of this type by default',
};

/**
 * The route: defaults first, then what each fired routing rule adds, then the two policies that routing.json
 * switches on in its defaults (expert review from a risk level, legality review on any hard stop).
 */
export function buildRoute(
  defaults: RouteDefaults,
  fired: FiredRoute[],
  level: RiskLevel,
  hardStops: HardStop[],
): Route {
  const steps = new Map<string, RouteStep>();
  const addStep = (department: string, rule: string, reason: LocalizedText) => {
    const step = steps.get(department) ?? { department, reasons: [] };
    step.reasons.push({ rule, reason: copyText(reason) });
    steps.set(department, step);
  };
  for (const department of defaults.departments) {
    if (!steps.has(department)) addStep(department, 'policy.default-route', DEFAULT_ROUTE_REASON);
  }

  const route: Route = {
    mode: defaults.mode,
    countersign: [],
    expertReview: false,
    legalityReview: false,
    reasons: [],
  };
  for (const { rule, params } of fired) {
    route.reasons.push({ rule, reason: copyText(params.reason) });
    for (const department of new Set(params.departments ?? [])) {
      addStep(department, rule, params.reason);
    }
    if (params.mode && MODE_STRICTNESS.indexOf(params.mode) > MODE_STRICTNESS.indexOf(route.mode))
      route.mode = params.mode;
    route.expertReview ||= params.expertReview === true;
    route.legalityReview ||= params.legalityReview === true;
  }

  const expertFloor = defaults.expertReviewAtLevel;
  if (expertFloor !== null && levelAtLeast(level, expertFloor)) {
    route.expertReview = true;
    route.reasons.push({
      rule: 'policy.expert-review-at-level',
      reason: {
        zh: `风险等级为${LEVEL_ZH[level]}，达到专家评审的门槛（${LEVEL_ZH[expertFloor]}）`,
        en: `Risk level ${level} reaches the expert review threshold (${expertFloor})`,
      },
    });
  }
  if (defaults.legalityReviewOnHardStop && hardStops.length > 0) {
    route.legalityReview = true;
    route.reasons.push({
      rule: 'policy.legality-review-on-hard-stop',
      reason: {
        zh: `存在否决项（${hardStops.map((h) => h.rule).join('、')}），须经合法性审查`,
        en: `Hard stops (${hardStops.map((h) => h.rule).join(', ')}) call for legality review`,
      },
    });
  }
  route.countersign = [...steps.values()];
  return route;
}

function copyText(text: LocalizedText): LocalizedText {
  return { zh: text.zh, en: text.en };
}
