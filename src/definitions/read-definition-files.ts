import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DefinitionProblem } from './definition-error';
import { ownedFolders, requiredFiles } from './definition-files';
import { jsonSyntaxErrorOffset, lineAndColumn } from './json-syntax-position';

/** Parsed JSON by file path relative to the root. A file absent here was missing or unparsable (reported). */
export type DefinitionDocuments = ReadonlyMap<string, unknown>;

/** Reads and parses every required file, reporting missing files, bad JSON and stray files in our folders. */
export function readDefinitionFiles(rootDir: string, problems: DefinitionProblem[]): DefinitionDocuments {
  const documents = new Map<string, unknown>();
  if (!existsSync(rootDir) || !statSync(rootDir).isDirectory()) {
    problems.push({ file: rootDir, place: '', reason: 'definition root is not a directory' });
    return documents;
  }
  const required = requiredFiles();
  for (const file of required) {
    const path = join(rootDir, file);
    if (!existsSync(path)) {
      problems.push({ file, place: '', reason: 'required file is missing' });
      continue;
    }
    const parsed = parseJson(readFileSync(path, 'utf8'));
    if ('value' in parsed) documents.set(file, parsed.value);
    else problems.push({ file, place: parsed.place, reason: parsed.reason });
  }
  problems.push(...strayFiles(rootDir, new Set(required)));
  return documents;
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

function strayFiles(rootDir: string, required: ReadonlySet<string>): DefinitionProblem[] {
  return ownedFolders().flatMap((folder) => {
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
        reason: 'unexpected file: the loader does not read it (misspelt name, or a type without code?)',
      }));
  });
}
