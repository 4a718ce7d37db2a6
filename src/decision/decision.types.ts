import type { CountersignMode, Dimension, LocalizedText, RiskLevel } from './rule-set.types';

import type { CreditGround } from './derived/credit-ground';

/** The applicant part of every type's facts (docs/domain.md §4). */
export interface CreditRecord {
  list:
    | 'cnipa-dishonesty'
    | 'patent-severe-dishonesty'
    | 'samr-serious-violation'
    | 'court-dishonest-debtor'
    | 'exhibition-blacklist';
  listedOn: string; // YYYY-MM-DD
  expiresOn?: string | null;
  reason?: string | null;
  /** Why the applicant was listed (see derived/credit-ground.ts); read from `reason` where absent. */
  ground?: CreditGround | null;
}
export interface Applicant {
  name: string;
  creditCode: string;
  kind: 'enterprise' | 'university' | 'research-institute' | 'government' | 'other';
  creditRecords: CreditRecord[];
  ipManagementCertified: boolean;
}

/** What decide() takes: the type's input facts with the applicant under `applicant`. */
export type Facts = Record<string, unknown> & { applicant: Applicant };

export interface Finding {
  rule: string;
  dimension: Dimension;
  points: number;
  reason: LocalizedText;
  basis: string;
  measure?: string;
}
export interface HardStop {
  rule: string;
  reason: LocalizedText;
  basis: string;
  measure?: string;
}
export interface MeasureAdvice {
  code: string;
  zh: string;
  en: string;
  rules: string[]; // the findings / hard stops that call for it
}
export interface RouteStep {
  department: string;
  reasons: { rule: string; reason: LocalizedText }[];
}
export interface Route {
  mode: CountersignMode;
  countersign: RouteStep[]; // in order (matters for sequential)
  expertReview: boolean;
  legalityReview: boolean;
  reasons: { rule: string; reason: LocalizedText }[]; // routing rules that fired
}
/**
 * Whether the law requires this evaluation (广东省知识产权保护条例 Art. 11), why, and on what basis: from the
 * mandatory-evaluation rules that fired (`rules` names them), or the type's reason for a voluntary one.
 */
export interface MandatoryEvaluation {
  required: boolean;
  reason: LocalizedText;
  basis: string;
  rules: string[];
}
/** The basis of the evaluation a report states (evaluation-basis.ts): each part only where the client gave it. */
export interface EvaluationBasis {
  search?: { scope: string; cutOffDate: string; performedBy?: string };
  rightsExamined?: {
    kind: string;
    number: string;
    holder?: string;
    jurisdiction?: string;
    legalStatus: string;
    statusCheckedOn?: string;
  }[];
  limitations?: string;
  evaluator?: { organisation: string; person?: string; qualification?: string };
}
export interface ConditionTrace {
  place?: string; // JSON pointer into the rule's `conditions`, e.g. "/all/1/not" (tells a negated leaf apart)
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factResult: unknown; // the value the engine saw (null when a path matched nothing)
  valueResult?: unknown; // only when `value` is a fact reference ({ "fact": ... }): the value it resolved to
  result: boolean;
}
export interface RuleTrace {
  rule: string;
  file: string;
  eventType: string;
  fired: boolean;
  conditions: ConditionTrace[];
}
export interface Decision {
  type: string;
  definitionHash: string; // the rule-set hash it was made with
  submittedAt: string; // ISO timestamp, the only time the rules ever see
  score: number;
  level: RiskLevel;
  dimensions: Record<Dimension, number>;
  findings: Finding[];
  hardStops: HardStop[];
  measures: MeasureAdvice[];
  route: Route;
  /** Absent only in decisions made with rule sets that predate it (replay keeps them as they were). */
  mandatoryEvaluation?: MandatoryEvaluation;
  /** The applicant's search, rights examined, limitations and evaluator, where the facts gave them. */
  evaluationBasis?: EvaluationBasis;
  derivedFacts: Record<string, unknown>;
  explanation: { fired: RuleTrace[]; notFired: RuleTrace[] };
}
