import type { WorkingDayCalendar } from '../calendar/working-day-calendar.types';
/**
 * What a loaded definition looks like. Definitions are data (workflows/<type>.json, rules/...); these types
 * describe them after loading and verification. Pure types: no Nest, no ORM.
 */

import type {
  Department,
  JsonSchema,
  LocalizedText,
  Measure,
  RuleSetDefinition,
} from '../decision/rule-set.types';
import type { WorkflowDefinition } from '../workflow/workflow-definition.types';
import type { Vocabulary } from './vocabulary';

/** An activity type is data: the name of its folder under rules/. */
export type ActivityType = string;

// The core owns what it computes with; the loader builds these and the shell imports them from here too.
export {
  COUNTERSIGN_MODES,
  DIMENSIONS,
  FACT_KINDS,
  RISK_LEVELS,
  type CountersignMode,
  type Department,
  type Dimension,
  type FactContract,
  type FactKind,
  type FactSpec,
  type FindingParams,
  type HardStopParams,
  type JsonSchema,
  type LevelThresholds,
  type LocalizedText,
  type Measure,
  type RiskLevel,
  type RouteDefaults,
  type RouteParams,
  type RuleEventType,
  type RuleFile,
  type RuleSetDefinition,
} from '../decision/rule-set.types';
export type { MachineConfigJson, WorkflowDefinition } from '../workflow/workflow-definition.types';

/** rules/<type>/activity.json: what names and places a type. */
export interface ActivityManifest {
  label: LocalizedText;
  rulePrefix: string; // every rule of the type's own files is named with it
  workflow: string; // workflows/<workflow>.json, shared by the types with the same procedure
  competentDepartments: string[]; // departments usually in charge (项目主管单位), the usual one first
  phases?: { id: string; label: LocalizedText }[]; // a type assessed in phases, each its own rules/<type>/<id>/
}

/** One phase of a type assessed in phases: its own facts contract and rules. */
export interface PhaseDefinition {
  id: string;
  label: LocalizedText;
  rules: RuleSetDefinition;
}

export interface ActivityDefinition {
  type: ActivityType;
  label: LocalizedText;
  competentDepartments: string[];
  rules: RuleSetDefinition; // the rule set a submission runs: the first phase's for a type with phases
  phases?: PhaseDefinition[];
  workflow: WorkflowDefinition;
}

// The calendar's shape belongs to the pure calendar arithmetic that reads it.
export type {
  CalendarHoliday,
  CalendarYear,
  WorkingDayCalendar,
} from '../calendar/working-day-calendar.types';

export interface DefinitionCatalogue {
  departments: Department[];
  measures: Measure[];
  types: string[]; // the activity types, in name order
  applicantSchema: JsonSchema; // the applicant beside every type's facts (rules/shared/facts.json), for forms
  definitions: Record<string, ActivityDefinition>;
  calendar: WorkingDayCalendar; // not part of any hash: deadlines are computed once, when a task opens
  vocabulary: Vocabulary; // labels of the service's own codes; not part of any hash: words, not rules
}
