/**
 * The pure core's one entry point: facts + submission instant + a rule-set definition -> Decision.
 * No clock, no environment, no I/O: the same arguments always give the same Decision.
 */
import type { RuleSetDefinition } from './rule-set.types';
import type { Decision, Facts } from './decision.types';
import { deriveFacts } from './derived/derive-facts';
import { evaluateRuleSet } from './evaluate-rule-set';
import { withEvaluationBasis } from './evaluation-basis';
import { missingFactsError, missingRequiredFacts, normaliseFacts } from './normalise-facts';

export async function decide(rules: RuleSetDefinition, facts: Facts, submittedAt: string): Promise<Decision> {
  const missing = missingRequiredFacts(rules.facts, facts);
  if (missing.length > 0) throw missingFactsError(missing);
  const normalised = normaliseFacts(rules.facts, facts);
  const derived = deriveFacts(rules.facts, normalised, submittedAt);
  const decision = await evaluateRuleSet(rules, normalised, derived, submittedAt);
  return withEvaluationBasis(decision, rules.facts, facts);
}
