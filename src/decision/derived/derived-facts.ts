/**
 * All derived facts of a case: the applicant's (every type) merged with its activity type's. Each
 * function computes from the input facts and the submission instant only, never the clock.
 */
import type { Facts } from '../decision.types';
import { deriveApplicantFacts } from './applicant.derived';
import { deriveMajorProjectFacts } from './major-project.derived';
import { deriveTalentIntroductionFacts } from './talent-introduction.derived';
import { deriveTechnologyTradeFacts } from './technology-trade.derived';
import { deriveTradeShowFacts } from './trade-show.derived';

export type DeriveFacts = (facts: Facts, submittedAt: string) => Record<string, unknown>;

// A Record over string: adding a type without its derivation fails to compile.
const DERIVE_BY_TYPE: Record<string, DeriveFacts> = {
  'major-project': deriveMajorProjectFacts,
  'talent-introduction': deriveTalentIntroductionFacts,
  'trade-show': deriveTradeShowFacts,
  'technology-trade': deriveTechnologyTradeFacts,
};

export function deriveFacts(type: string, facts: Facts, submittedAt: string): Record<string, unknown> {
  const applicant = deriveApplicantFacts(facts, submittedAt);
  const own = DERIVE_BY_TYPE[type](facts, submittedAt);
  // The contracts are merged into one name space; a clash would let one value silently hide the other.
  const clash = Object.keys(own).find((name) => name in applicant);
  if (clash !== undefined)
    throw new Error(`Derived fact "${clash}" is computed both for the applicant and for ${type}`);
  return { ...applicant, ...own };
}
