/**
 * The layout of the definition files under the root (design-notes "File layout of definitions"): the one
 * place that knows which file holds what, so loader, checks and messages agree on names.
 */
import { ACTIVITY_TYPES, type ActivityType, type RuleEventType } from './definition.types';

export const DEPARTMENTS_FILE = 'rules/departments.json';
export const MEASURES_FILE = 'rules/measures.json';
export const CALENDAR_FILE = 'rules/calendar.json';
export const SHARED_FACTS_FILE = 'rules/shared/facts.json';
export const SHARED_CREDIT_FILE = 'rules/shared/credit.json';

export type TypeFileName = 'facts.json' | 'levels.json' | 'scoring.json' | 'hard-stops.json' | 'routing.json';
export const TYPE_FILE_NAMES: readonly TypeFileName[] = [
  'facts.json',
  'hard-stops.json',
  'levels.json',
  'routing.json',
  'scoring.json',
];

export function typeFile(type: ActivityType, name: TypeFileName): string {
  return `rules/${type}/${name}`;
}

export function workflowFile(type: ActivityType): string {
  return `workflows/${type}.json`;
}

/** A file holding `{ rules: [...] }`: the event types its rules may raise and the keys it may have. */
export interface RuleFileLayout {
  file: string;
  eventTypes: readonly RuleEventType[];
  topLevelKeys: readonly string[];
}

/** The shared credit rules may score, stop or route: a credit record can do each. */
export const SHARED_CREDIT_LAYOUT: RuleFileLayout = {
  file: SHARED_CREDIT_FILE,
  eventTypes: ['finding', 'hard-stop', 'route'],
  topLevelKeys: ['rules'],
};

/** A type's own rule files in file-name order; each holds one kind, so a reader finds every hard stop in one place. */
export function ownRuleFilesOf(type: ActivityType): RuleFileLayout[] {
  return [
    { file: typeFile(type, 'hard-stops.json'), eventTypes: ['hard-stop'], topLevelKeys: ['rules'] },
    { file: typeFile(type, 'routing.json'), eventTypes: ['route'], topLevelKeys: ['defaults', 'rules'] },
    { file: typeFile(type, 'scoring.json'), eventTypes: ['finding'], topLevelKeys: ['rules'] },
  ];
}

/** The rule set of a type in the order its rules run and are listed: the shared credit rules first. */
export function ruleFilesOf(type: ActivityType): RuleFileLayout[] {
  return [SHARED_CREDIT_LAYOUT, ...ownRuleFilesOf(type)];
}

/** Rule names carry the prefix of their set, so a name in a trace says where to find the rule. */
export const RULE_NAME_PREFIXES: Record<ActivityType | 'shared', string> = {
  shared: 'credit.',
  'major-project': 'major.',
  'talent-introduction': 'talent.',
  'trade-show': 'show.',
  'technology-trade': 'trade.',
};

/** Every file the loader needs; a missing one is a problem. */
export function requiredFiles(): string[] {
  return [
    DEPARTMENTS_FILE,
    MEASURES_FILE,
    CALENDAR_FILE,
    SHARED_FACTS_FILE,
    SHARED_CREDIT_FILE,
    ...ACTIVITY_TYPES.flatMap((type) => [
      ...TYPE_FILE_NAMES.map((name) => typeFile(type, name)),
      workflowFile(type),
    ]),
  ];
}

/**
 * Folders whose JSON files are all ours: a stray file there (a typo like "hardstops.json", a type that
 * has no code yet) would be ignored silently, so it is reported instead.
 */
export function ownedFolders(): string[] {
  return ['rules/shared', ...ACTIVITY_TYPES.map((type) => `rules/${type}`), 'workflows'];
}
