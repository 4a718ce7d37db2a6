import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DefinitionProblem } from './definition-error';
import {
  activityFile,
  discoverTypes,
  NAME_PATTERN,
  ownedFolders,
  requiredFiles,
  ruleSetFiles,
  type RuleSetUnit,
  workflowFile,
} from './definition-files';
import { jsonSyntaxErrorOffset, lineAndColumn } from './json-syntax-position';

/** Parsed JSON by file path relative to the root. A file absent here was missing or unparsable (reported). */
export type DefinitionDocuments = ReadonlyMap<string, unknown>;

export interface DefinitionFiles {
  documents: DefinitionDocuments;
  types: string[]; // the activity types found under rules/, in name order
  units: RuleSetUnit[]; // the rule sets to load: one per type, or one per phase of a type with phases
  workflowOf: ReadonlyMap<string, string>; // type -> workflow file, for the types whose activity.json names one
}

/**
 * Finds the activity types (the folders of rules/), reads and parses every file they and the shared data
 * need, then the workflows the types name, reporting missing files, bad JSON and stray files in our folders.
 */
export function readDefinitionFiles(rootDir: string, problems: DefinitionProblem[]): DefinitionFiles {
  const documents = new Map<string, unknown>();
  const workflowOf = new Map<string, string>();
  if (!existsSync(rootDir) || !statSync(rootDir).isDirectory()) {
    problems.push({ file: rootDir, place: '', reason: 'definition root is not a directory' });
    return { documents, types: [], units: [], workflowOf };
  }
  const types = discoverTypes(rootDir).filter((type) => {
    if (NAME_PATTERN.test(type)) return true;
    problems.push({
      file: `rules/${type}`,
      place: '',
      reason: 'an activity type is named by its folder: lower-case words joined by hyphens, e.g. patent-pool',
    });
    return false;
  });
  if (types.length === 0)
    problems.push({
      file: 'rules',
      place: '',
      reason: 'no activity type: each folder of rules/ other than shared/ and schemas/ is one',
    });
  const read = (file: string, missing: string) => {
    const path = join(rootDir, file);
    if (!existsSync(path)) {
      problems.push({ file, place: '', reason: missing });
      return;
    }
    const parsed = parseJson(readFileSync(path, 'utf8'));
    if ('value' in parsed) documents.set(file, parsed.value);
    else problems.push({ file, place: parsed.place, reason: parsed.reason });
  };
  const required = new Set(requiredFiles(types));
  for (const file of required) read(file, 'required file is missing');
  const units = types.flatMap((type) => ruleSetUnitsOf(type, documents.get(activityFile(type))));
  for (const file of units.flatMap(ruleSetFiles)) {
    required.add(file);
    read(file, 'required file is missing');
  }
  for (const type of types) {
    const activity = documents.get(activityFile(type));
    const name =
      typeof activity === 'object' && activity !== null
        ? (activity as { workflow?: unknown }).workflow
        : undefined;
    // A malformed name is reported by the activity schema; here only a well-formed one is followed.
    if (typeof name !== 'string' || !NAME_PATTERN.test(name)) continue;
    const file = workflowFile(name);
    workflowOf.set(type, file);
    if (required.has(file)) continue;
    required.add(file);
    read(file, `required file is missing (the workflow named in ${activityFile(type)})`);
  }
  problems.push(...strayFiles(rootDir, types, units, required));
  return { documents, types, units, workflowOf };
}

/** A type's rule sets: its own folder, or a folder per phase its activity.json lists (well-formed ids only). */
function ruleSetUnitsOf(type: string, activity: unknown): RuleSetUnit[] {
  const phases =
    typeof activity === 'object' && activity !== null ? (activity as { phases?: unknown }).phases : undefined;
  if (!Array.isArray(phases)) return [{ type, folder: `rules/${type}` }];
  return phases
    .map((phase) =>
      typeof phase === 'object' && phase !== null ? (phase as { id?: unknown }).id : undefined,
    )
    .filter((id): id is string => typeof id === 'string' && NAME_PATTERN.test(id))
    .map((phase) => ({ type, phase, folder: `rules/${type}/${phase}` }));
}

type Parsed = { value: unknown } | { place: string; reason: string };

function parseJson(raw: string): Parsed {
  // Editors on Windows (Notepad among them) may save UTF-8 with a byte-order mark, which JSON.parse refuses.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reported = /at position (\d+)/.exec(message);
    const offset = reported ? Number(reported[1]) : jsonSyntaxErrorOffset(text);
    const { line, column } = lineAndColumn(text, offset < 0 ? text.length : offset);
    return { place: `line ${line}, column ${column}`, reason: `invalid JSON: ${parserSays(message)}` };
  }
}

/** V8's message without the echo of the source text, which can be a whole rule file long. */
function parserSays(message: string): string {
  return message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
}

function strayFiles(
  rootDir: string,
  types: string[],
  units: RuleSetUnit[],
  required: ReadonlySet<string>,
): DefinitionProblem[] {
  return ownedFolders(types, units).flatMap((folder) => {
    const path = join(rootDir, folder);
    if (!existsSync(path)) return [];
    return readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => `${folder}/${name}`)
      .filter((file) => !required.has(file))
      .map((file) => ({
        file,
        place: '',
        reason:
          'unexpected file: the loader does not read it (a misspelt name, or a workflow no type names?)',
      }));
  });
}
