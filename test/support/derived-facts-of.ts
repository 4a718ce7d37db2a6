/**
 * The derived facts of the shipped data for one type (or the applicant's, `shared`), computed the way
 * decide() computes them: from the declarations in rules/<type>/derived.json by the named functions.
 * Facts may be partial: a fact that is absent reads as null, as an absent optional fact does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveFacts } from '../../src/decision/derived/derive-facts';
import type { DefinitionCatalogue } from '../../src/definitions/definition.types';
import { loadDefinitions } from '../../src/definitions/load-definitions';
import { REPO_ROOT } from './fact-fixtures';

let catalogue: DefinitionCatalogue | undefined;

function declaredIn(folder: string): string[] {
  const file = join(REPO_ROOT, 'rules', folder, 'derived.json');
  return Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { derived: object }).derived);
}

export function derivedFactsOf(
  type: string,
  facts: Record<string, unknown>,
  submittedAt: string,
): Record<string, unknown> {
  catalogue ??= loadDefinitions(REPO_ROOT);
  // The applicant's derived facts are the same in every type's set: any type computes them.
  const rules = catalogue.definitions[type === 'shared' ? catalogue.types[0] : type].rules;
  const all = deriveFacts(rules.facts, facts, submittedAt);
  return Object.fromEntries(declaredIn(type).map((name) => [name, all[name]]));
}
