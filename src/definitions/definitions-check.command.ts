/**
 * `definitions:check [--root DIR]`: loads the definitions as the service would at start and says whether
 * it would start. Prints each type with its workflow and rule-set hashes, or every problem; exit code 1
 * when there are problems, 2 when the command line is wrong.
 */
import { resolve } from 'node:path';
import { DefinitionError, formatProblem } from './definition-error';
import { loadDefinitions } from './load-definitions';

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE =
  'usage: definitions:check [--root DIR]   (DIR holds rules/ and workflows/; default: the current directory)';

export function runDefinitionsCheck(args: readonly string[], output: CommandOutput): number {
  const root = rootFrom(args);
  if (root === undefined) {
    output.err(USAGE);
    return 2;
  }
  try {
    const catalogue = loadDefinitions(root);
    const width = Math.max(...catalogue.types.map((type) => type.length));
    for (const type of catalogue.types) {
      const { rules, workflow } = catalogue.definitions[type];
      output.out(`${type.padEnd(width)}  workflow ${workflow.hash}  rules ${rules.hash}  ok`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    error.problems.forEach((problem) => output.err(formatProblem(problem)));
    const count = error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`;
    output.err(`definitions under ${root}: ${count}`);
    return 1;
  }
}

/** The root directory from `--root DIR` or `--root=DIR`; undefined when the arguments make no sense. */
function rootFrom(args: readonly string[]): string | undefined {
  if (args.length === 0) return process.cwd();
  const [first, second] = args;
  if (args.length === 1 && first.startsWith('--root=') && first.length > '--root='.length)
    return resolve(first.slice('--root='.length));
  if (args.length === 2 && first === '--root' && second) return resolve(second);
  return undefined;
}
