/**
 * The layout of the definition files under the root: the one place that knows which file holds what, so
 * loader, checks and messages agree on names. Activity types are not listed anywhere in code: each folder
 * under rules/ (but shared/ and schemas/) is one, described by its activity.json.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DEPARTMENTS_FILE = 'rules/departments.json';
export const MEASURES_FILE = 'rules/measures.json';
export const CALENDAR_FILE = 'rules/calendar.json';
export const VOCABULARY_FILE = 'rules/vocabulary.json';
export const SHARED_FACTS_FILE = 'rules/shared/facts.json';
export const SHARED_DERIVED_FILE = 'rules/shared/derived.json';
export const SHARED_CREDIT_FILE = 'rules/shared/credit.json';

/** Folders under rules/ that are not activity types. */
const NOT_TYPES = new Set(['shared', 'schemas']);
/** Type and workflow names: folder and file names that read well in URLs and rule traces. */
export const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export type RuleSetFileName =
  'facts.json' | 'derived.json' | 'levels.json' | 'scoring.json' | 'hard-stops.json' | 'routing.json';
/** The files of one rule set: a type's folder, or one folder per phase for a type with phases. */
export const RULE_SET_FILE_NAMES: readonly RuleSetFileName[] = [
  'derived.json',
  'facts.json',
  'hard-stops.json',
  'levels.json',
  'routing.json',
  'scoring.json',
];

/** The activity types under the root, in name order: the folders of rules/ other than shared/ and schemas/. */
export function discoverTypes(rootDir: string): string[] {
  const rules = join(rootDir, 'rules');
  if (!existsSync(rules)) return [];
  return readdirSync(rules)
    .filter((name) => !NOT_TYPES.has(name) && statSync(join(rules, name)).isDirectory())
    .sort();
}

/** rules/<type>/activity.json: what names a type and places it (label, rule prefix, workflow, phases). */
export function activityFile(type: string): string {
  return `rules/${type}/activity.json`;
}

/**
 * One rule set to load: a type's, or one phase's of a type assessed in phases (rules/<type>/<phase>/),
 * each phase a submission of its own facts checked against its own contract and rules.
 */
export interface RuleSetUnit {
  type: string;
  phase?: string;
  folder: string; // rules/<type> or rules/<type>/<phase>
}

export function ruleSetFile(folder: string, name: RuleSetFileName): string {
  return `${folder}/${name}`;
}

/** workflows/<name>.json: a procedure, named by the activity.json of each type that follows it. */
export function workflowFile(name: string): string {
  return `workflows/${name}.json`;
}

/** A file holding `{ rules: [...] }` and the schema (rules/schemas/) saying which events its rules may raise. */
export interface RuleFileLayout {
  file: string;
  schema: string;
}

/** The shared credit rules may score, stop or route: a credit record can do each. */
export const SHARED_CREDIT_LAYOUT: RuleFileLayout = {
  file: SHARED_CREDIT_FILE,
  schema: 'credit.schema.json',
};

/** Rule names of the shared credit rules carry this prefix; a type's own prefix is in its activity.json. */
export const SHARED_RULE_PREFIX = 'credit.';

/** A rule set's own rule files in file-name order; each holds one kind, so a reader finds every hard stop in one place. */
export function ownRuleFilesOf(folder: string): RuleFileLayout[] {
  const names = ['hard-stops', 'routing', 'scoring'] as const;
  return names.map((name) => ({ file: ruleSetFile(folder, `${name}.json`), schema: `${name}.schema.json` }));
}

/** A rule set in the order its rules run and are listed: the shared credit rules first. */
export function ruleFilesOf(folder: string): RuleFileLayout[] {
  return [SHARED_CREDIT_LAYOUT, ...ownRuleFilesOf(folder)];
}

/** The files every root needs, and each type's activity.json; the rest follows from what these say. */
export function requiredFiles(types: readonly string[]): string[] {
  return [
    DEPARTMENTS_FILE,
    MEASURES_FILE,
    CALENDAR_FILE,
    VOCABULARY_FILE,
    SHARED_FACTS_FILE,
    SHARED_DERIVED_FILE,
    SHARED_CREDIT_FILE,
    ...types.map(activityFile),
  ];
}

export function ruleSetFiles(unit: RuleSetUnit): string[] {
  return RULE_SET_FILE_NAMES.map((name) => ruleSetFile(unit.folder, name));
}

/**
 * Folders whose JSON files are all ours: a stray file there (a typo like "hardstops.json", a workflow no
 * type names) would be ignored silently, so it is reported instead.
 */
export function ownedFolders(types: readonly string[], units: readonly RuleSetUnit[]): string[] {
  const folders = new Set([
    'rules/shared',
    ...types.map((type) => `rules/${type}`),
    ...units.map((u) => u.folder),
  ]);
  return [...folders, 'workflows'];
}
