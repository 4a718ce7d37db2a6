/**
 * `rules:table [--check]`: writes docs/rules.md from the rule files (see rule-table.ts). With --check it
 * writes nothing and exits 1 when the committed page is out of date, so CI can refuse a stale table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandOutput } from './definitions-check.command';
import { DefinitionError, formatProblem } from './definition-error';
import { loadDefinitions } from './load-definitions';
import { renderRuleTable, RULE_TABLE_FILE } from './rule-table';

export function runRulesTable(args: readonly string[], output: CommandOutput): number {
  const check = args.length === 1 && args[0] === '--check';
  if (args.length > 0 && !check) {
    output.err('usage: rules:table [--check]   (run at the repository root)');
    return 2;
  }
  const root = process.cwd();
  let table: string;
  try {
    table = renderRuleTable(loadDefinitions(root));
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    error.problems.forEach((problem) => output.err(formatProblem(problem)));
    return 1;
  }
  const target = join(root, RULE_TABLE_FILE);
  if (check) {
    const current = readIfPresent(target);
    if (current === table) return 0;
    output.err(`${RULE_TABLE_FILE} is out of date: run npm run rules:table`);
    return 1;
  }
  writeFileSync(target, table);
  output.out(`wrote ${RULE_TABLE_FILE}`);
  return 0;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
