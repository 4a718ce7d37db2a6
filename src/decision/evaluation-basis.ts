/**
 * What an evaluation report must state besides the risks (GB/T 37286-2019): the applicant's search with its
 * scope and cut-off date, the rights examined with their legal status, the applicant's limitations
 * statement, and who evaluated. Clients send it as the shared fact `evaluationBasis`
 * (rules/shared/facts.json); no rule scores it, the decision carries it so the report reads it from there.
 */
import type { Decision, EvaluationBasis, Facts } from './decision.types';
import type { FactContract } from './rule-set.types';
import { copyJson } from './json-copy';

/** The shared fact the decision itself reads (the loader counts it as read, though no rule does). */
export const EVALUATION_BASIS_FACT = 'evaluationBasis';

/**
 * The decision with the facts' evaluation basis, as the client sent it (absent parts stay absent rather
 * than null). Nothing changes where the contract does not declare the fact (a rule set written before it:
 * its decisions replay unchanged) or the client sent none.
 */
export function withEvaluationBasis(decision: Decision, contract: FactContract, facts: Facts): Decision {
  const given = facts[EVALUATION_BASIS_FACT];
  if (!(EVALUATION_BASIS_FACT in contract.input) || given === undefined || given === null) return decision;
  // After the route and mandatoryEvaluation, before the derived facts and the trace: byte-stable JSON.
  const { derivedFacts, explanation, ...head } = decision;
  return { ...head, evaluationBasis: copyJson(given) as EvaluationBasis, derivedFacts, explanation };
}
