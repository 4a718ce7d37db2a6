import { Brackets, type SelectQueryBuilder } from 'typeorm';
import type { CaseListScope } from '../auth/policy';

/** Narrows a query over evaluations (alias `e`) to the cases a list scope lets the caller see. */
export function whereCaseVisible<T extends object>(
  q: SelectQueryBuilder<T>,
  scope: CaseListScope,
): SelectQueryBuilder<T> {
  if (scope.kind === 'credit-code') q.andWhere('e.applicant_credit_code = :code', { code: scope.creditCode });
  if (scope.kind === 'applicant-department') {
    q.andWhere(
      new Brackets((b) =>
        b
          .where('e.submitter_department = :dept', { dept: scope.department })
          .orWhere('e.competent_department = :dept'),
      ),
    );
  }
  if (scope.kind === 'task-department') {
    q.andWhere(`e.id IN (SELECT t.evaluation_id FROM tasks t WHERE t.department = :dept)`, {
      dept: scope.department,
    });
  }
  if (scope.kind === 'nothing') q.andWhere('1 = 0');
  return q;
}
