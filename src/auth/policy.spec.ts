import { DomainError } from '../common/domain-error';
import {
  Action,
  AssessmentScope,
  authorize,
  can,
  CaseScope,
  Resource,
  rowMatches,
  visibleAssessments,
  visibleCases,
  visibleNotifications,
  visibleKeyFieldReports,
  visibleTasks,
} from './policy';
import { Principal, Role, ROLES } from './principal';

/**
 * The policy, exhaustively: every role × every action × every kind of resource. What is allowed is listed
 * below, written from the rules (docs/architecture.md invariant 7, service notes: roles) and not from the code;
 * every combination not listed must be refused.
 */
const OWN_CODE = '91441500MA4W3K2QXP';
const OTHER_CODE = '91440300MA5F3QW28M';

const PRINCIPALS: Record<Role, Principal> = {
  admin: { keyId: 'k-admin', role: 'admin', name: 'admin', department: null, creditCode: null },
  officer: {
    keyId: 'k-officer',
    role: 'officer',
    name: 'hrss officer',
    department: 'hrss',
    creditCode: null,
  },
  enterprise: {
    keyId: 'k-enterprise',
    role: 'enterprise',
    name: 'enterprise',
    department: null,
    creditCode: OWN_CODE,
  },
  reviewer: {
    keyId: 'k-reviewer',
    role: 'reviewer',
    name: 'ipo reviewer',
    department: 'ipo',
    creditCode: null,
  },
  auditor: { keyId: 'k-auditor', role: 'auditor', name: 'auditor', department: null, creditCode: null },
};

/** The enterprise's case, hrss competent, submitted by the enterprise itself; the IP office holds a task. */
const OWN_CASE: CaseScope = {
  applicantCreditCode: OWN_CODE,
  submittedBy: 'k-enterprise',
  submitterDepartment: null,
  competentDepartment: 'hrss',
  taskDepartments: ['ipo'],
};
/** Someone else's case in every respect: other code, ndrc competent and submitting, customs holds the task. */
const FOREIGN_CASE: CaseScope = {
  applicantCreditCode: OTHER_CODE,
  submittedBy: 'k-ndrc-officer',
  submitterDepartment: 'ndrc',
  competentDepartment: 'ndrc',
  taskDepartments: ['customs'],
};
/** Another enterprise's case that the hrss officer submitted (hrss competent) and the IP office reviews. */
const OFFICER_SUBMITTED_CASE: CaseScope = {
  applicantCreditCode: OTHER_CODE,
  submittedBy: 'k-officer',
  submitterDepartment: 'hrss',
  competentDepartment: 'hrss',
  taskDepartments: ['ipo', 'hrss'],
};
/** A case the ipo reviewer's own key submitted (the API never lets a reviewer submit; the policy still says no). */
const REVIEWER_SUBMITTED_CASE: CaseScope = { ...OWN_CASE, submittedBy: 'k-reviewer' };

const RESOURCES = {
  none: { kind: 'none' },
  'new-case own code, hrss': { kind: 'new-case', applicantCreditCode: OWN_CODE, competentDepartment: 'hrss' },
  'new-case other code, hrss': {
    kind: 'new-case',
    applicantCreditCode: OTHER_CODE,
    competentDepartment: 'hrss',
  },
  'new-case own code, ndrc': { kind: 'new-case', applicantCreditCode: OWN_CODE, competentDepartment: 'ndrc' },
  'new-case other code, ndrc': {
    kind: 'new-case',
    applicantCreditCode: OTHER_CODE,
    competentDepartment: 'ndrc',
  },
  'own case': { kind: 'case', case: OWN_CASE },
  'foreign case': { kind: 'case', case: FOREIGN_CASE },
  'officer-submitted case': { kind: 'case', case: OFFICER_SUBMITTED_CASE },
  'new-assessment own code': { kind: 'new-assessment', applicantCreditCode: OWN_CODE },
  'new-assessment other code': { kind: 'new-assessment', applicantCreditCode: OTHER_CODE },
  'assessment own code by officer': {
    kind: 'assessment',
    assessment: { applicantCreditCode: OWN_CODE, requestedBy: 'k-officer' },
  },
  'assessment own code by enterprise': {
    kind: 'assessment',
    assessment: { applicantCreditCode: OWN_CODE, requestedBy: 'k-enterprise' },
  },
  'assessment other code by other': {
    kind: 'assessment',
    assessment: { applicantCreditCode: OTHER_CODE, requestedBy: 'k-someone' },
  },
  'ipo task on own case': { kind: 'task', task: { department: 'ipo', case: OWN_CASE } },
  'hrss task on officer-submitted case': {
    kind: 'task',
    task: { department: 'hrss', case: OFFICER_SUBMITTED_CASE },
  },
  'customs task on foreign case': { kind: 'task', task: { department: 'customs', case: FOREIGN_CASE } },
  'ipo task on case the reviewer submitted': {
    kind: 'task',
    task: { department: 'ipo', case: REVIEWER_SUBMITTED_CASE },
  },
  'key-field report, hrss reviews': {
    kind: 'key-field-report',
    report: { competentDepartment: 'hrss', createdBy: 'k-someone' },
  },
  'key-field report, ipo reviews': {
    kind: 'key-field-report',
    report: { competentDepartment: 'ipo', createdBy: 'k-someone' },
  },
  'key-field report the reviewer drafted, ipo reviews': {
    kind: 'key-field-report',
    report: { competentDepartment: 'ipo', createdBy: 'k-reviewer' },
  },
} satisfies Record<string, Resource>;
type ResourceName = keyof typeof RESOURCES;
const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

/** Actions about no particular resource: whatever resource comes along does not change the answer. */
const ANY: readonly ResourceName[] = RESOURCE_NAMES;

const ALLOWED: Record<Action, Partial<Record<Role, readonly ResourceName[]>>> = {
  'keys.manage': { admin: ANY },
  'catalogue.read': { admin: ANY, officer: ANY, enterprise: ANY, reviewer: ANY, auditor: ANY },
  'audit.read': { auditor: ANY },
  'audit.public-key': { admin: ANY, officer: ANY, enterprise: ANY, reviewer: ANY, auditor: ANY },
  'task.list': { reviewer: ANY, auditor: ANY },
  // Each lists only what assessment.read lets it read (visibleAssessments).
  'assessment.list': { officer: ANY, enterprise: ANY, auditor: ANY },
  // Deadline notices are addressed to departments: their officers and reviewers read them; auditors all.
  'notification.list': { officer: ANY, reviewer: ANY, auditor: ANY },
  // Dashboard counts, over the cases each may list anyway: officers and auditors.
  'statistics.read': { officer: ANY, auditor: ANY },
  // Any officer may assess any applicant; an enterprise only itself.
  'assessment.create': {
    officer: ['new-assessment own code', 'new-assessment other code'],
    enterprise: ['new-assessment own code'],
  },
  // The requesting officer, the applicant enterprise, the auditor.
  'assessment.read': {
    officer: ['assessment own code by officer'],
    enterprise: ['assessment own code by officer', 'assessment own code by enterprise'],
    auditor: [
      'assessment own code by officer',
      'assessment own code by enterprise',
      'assessment other code by other',
    ],
  },
  // An officer for the department competent for the activity; an enterprise for its own credit code.
  'evaluation.create': {
    officer: ['new-case own code, hrss', 'new-case other code, hrss'],
    enterprise: ['new-case own code, hrss', 'new-case own code, ndrc'],
  },
  // Applicant side (own code; own department submitted or competent), departments with a task, the auditor.
  'evaluation.read': {
    officer: ['own case', 'officer-submitted case'],
    enterprise: ['own case'],
    reviewer: ['own case', 'officer-submitted case'],
    auditor: ['own case', 'foreign case', 'officer-submitted case'],
  },
  // The case's officials (key ids and names of other actors in the trail and on tasks, access events):
  // whoever reads the case but enterprises.
  'evaluation.officials': {
    officer: ['own case', 'officer-submitted case'],
    reviewer: ['own case', 'officer-submitted case'],
    auditor: ['own case', 'foreign case', 'officer-submitted case'],
  },
  'evaluation.withdraw': { officer: ['own case', 'officer-submitted case'], enterprise: ['own case'] },
  'evaluation.resubmit': { officer: ['own case', 'officer-submitted case'], enterprise: ['own case'] },
  // A later phase's report (中期, 验收) comes from the same side as the resubmission.
  'evaluation.submit-phase': { officer: ['own case', 'officer-submitted case'], enterprise: ['own case'] },
  // Only a reviewer of the task's department, and never on a case its key submitted.
  'task.complete': { reviewer: ['ipo task on own case'] },
  // Re-running a case's stored decisions is an audit of that case: auditors, any case.
  'audit.replay': { auditor: ['own case', 'foreign case', 'officer-submitted case'] },
  // A report has the readers of what it reports on: the case, or the assessment.
  'report.read': {
    officer: ['own case', 'officer-submitted case', 'assessment own code by officer'],
    enterprise: ['own case', 'assessment own code by officer', 'assessment own code by enterprise'],
    reviewer: ['own case', 'officer-submitted case'],
    auditor: [
      'own case',
      'foreign case',
      'officer-submitted case',
      'assessment own code by officer',
      'assessment own code by enterprise',
      'assessment other code by other',
    ],
  },
  // Verification tells the holder of a PDF only what the PDF says: every key.
  'report.verify': { admin: ANY, officer: ANY, enterprise: ANY, reviewer: ANY, auditor: ANY },
  // The IP office drafts (the officer here is hrss, the reviewer ipo).
  'key-field.draft': { reviewer: ANY },
  // A reviewer of the competent department, never on a report its own key drafted.
  'key-field.review': { reviewer: ['key-field report, ipo reviews'] },
  // Drafts: the IP office, the competent department's people, auditors.
  'key-field.read': { officer: ['key-field report, hrss reviews'], reviewer: ANY, auditor: ANY },
};

/** Record<Action, ...> above makes the type checker (npm run typecheck) insist on every action of the union. */
const ACTIONS = Object.keys(ALLOWED) as Action[];

const COMBINATIONS = ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) =>
    RESOURCE_NAMES.map(
      (resource) => [role, action, resource, (ALLOWED[action][role] ?? []).includes(resource)] as const,
    ),
  ),
);

describe('can(): every role × action × resource', () => {
  it('the table names only real resources', () => {
    for (const byRole of Object.values(ALLOWED)) {
      for (const names of Object.values(byRole))
        for (const name of names ?? []) expect(RESOURCE_NAMES).toContain(name);
    }
  });

  it.each(COMBINATIONS)('%s %s on %s → %s', (role, action, resource, allowed) => {
    expect(can(PRINCIPALS[role], action, RESOURCES[resource])).toBe(allowed);
  });

  it('refuses with no resource where one is needed', () => {
    for (const role of ROLES) {
      for (const action of [
        'assessment.create',
        'assessment.read',
        'evaluation.create',
        'evaluation.read',
        'evaluation.officials',
        'evaluation.withdraw',
        'evaluation.resubmit',
        'evaluation.submit-phase',
        'task.complete',
        'audit.replay',
      ] as Action[]) {
        expect(can(PRINCIPALS[role], action)).toBe(false);
      }
    }
  });
});

describe('the rules that matter most, by name', () => {
  it('nobody decides a task on a case they submitted', () => {
    const reviewer = PRINCIPALS.reviewer;
    expect(can(reviewer, 'task.complete', RESOURCES['ipo task on own case'])).toBe(true);
    expect(can(reviewer, 'task.complete', RESOURCES['ipo task on case the reviewer submitted'])).toBe(false);
    // Even were an officer's key to hold a task's department, submitting and deciding stay apart.
    const officerAsReviewer: Principal = { ...PRINCIPALS.officer, role: 'reviewer' };
    expect(can(officerAsReviewer, 'task.complete', RESOURCES['hrss task on officer-submitted case'])).toBe(
      false,
    );
    expect(
      can(
        { ...officerAsReviewer, keyId: 'k-other' },
        'task.complete',
        RESOURCES['hrss task on officer-submitted case'],
      ),
    ).toBe(true);
  });

  it('a principal without its scope (no department, no credit code) gets nothing scoped', () => {
    const bare = (role: Role): Principal => ({
      keyId: `k-bare-${role}`,
      role,
      name: 'bare',
      department: null,
      creditCode: null,
    });
    for (const resource of RESOURCE_NAMES) {
      expect(can(bare('enterprise'), 'evaluation.read', RESOURCES[resource])).toBe(false);
      expect(can(bare('enterprise'), 'evaluation.create', RESOURCES[resource])).toBe(false);
      expect(can(bare('officer'), 'evaluation.create', RESOURCES[resource])).toBe(false);
      expect(can(bare('reviewer'), 'task.complete', RESOURCES[resource])).toBe(false);
      expect(can(bare('reviewer'), 'evaluation.read', RESOURCES[resource])).toBe(false);
    }
  });
});

/** Principals with and without their scope, for the list filters below. */
const EVERYONE: Principal[] = ROLES.flatMap((role) => [
  PRINCIPALS[role],
  { ...PRINCIPALS[role], keyId: `k-bare-${role}`, department: null, creditCode: null },
]);

describe('the list filters show exactly what the per-row checks allow', () => {
  const CASES = [OWN_CASE, FOREIGN_CASE, OFFICER_SUBMITTED_CASE, REVIEWER_SUBMITTED_CASE];
  const caseRow = (c: CaseScope) => ({ ...c, taskDepartment: c.taskDepartments });

  it.each(EVERYONE.map((p) => [p.keyId, p] as const))('cases, %s', (_, p) => {
    for (const c of CASES) {
      expect(rowMatches(visibleCases(p), caseRow(c))).toBe(
        can(p, 'evaluation.read', { kind: 'case', case: c }),
      );
    }
  });

  it.each(EVERYONE.map((p) => [p.keyId, p] as const))('assessments, %s', (_, p) => {
    const assessments: AssessmentScope[] = [
      { applicantCreditCode: OWN_CODE, requestedBy: 'k-officer' },
      { applicantCreditCode: OWN_CODE, requestedBy: 'k-enterprise' },
      { applicantCreditCode: OTHER_CODE, requestedBy: 'k-someone' },
    ];
    for (const a of assessments) {
      expect(rowMatches(visibleAssessments(p), a)).toBe(
        can(p, 'assessment.read', { kind: 'assessment', assessment: a }),
      );
    }
  });

  it.each(EVERYONE.map((p) => [p.keyId, p] as const))('inbox and notices, %s', (_, p) => {
    for (const department of ['ipo', 'hrss', 'customs']) {
      // An inbox shows the department's tasks to its reviewers; the auditor sees every department's.
      const inInbox = can(p, 'task.list') && (p.role === 'auditor' || p.department === department);
      expect(rowMatches(visibleTasks(p), { department })).toBe(inInbox);
      const noticed = can(p, 'notification.list') && (p.role === 'auditor' || p.department === department);
      expect(rowMatches(visibleNotifications(p), { department })).toBe(noticed);
    }
  });

  it.each(EVERYONE.map((p) => [p.keyId, p] as const))('key-field reports, %s', (_, p) => {
    for (const competentDepartment of ['ipo', 'hrss', 'customs']) {
      const report = { competentDepartment, createdBy: 'k-someone' };
      expect(rowMatches(visibleKeyFieldReports(p), { competentDepartment })).toBe(
        can(p, 'key-field.read', { kind: 'key-field-report', report }),
      );
    }
  });

  it('a scoped role without its scope matches no row', () => {
    for (const role of ['officer', 'enterprise', 'reviewer'] as const) {
      const bare = { ...PRINCIPALS[role], department: null, creditCode: null };
      expect(visibleCases(bare)).toEqual({ all: false, anyOf: [] });
      expect(visibleTasks(bare)).toEqual({ all: false, anyOf: [] });
    }
  });
});

describe('authorize()', () => {
  it('returns quietly when allowed', () => {
    expect(() => authorize(PRINCIPALS.admin, 'keys.manage')).not.toThrow();
  });

  it('throws auth.forbidden naming the role and action, and nothing about the resource', () => {
    let error: unknown;
    try {
      authorize(PRINCIPALS.enterprise, 'evaluation.read', RESOURCES['foreign case']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('auth.forbidden');
    expect((error as DomainError).message).toBe('The enterprise key may not evaluation read here');
    expect(JSON.stringify((error as DomainError).details)).not.toContain(OTHER_CODE);
  });
});
