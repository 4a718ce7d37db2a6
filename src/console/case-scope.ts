import type { CaseScope } from '../auth/policy';
import type { EvaluationView } from '../evaluations/evaluation.view';

/**
 * The policy's view of a case, rebuilt from what the case page was allowed to read, so the page can ask
 * the policy which actions to offer (the service asks it again when the action comes). Two fields are
 * not in the view and are filled so the answer stays the same: officers submit only cases their own
 * department is competent for, so the submitter's department is the competent one or none (an
 * enterprise); and only officers and enterprises submit, so no reviewer is ever the submitter.
 */
export function caseScopeOfView(view: EvaluationView): CaseScope {
  return {
    applicantCreditCode: view.applicant.creditCode,
    submittedBy: '',
    submitterDepartment: view.competentDepartment,
    competentDepartment: view.competentDepartment,
    taskDepartments: [...new Set((view.history ?? view.tasks).map((t) => t.department))],
  };
}
