import { DomainError } from '../common/domain-error';

/** One thing wrong in a definition file: where (file relative to the root, JSON pointer inside it) and why. */
export interface DefinitionProblem {
  file: string;
  place: string;
  reason: string;
}

export function formatProblem({ file, place, reason }: DefinitionProblem): string {
  return `${file}: ${place || '(whole file)'}: ${reason}`; // '' is the pointer to the whole document
}

/**
 * Thrown when the definitions cannot be loaded. It carries every problem found, not the first one, so an
 * officer editing rule files fixes them in one round instead of one start per mistake.
 */
export class DefinitionError extends DomainError {
  readonly problems: readonly DefinitionProblem[];

  constructor(problems: readonly DefinitionProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      'definition.invalid',
      [`Definitions are invalid (${count}):`, ...problems.map(formatProblem)].join('\n'),
      {
        problems,
      },
    );
    this.name = 'DefinitionError';
    this.problems = problems;
  }
}
