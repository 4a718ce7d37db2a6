import { DomainError } from '../common/domain-error';
import type { Principal } from './principal';

/**
 * The one authorization policy (docs/architecture.md invariant 7). Every service asks it before acting; no other
 * place decides who may do what.
 */
export type Action =
  | 'keys.manage'
  | 'catalogue.read'
  | 'assessment.create'
  | 'assessment.read'
  | 'assessment.list'
  | 'evaluation.create'
  | 'evaluation.read'
  | 'evaluation.officials'
  | 'evaluation.withdraw'
  | 'evaluation.resubmit'
  | 'evaluation.submit-phase'
  | 'task.list'
  | 'task.complete'
  | 'audit.read'
  | 'audit.public-key'
  | 'audit.replay'
  | 'notification.list'
  | 'report.read'
  | 'report.verify'
  | 'key-field.draft'
  | 'key-field.review'
  | 'key-field.read'
  | 'statistics.read';

/**
 * The IP office (市场监督管理局（知识产权局）) of the department catalogue: it organises every evaluation and
 * compiles and publishes the key-field reports.
 */
export const IP_OFFICE = 'ipo';

/** What the policy needs to know about a case; services map their rows to this. */
export interface CaseScope {
  applicantCreditCode: string;
  submittedBy: string;
  submitterDepartment: string | null;
  competentDepartment: string;
  /** Departments that hold or held a task on the case. */
  taskDepartments: string[];
}

export interface AssessmentScope {
  applicantCreditCode: string;
  requestedBy: string;
}

export interface TaskScope {
  department: string;
  case: CaseScope;
}

export type Resource =
  | { kind: 'none' }
  | { kind: 'new-case'; applicantCreditCode: string; competentDepartment: string }
  | { kind: 'case'; case: CaseScope }
  | { kind: 'assessment'; assessment: AssessmentScope }
  | { kind: 'new-assessment'; applicantCreditCode: string }
  | { kind: 'task'; task: TaskScope }
  | { kind: 'key-field-report'; report: KeyFieldScope };

export interface KeyFieldScope {
  competentDepartment: string;
  createdBy: string;
}

export function can(p: Principal, action: Action, resource: Resource = { kind: 'none' }): boolean {
  switch (action) {
    case 'keys.manage':
      return p.role === 'admin';
    case 'catalogue.read':
      return true;
    case 'audit.read':
      return p.role === 'auditor';
    case 'audit.public-key': // public by nature: anyone may check a signed head the service handed out
      return true;
    case 'audit.replay': // re-runs stored decisions; records that it did, changes nothing else
      return p.role === 'auditor' && resource.kind === 'case';
    case 'assessment.create':
      // Like evaluation.create, only about a new assessment: any other resource is a caller's mistake, refused.
      if (resource.kind !== 'new-assessment') return false;
      if (p.role === 'enterprise') return resource.applicantCreditCode === p.creditCode;
      return p.role === 'officer';
    case 'assessment.read':
      if (resource.kind !== 'assessment') return false;
      if (p.role === 'auditor') return true;
      if (p.role === 'enterprise') return resource.assessment.applicantCreditCode === p.creditCode;
      return p.role === 'officer' && resource.assessment.requestedBy === p.keyId;
    case 'evaluation.create':
      if (resource.kind !== 'new-case') return false;
      if (p.role === 'enterprise') return resource.applicantCreditCode === p.creditCode;
      // An officer submits on behalf of the department that is competent for the activity.
      return p.role === 'officer' && resource.competentDepartment === p.department;
    case 'evaluation.read':
      return resource.kind === 'case' && canReadCase(p, resource.case);
    case 'evaluation.officials':
      // Who in government handled or read a case (reviewers' key ids and names, auditors' reads) is not the
      // enterprise's business: in the trail it sees each step's role and department, and its own keys; in
      // the case view (and so the report) each task's department and outcome, not who completed it.
      // Officials who may read the case see everyone.
      return resource.kind === 'case' && p.role !== 'enterprise' && canReadCase(p, resource.case);
    case 'evaluation.withdraw':
    case 'evaluation.resubmit':
    case 'evaluation.submit-phase': // a later phase's report (中期, 验收) comes from the applicant side too
      return resource.kind === 'case' && isApplicantSide(p, resource.case);
    case 'task.list':
      return p.role === 'reviewer' || p.role === 'auditor';
    case 'assessment.list': // what each caller lists is visibleAssessments()
      return p.role === 'enterprise' || p.role === 'officer' || p.role === 'auditor';
    case 'notification.list': // deadline notices go to departments: their officers and reviewers, and auditors
      return (
        p.role === 'auditor' || ((p.role === 'officer' || p.role === 'reviewer') && p.department !== null)
      );
    case 'statistics.read': // counts over the cases the caller may list, for officers and auditors
      return p.role === 'officer' || p.role === 'auditor';
    case 'task.complete':
      return (
        resource.kind === 'task' &&
        p.role === 'reviewer' &&
        resource.task.department === p.department &&
        resource.task.case.submittedBy !== p.keyId // nobody decides a case they submitted
      );
    case 'report.read': // a report shows what the case or assessment shows: the same readers
      if (resource.kind === 'case') return canReadCase(p, resource.case);
      return resource.kind === 'assessment' && can(p, 'assessment.read', resource);
    case 'report.verify': // answers only what the holder of the PDF can read in it already
      return true;
    case 'key-field.draft': // draft, submit, withdraw, correct: the IP office
      return (p.role === 'officer' || p.role === 'reviewer') && p.department === IP_OFFICE;
    case 'key-field.review':
      return (
        resource.kind === 'key-field-report' &&
        p.role === 'reviewer' &&
        p.department === resource.report.competentDepartment &&
        resource.report.createdBy !== p.keyId // nobody approves what they drafted
      );
    case 'key-field.read': // the unpublished drafts: the IP office, the reviewing department, auditors
      if (p.role === 'auditor') return true;
      if (p.role !== 'officer' && p.role !== 'reviewer') return false;
      return (
        p.department === IP_OFFICE ||
        (resource.kind === 'key-field-report' && p.department === resource.report.competentDepartment)
      );
    default:
      return assertUnreachable(action);
  }
}

/**
 * Which rows a list may show the caller, as a query filter the repositories translate into WHERE clauses:
 * every row, or the rows on which any of the conditions holds (no condition: no row). The fields are names
 * of the resource, not columns; each repository maps them to its own. Each filter shows exactly what the
 * matching per-row check allows (policy.spec.ts holds them against each other).
 */
export type RowFilter<F extends string> = { all: true } | { all: false; anyOf: RowCondition<F>[] };
export interface RowCondition<F extends string> {
  field: F;
  equals: string;
}

/** Fields of a case a filter can name; `taskDepartment`: a department holding or having held a task on it. */
export type CaseField =
  'applicantCreditCode' | 'submitterDepartment' | 'competentDepartment' | 'taskDepartment';
export type TaskField = 'department';
export type NotificationField = 'department';
export type AssessmentField = 'applicantCreditCode' | 'requestedBy';
export type KeyFieldReportField = 'competentDepartment';

const ALL = { all: true } as const;
const anyOf = <F extends string>(...conditions: [F, string | null][]): RowFilter<F> => ({
  all: false,
  // A scoped role without its scope (an officer key without a department) matches nothing.
  anyOf: conditions.flatMap(([field, equals]) => (equals === null ? [] : [{ field, equals }])),
});

/** The cases evaluation.read lets the caller read. */
export function visibleCases(p: Principal): RowFilter<CaseField> {
  if (p.role === 'auditor') return ALL;
  if (p.role === 'enterprise') return anyOf(['applicantCreditCode', p.creditCode]);
  if (p.role === 'officer')
    return anyOf(['submitterDepartment', p.department], ['competentDepartment', p.department]);
  if (p.role === 'reviewer') return anyOf(['taskDepartment', p.department]);
  return anyOf();
}

/** The tasks in the caller's inbox: the department's own; auditors see every department's. */
export function visibleTasks(p: Principal): RowFilter<TaskField> {
  if (p.role === 'auditor') return ALL;
  return p.role === 'reviewer' ? anyOf(['department', p.department]) : anyOf();
}

/** Deadline notices: those addressed to the caller's department; auditors read all. */
export function visibleNotifications(p: Principal): RowFilter<NotificationField> {
  if (p.role === 'auditor') return ALL;
  return p.role === 'officer' || p.role === 'reviewer' ? anyOf(['department', p.department]) : anyOf();
}

/** The assessments assessment.read lets the caller read: an enterprise's own, an officer's own requests. */
export function visibleAssessments(p: Principal): RowFilter<AssessmentField> {
  if (p.role === 'auditor') return ALL;
  if (p.role === 'enterprise') return anyOf(['applicantCreditCode', p.creditCode]);
  if (p.role === 'officer') return anyOf(['requestedBy', p.keyId]);
  return anyOf();
}

/** The key-field reports key-field.read lets the caller read: all for the IP office and auditors, a department's own. */
export function visibleKeyFieldReports(p: Principal): RowFilter<KeyFieldReportField> {
  if (p.role === 'auditor') return ALL;
  if (p.role !== 'officer' && p.role !== 'reviewer') return anyOf();
  return p.department === IP_OFFICE ? ALL : anyOf(['competentDepartment', p.department]);
}

/** The filter applied to one row in memory (a row's field may hold several values, as taskDepartment does). */
export function rowMatches<F extends string>(
  filter: RowFilter<F>,
  row: Record<F, string | null | readonly string[]>,
): boolean {
  if (filter.all) return true;
  return filter.anyOf.some(({ field, equals }) => {
    const value = row[field];
    return Array.isArray(value) ? value.includes(equals) : value === equals;
  });
}

/** Throws 403 unless the policy allows it. */
export function authorize(p: Principal, action: Action, resource?: Resource): void {
  if (!can(p, action, resource)) {
    throw new DomainError('auth.forbidden', `The ${p.role} key may not ${action.replace('.', ' ')} here`);
  }
}

/** Enterprises own their credit code's cases; officers their department's (submitted or competent). */
function isApplicantSide(p: Principal, c: CaseScope): boolean {
  if (p.role === 'enterprise') return c.applicantCreditCode === p.creditCode;
  // A department key without its department reads nothing (null must not match an enterprise's null).
  if (p.role === 'officer')
    return (
      p.department !== null &&
      (c.submitterDepartment === p.department || c.competentDepartment === p.department)
    );
  return false;
}

function canReadCase(p: Principal, c: CaseScope): boolean {
  if (p.role === 'auditor') return true;
  if (p.role === 'reviewer') return p.department !== null && c.taskDepartments.includes(p.department);
  return isApplicantSide(p, c);
}

function assertUnreachable(action: never): never {
  throw new Error(`Unhandled action ${String(action)}`);
}
