/**
 * The JSON Schemas of what the API answers, for the OpenAPI document (components.schemas): written out
 * here because the views are TypeScript interfaces, which leave nothing at run time. Each mirrors its view
 * (named beside it); a test generates a typed client from the served document and uses it without a cast,
 * which fails to compile where a schema and an answer part ways on what a client reads.
 */
import { VOCABULARY_GROUPS } from '../definitions/vocabulary';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
// OpenAPI 3.1 (JSON Schema 2020-12): null is a type of its own.
const nullable = (schema: Schema): Schema =>
  '$ref' in schema ? { anyOf: [schema, { type: 'null' }] } : { ...schema, type: [schema.type, 'null'] };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const bool: Schema = { type: 'boolean' };
const time = str({ format: 'date-time' });
const uuid = str({ format: 'uuid' });
const list = (items: Schema): Schema => ({ type: 'array', items });
/**
 * An object whose keys are data, not API (a JSON Schema, an XState machine, json-rules-engine rules, the
 * derived facts of a type): free-form, and always saying what it is instead.
 */
const freeForm = (description: string): Schema => ({
  type: 'object',
  additionalProperties: true,
  description,
});
const JSON_SCHEMA = 'A JSON Schema (2020-12), as in rules/';
const DERIVED_FACT = freeForm(
  'A derived fact: its kind, label and how it is computed (rules/<type>/facts.json)',
);

/** An object whose properties are all required (views always write every key; absent ones are null). */
function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  };
}

const COUNTS: Schema = { type: 'object', additionalProperties: int };
// One indicator of a health check: its status, and what else it says (a message when down).
const HEALTH_INDICATOR: Schema = {
  type: 'object',
  required: ['status'],
  properties: { status: str({ enum: ['up', 'down'] }) },
  additionalProperties: true,
};

const page = (item: string): Schema =>
  object({ items: list(ref(item)), page: int, pageSize: int, total: int });

/** What the case view and the case list both say of a case (src/evaluations/evaluation.view.ts). */
const CASE_FIELDS = {
  id: uuid,
  type: str(),
  title: str(),
  competentDepartment: str(),
  state: str(),
  stateLabel: nullable(ref('LocalizedText')),
  status: str({ enum: ['open', 'closed'] }),
  level: str(),
  score: num,
  outcome: nullable(str()),
  conditions: list(str()),
  overrideReason: nullable(str()),
  definition: object({ workflowHash: str(), rulesHash: str() }),
  version: int,
  createdAt: time,
  updatedAt: time,
};

/** TaskView's properties, shared by the inbox's task (which adds its case). */
const TASK_VIEW: Record<string, Schema> = {
  id: uuid,
  evaluationId: uuid,
  key: str(),
  stage: str(),
  department: str(),
  allowedOutcomes: list(str()),
  status: str({ enum: ['open', 'done', 'cancelled'] }),
  outcome: nullable(str()),
  comment: nullable(str()),
  timeLimitWorkingDays: nullable(int),
  openedAt: time,
  closedAt: nullable(time),
  // Null while open, and always on the applicant side, which does not see who in government acted.
  completedBy: nullable(
    object({
      id: str({ description: "The key that completed it ('scheduler': a deemed answer)" }),
      name: nullable(str()),
    }),
  ),
  dueAt: nullable(time),
  overdue: bool,
};

export const VIEW_SCHEMAS: Record<string, Schema> = {
  // RFC 9457 problem details (src/common/problem.ts)
  Problem: object(
    {
      type: str({ example: 'urn:ipr:problem:request.invalid' }),
      title: str(),
      status: int,
      detail: str(),
      instance: str(),
      code: str({
        description: 'The domain error code (src/common/domain-error.ts); absent on plain HTTP errors',
      }),
      errors: list(object({ field: str({ example: 'facts.candidate.role' }), reason: str() })),
      errorId: str({ description: 'Only on 500: the id under which the error was logged' }),
    },
    ['instance', 'code', 'errors', 'errorId'],
  ),
  LocalizedText: object({ zh: str(), en: str() }),
  // src/auth/api-keys.service.ts
  IssuedKey: object({ id: uuid, key: str({ description: 'The secret, shown this once' }) }),
  KeyView: object({
    id: uuid,
    role: str({ enum: ['admin', 'officer', 'enterprise', 'reviewer', 'auditor'] }),
    name: str(),
    department: nullable(str()),
    creditCode: nullable(str()),
    createdAt: time,
    revokedAt: nullable(time),
  }),
  // src/definitions/definition.types.ts
  Department: object({ code: str(), zh: str(), en: str(), part: ref('LocalizedText') }),
  DefinitionSummary: object({
    type: str(),
    workflowHash: str(),
    rulesHash: str(),
    ruleCount: int,
    states: list(str()),
  }),
  // definitions.service.ts detail(): the definition files as loaded. A workflow's machine, a rule file's
  // rules and the facts contracts are documents of their own (an XState machine, json-rules-engine rules,
  // JSON Schemas: rules/schemas/), kept as objects here.
  DefinitionDetail: object(
    {
      type: str(),
      label: ref('LocalizedText'),
      competentDepartments: list(str()),
      workflow: object({
        type: str(),
        hash: str(),
        file: str(),
        machine: freeForm('The XState machine configuration of rules/<type>/workflow.json'),
      }),
      rules: ref('RuleSetDefinition'),
      facts: freeForm(`The type's facts contract. ${JSON_SCHEMA}`),
      applicant: freeForm(`The applicant's contract beside every type's facts. ${JSON_SCHEMA}`),
      derived: {
        type: 'object',
        additionalProperties: DERIVED_FACT,
        description: 'The derived facts, by name',
      },
      phases: list(
        object({
          id: str(),
          label: ref('LocalizedText'),
          rulesHash: str(),
          facts: freeForm(`The phase's facts contract. ${JSON_SCHEMA}`),
          derived: { type: 'object', additionalProperties: DERIVED_FACT },
        }),
      ),
    },
    ['phases'],
  ),
  // src/decision/rule-set.types.ts
  RuleSetDefinition: object(
    {
      type: str(),
      phase: str(),
      phases: { type: 'object', additionalProperties: str(), description: "Later phases' rule-set hashes" },
      hash: str(),
      factsSchema: freeForm(`The facts contract as written. ${JSON_SCHEMA}`),
      facts: object({
        input: freeForm('The input facts the rules see, by name: kind, label, optional'),
        derived: { type: 'object', additionalProperties: DERIVED_FACT },
      }),
      levels: { type: 'object', additionalProperties: num, description: 'Score thresholds by level' },
      routeDefaults: object(
        {
          departments: list(str()),
          mode: str({ enum: ['all', 'any', 'sequential'] }),
          expertReviewAtLevel: nullable(str({ enum: ['low', 'medium', 'high', 'critical'] })),
          legalityReviewOnHardStop: bool,
          evaluationNotMandatory: freeForm('Why the evaluation is voluntary when no mandatory rule fires'),
        },
        ['evaluationNotMandatory'],
      ),
      files: list(object({ file: str(), rules: list(freeForm('A json-rules-engine rule, as in rules/')) })),
      departments: list(ref('Department')),
      measures: list(object({ code: str(), zh: str(), en: str() })),
    },
    ['phase', 'phases'],
  ),
  // src/definitions/vocabulary.ts: each group's codes with their words
  Vocabulary: object(
    Object.fromEntries(
      VOCABULARY_GROUPS.map((group) => [
        group,
        { type: 'object', additionalProperties: ref('LocalizedText') } as Schema,
      ]),
    ),
  ),
  // src/decision/decision.types.ts
  Applicant: {
    ...object({
      name: str(),
      creditCode: str(),
      kind: str({ enum: ['enterprise', 'university', 'research-institute', 'government', 'other'] }),
      creditRecords: list(ref('CreditRecord')),
      ipManagementCertified: bool,
    }),
  },
  CreditRecord: object(
    {
      list: str({
        enum: [
          'cnipa-dishonesty',
          'patent-severe-dishonesty',
          'samr-serious-violation',
          'court-dishonest-debtor',
          'exhibition-blacklist',
        ],
      }),
      listedOn: str({ format: 'date' }),
      expiresOn: nullable(str({ format: 'date' })),
      reason: nullable(str()),
      ground: nullable(str()),
    },
    ['expiresOn', 'reason', 'ground'],
  ),
  RuleReason: object({ rule: str(), reason: ref('LocalizedText') }),
  Finding: object(
    {
      rule: str(),
      dimension: str(),
      points: num,
      reason: ref('LocalizedText'),
      basis: str(),
      measure: str(),
    },
    ['measure'],
  ),
  HardStop: object({ rule: str(), reason: ref('LocalizedText'), basis: str(), measure: str() }, ['measure']),
  Route: object({
    mode: str({ enum: ['all', 'any', 'sequential'] }),
    countersign: list(object({ department: str(), reasons: list(ref('RuleReason')) })),
    expertReview: bool,
    legalityReview: bool,
    reasons: list(ref('RuleReason')),
  }),
  MandatoryEvaluation: object({
    required: bool,
    reason: ref('LocalizedText'),
    basis: str(),
    rules: list(str()),
  }),
  // A leaf condition of a rule as the engine evaluated it: the fact, the operator, the values it compared.
  ConditionTrace: object(
    {
      place: str({ description: 'JSON pointer into the rule\'s conditions, e.g. "/all/1/not"' }),
      fact: str(),
      path: str(),
      operator: str(),
      value: { description: 'The value in the rule (any JSON)' },
      factResult: { description: 'The value the engine saw (any JSON; null when a path matched nothing)' },
      valueResult: { description: 'Only when value is a fact reference: what it resolved to (any JSON)' },
      result: bool,
    },
    ['place', 'path', 'valueResult'],
  ),
  RuleTrace: object({
    rule: str(),
    file: str(),
    eventType: str(),
    fired: bool,
    conditions: list(ref('ConditionTrace')),
  }),
  Decision: object(
    {
      type: str(),
      definitionHash: str(),
      submittedAt: time,
      score: num,
      level: str({ enum: ['low', 'medium', 'high', 'critical'] }),
      dimensions: { type: 'object', additionalProperties: num },
      findings: list(ref('Finding')),
      hardStops: list(ref('HardStop')),
      measures: list(object({ code: str(), zh: str(), en: str(), rules: list(str()) })),
      route: ref('Route'),
      mandatoryEvaluation: ref('MandatoryEvaluation'),
      derivedFacts: freeForm("The derived facts by name, of the kinds the type's contract gives"),
      explanation: object({ fired: list(ref('RuleTrace')), notFired: list(ref('RuleTrace')) }),
    },
    ['mandatoryEvaluation'],
  ),
  // src/assessments/assessments.service.ts
  AssessmentView: object({
    id: uuid,
    type: str(),
    applicant: ref('Applicant'),
    submittedAt: time,
    decision: ref('Decision'),
  }),
  // src/assessments/assessments.service.ts (AssessmentSummary), GET /assessments
  AssessmentSummary: object({
    id: uuid,
    type: str(),
    applicant: object({ name: str(), creditCode: str() }),
    submittedAt: time,
    score: num,
    level: str({ enum: ['low', 'medium', 'high', 'critical'] }),
  }),
  AssessmentPage: page('AssessmentSummary'),
  // src/tasks/task.view.ts
  TaskView: object(TASK_VIEW),
  // InboxTaskView: a task with what the reviewer needs of its case, GET /tasks
  InboxTaskView: object({
    ...TASK_VIEW,
    case: object({ title: str(), type: str(), applicantName: str(), level: str() }),
  }),
  TaskPage: page('InboxTaskView'),
  // src/evaluations/evaluation.view.ts
  EvaluationView: object(
    {
      ...CASE_FIELDS,
      applicant: ref('Applicant'),
      publicationConsent: bool,
      // The type's facts as last submitted; a oneOf by type comes with the facts contracts as JSON Schemas.
      facts: freeForm("The type's input facts (its facts contract: GET /definitions/{type})"),
      decision: ref('Decision'),
      // Only on a case of a type assessed in phases.
      phase: str(),
      awaiting: nullable(object({ phase: str(), dueOn: nullable(str({ format: 'date' })) })),
      tasks: list(ref('TaskView')),
      history: list(ref('TaskView')),
    },
    ['history', 'phase', 'awaiting'],
  ),
  EvaluationSummary: object({ ...CASE_FIELDS, applicant: object({ name: str(), creditCode: str() }) }),
  EvaluationPage: page('EvaluationSummary'),
  // src/notifications/notification.view.ts
  NotificationView: object({
    id: uuid,
    kind: str({ enum: ['reminder', 'escalation'] }),
    department: str(),
    taskId: uuid,
    evaluationId: uuid,
    stage: str(),
    taskDepartment: str(),
    dueAt: time,
    message: ref('LocalizedText'),
    escalatedTo: nullable(str()),
    deemedOutcome: nullable(str()),
    createdAt: time,
  }),
  NotificationPage: page('NotificationView'),
  // src/audit/audit-timeline.ts
  TimelineEntry: object(
    {
      seq: int,
      occurredAt: time,
      actor: object({
        id: nullable(str()),
        role: str(),
        department: nullable(str()),
        name: nullable(str()),
      }),
      action: str(),
      entityType: str(),
      entityId: str(),
      caseId: nullable(str()),
      fromState: nullable(str()),
      toState: nullable(str()),
      outcome: nullable(str()),
      comment: nullable(str()),
      decision: ref('DecisionSummary'),
      payload: freeForm("The event's own details as recorded and hashed, by action"),
      prevHash: str(),
      hash: str(),
    },
    ['decision'],
  ),
  TimelinePage: page('TimelineEntry'),
  // DecisionSummary: the part of a decision.made event a timeline shows (the full one is in the export).
  // Nulls and untyped reasons: events recorded by earlier versions are shown as they were recorded.
  DecisionSummary: object({
    round: nullable(int),
    rulesHash: nullable(str()),
    submittedAt: nullable(time),
    score: nullable(num),
    level: nullable(str({ enum: ['low', 'medium', 'high', 'critical'] })),
    dimensions: { type: 'object', additionalProperties: num },
    findings: list(
      object({
        rule: str(),
        dimension: str(),
        points: num,
        reason: { description: 'As recorded: { zh, en } today' },
        basis: str(),
      }),
    ),
    hardStops: list(
      object({ rule: str(), reason: { description: 'As recorded: { zh, en } today' }, basis: str() }),
    ),
    measures: list(str()),
    route: { description: 'The route as recorded (today the Route schema)' },
  }),
  // src/audit/case-replay.service.ts
  ReplayReport: object({
    caseId: uuid,
    replayedAt: time,
    identical: bool,
    rounds: list(ref('ReplayedRound')),
  }),
  JsonDifference: object(
    {
      path: str({ example: '$.findings[0].points' }),
      stored: { description: 'The stored value (any JSON); absent where only the other side has one' },
      recomputed: { description: 'The recomputed value (any JSON); absent where only the stored has one' },
    },
    ['stored', 'recomputed'],
  ),
  ReplayedRound: object(
    {
      round: int,
      rulesHash: str(),
      submittedAt: time,
      definitionIntact: bool,
      identical: bool,
      differences: list(ref('JsonDifference')),
      trail: str({ enum: ['matches', 'differs', 'missing'] }),
      trailDifferences: list(ref('JsonDifference')),
      error: str(),
    },
    ['error'],
  ),
  // src/audit/audit-verification.service.ts, verify-chain.ts
  ChainPosition: object({ seq: int, hash: str() }),
  SignedHead: object({
    seq: int,
    hash: str(),
    signature: str({
      description: '`<keyId>:<base64 Ed25519 signature of "ipr-audit-head/1 <seq> <hash>">`',
    }),
    algorithm: str({ enum: ['Ed25519'] }),
    keyId: str(),
  }),
  KeptHead: object({ seq: int, hash: str(), signature: str() }),
  PublicKeys: object({
    keys: list(
      object({
        algorithm: str({ enum: ['Ed25519'] }),
        keyId: str(),
        publicKey: str({ description: 'The raw 32-byte public key, base64' }),
        publicKeyPem: str(),
        current: bool,
      }),
    ),
  }),
  VerificationReport: object(
    {
      ok: bool,
      events: int,
      head: ref('ChainPosition'),
      signedHead: nullable(ref('ChainPosition')),
      keptHeads: list(ref('ChainPosition')),
      seq: int,
      kind: str({
        enum: [
          'changed',
          'deleted',
          'inserted',
          'reordered',
          'truncated',
          'forged',
          'rewritten',
          'signature-invalid',
        ],
      }),
      message: str(),
      signaturesChecked: bool,
      keptHead: nullable(ref('KeptHead')),
      witness: nullable(ref('KeptHead')),
      durationMs: int,
    },
    ['head', 'signedHead', 'keptHeads', 'seq', 'kind', 'message'],
  ),
  // @nestjs/terminus's health check result
  Health: object(
    {
      status: str({ enum: ['ok', 'error', 'shutting_down'] }),
      info: { type: 'object', additionalProperties: HEALTH_INDICATOR },
      error: { type: 'object', additionalProperties: HEALTH_INDICATOR },
      details: { type: 'object', additionalProperties: HEALTH_INDICATOR },
    },
    ['info', 'error'],
  ),
  // src/reports/key-field-report.view.ts, key-field-figures.ts, key-field-cases.ts
  // Empty lists: every type, every department; null dates: no bound.
  KeyFieldScope: object({
    types: list(str()),
    departments: list(str()),
    closedFrom: nullable(str({ format: 'date' })),
    closedTo: nullable(str({ format: 'date' })),
  }),
  NamedCase: object({
    title: str(),
    applicant: str(),
    type: str(),
    level: str(),
    outcome: nullable(str()),
  }),
  KeyFieldFigures: object(
    {
      caseCount: int,
      byType: COUNTS,
      byLevel: COUNTS,
      byOutcome: COUNTS,
      topFindings: list(object({ rule: str(), reason: ref('LocalizedText'), basis: str(), count: int })),
      topMeasures: list(object({ code: str(), label: ref('LocalizedText'), count: int })),
      stageDays: list(object({ stage: str(), tasks: int, meanDays: num })),
      namedCases: {
        ...list(ref('NamedCase')),
        description:
          'The cases whose applicants consented on the case to be named; absent in figures frozen before consent existed',
      },
    },
    ['namedCases'],
  ),
  KeyFieldReport: object({
    id: uuid,
    seriesId: uuid,
    edition: int,
    supersedesId: nullable(uuid),
    supersededById: nullable(uuid),
    field: str(),
    title: str(),
    body: str(),
    scope: ref('KeyFieldScope'),
    competentDepartment: str(),
    status: str({ enum: ['draft', 'in-review', 'published', 'withdrawn', 'superseded'] }),
    statusReason: nullable(str()),
    figures: nullable(ref('KeyFieldFigures')),
    createdAt: time,
    updatedAt: time,
    publishedAt: nullable(time),
    withdrawnAt: nullable(time),
    version: int,
  }),
  KeyFieldReportPage: page('KeyFieldReport'),
  // src/reports/public-reports.service.ts
  PublicReportSummary: object({
    id: uuid,
    field: str(),
    title: str(),
    edition: int,
    publishedAt: time,
    supersedes: nullable(uuid),
    links: object({ html: str(), pdf: str() }),
  }),
  PublicReportNotice: object({ id: uuid, title: str(), withdrawnAt: time, reason: str() }),
  PublicReportPage: object({
    items: list(ref('PublicReportSummary')),
    page: int,
    pageSize: int,
    total: int,
    notices: list(ref('PublicReportNotice')),
  }),
  // src/reports/report-issuer.ts
  ReportVerification: object(
    {
      sha256: str(),
      verified: bool,
      report: object({
        kind: str({ enum: ['evaluation', 'assessment', 'key-field'] }),
        subjectId: uuid,
        reportVersion: int,
        lang: str({ enum: ['zh', 'en'] }),
        interim: bool,
        issuedAt: time,
      }),
      chain: object({ seq: int, hash: str(), prevHash: str() }),
    },
    ['report', 'chain'],
  ),
};
