/**
 * What a rule set is to the decision core: the types the core owns and the loader (src/definitions) builds
 * from the files under rules/. Pure types: no Nest, no ORM.
 */
import type { RuleProperties } from 'json-rules-engine';
import type { Expression } from './derived/derivation.types';

export const DIMENSIONS = [
  'ownership',
  'infringement',
  'validity',
  'compliance',
  'market',
  'management',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const COUNTERSIGN_MODES = ['all', 'any', 'sequential'] as const; // 会签, 或签, 依次
export type CountersignMode = (typeof COUNTERSIGN_MODES)[number];

export interface LocalizedText {
  zh: string;
  en: string;
}

/** rules/departments.json: { "departments": Department[] } */
export interface Department {
  code: string;
  zh: string;
  en: string;
  part: LocalizedText; // its typical part in an evaluation
}

/** rules/measures.json: { "measures": Measure[] } — the catalogue that findings refer to by code. */
export interface Measure {
  code: string;
  zh: string;
  en: string;
}

/**
 * rules/<type>/facts.json — the facts contract of one activity type (plus rules/shared/facts.json for the
 * applicant, merged into every type). Input facts are what clients send; derived facts are computed in
 * code from input facts and the submission date before the engine runs.
 */
export const FACT_KINDS = [
  'boolean',
  'number',
  'integer',
  'string',
  'date',
  'country',
  'enum',
  'object',
  'array',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];
export interface FactSpec {
  kind: FactKind;
  label: LocalizedText;
  required?: boolean; // default true for input facts; optional facts are normalised to null before rules run
  values?: string[]; // for enum, and for arrays of enum
  items?: FactSpec; // for arrays
  fields?: Record<string, FactSpec>; // for objects
  min?: number;
  max?: number;
}
/** A facts contract (rules/<type>/facts.json): JSON Schema draft 2020-12 with zh/en labels (x-label). */
export interface JsonSchema {
  $schema?: string;
  $comment?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  'x-label'?: LocalizedText;
  'x-help'?: LocalizedText;
  'x-enumLabels'?: Record<string, LocalizedText>;
  [keyword: string]: unknown;
}

/** A derived fact: what it is (kind, label, bounds, as any fact) and how it is computed. */
export type DerivedFactSpec = FactSpec & { compute: Expression };

export interface FactContract {
  input: Record<string, FactSpec>;
  derived: Record<string, DerivedFactSpec>; // in the order they are computed: shared first, then the type's
}

/** rules/<type>/levels.json — score thresholds: a score >= the threshold reaches that level. */
export interface LevelThresholds {
  medium: number;
  high: number;
  critical: number;
}

/** The event.params a rule may carry, by event.type. */
export interface FindingParams {
  dimension: Dimension;
  points: number;
  reason: LocalizedText;
  basis: string;
  measure?: string; // code in rules/measures.json
}
export interface HardStopParams {
  reason: LocalizedText;
  basis: string;
  measure?: string;
}
export interface RouteParams {
  reason: LocalizedText;
  basis?: string;
  departments?: string[]; // codes in rules/departments.json, added to the countersign
  mode?: CountersignMode; // the strictest mode asked for wins: sequential > all > any
  expertReview?: boolean;
  legalityReview?: boolean;
}
/**
 * Whether the law requires the evaluation (广东省知识产权保护条例 Art. 11): a rule of this type in routing.json
 * says so, with its reason and basis; `defaults.evaluationNotMandatory` says why it is voluntary otherwise.
 */
export interface MandatoryEvaluationParams {
  reason: LocalizedText;
  basis: string;
}
export type RuleEventType = 'finding' | 'hard-stop' | 'route' | 'mandatory-evaluation';

/** rules/<type>/routing.json also carries the default route, applied before routing rules add to it. */
export interface RouteDefaults {
  departments: string[];
  mode: CountersignMode;
  expertReviewAtLevel: RiskLevel | null; // a level at or above this one sends the case to the expert panel
  legalityReviewOnHardStop: boolean; // any hard stop sends the case to legality review (合法性审查)
  // Why the evaluation is voluntary when no mandatory-evaluation rule fires. Absent in rule sets written
  // before the decision said so: their decisions stay as they were made (no mandatoryEvaluation).
  evaluationNotMandatory?: MandatoryEvaluationParams;
}

/** One rule file after loading: where it came from and its rules (json-rules-engine RuleProperties). */
export interface RuleFile {
  file: string; // path relative to the repository root, e.g. rules/<type>/scoring.json
  rules: RuleProperties[];
}

export interface RuleSetDefinition {
  type: string; // the activity type, a folder name under rules/
  phase?: string; // for a type assessed in phases: the phase this rule set judges
  phases?: Record<string, string>; // on a type's first phase: the later phases' rule-set hashes, by phase
  hash: string; // sha-256 (hex) of the RFC 8785 canonical JSON of everything below plus departments/measures
  factsSchema: JsonSchema; // the type's input facts as clients send them (the applicant comes beside them)
  facts: FactContract; // what the rules see: input (applicant merged in) and derived facts
  levels: LevelThresholds;
  routeDefaults: RouteDefaults;
  files: RuleFile[]; // shared rule files first, then the type's own, in file-name order
  departments: Department[];
  measures: Measure[];
}
