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
const anyObject: Schema = { type: 'object', additionalProperties: true };

/** An object whose properties are all required (views always write every key; absent ones are null). */
function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  };
}

const page = (item: string): Schema =>
  object({ items: list(ref(item)), page: int, pageSize: int, total: int });

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
  DefinitionDetail: object({ type: str(), workflow: anyObject, rules: anyObject }),
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
      creditRecords: list(anyObject),
      ipManagementCertified: bool,
    }),
  },
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
    countersign: list(object({ department: str(), reasons: list(anyObject) })),
    expertReview: bool,
    legalityReview: bool,
    reasons: list(anyObject),
  }),
  Decision: object({
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
    derivedFacts: anyObject,
    explanation: object({ fired: list(anyObject), notFired: list(anyObject) }),
  }),
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
      id: uuid,
      type: str(),
      title: str(),
      applicant: ref('Applicant'),
      competentDepartment: str(),
      state: str(),
      stateLabel: nullable(ref('LocalizedText')),
      status: str({ enum: ['open', 'closed'] }),
      level: str(),
      score: num,
      outcome: nullable(str()),
      conditions: list(str()),
      overrideReason: nullable(str()),
      // The type's facts as last submitted; a oneOf by type comes with the facts contracts as JSON Schemas.
      facts: anyObject,
      decision: ref('Decision'),
      // Only on a case of a type assessed in phases.
      phase: str(),
      awaiting: nullable(object({ phase: str(), dueOn: nullable(str({ format: 'date' })) })),
      definition: object({ workflowHash: str(), rulesHash: str() }),
      tasks: list(ref('TaskView')),
      history: list(ref('TaskView')),
      version: int,
      createdAt: time,
      updatedAt: time,
    },
    ['history', 'phase', 'awaiting'],
  ),
  EvaluationSummary: object({
    id: uuid,
    type: str(),
    title: str(),
    applicant: object({ name: str(), creditCode: str() }),
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
  }),
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
      decision: anyObject,
      payload: anyObject,
      prevHash: str(),
      hash: str(),
    },
    ['decision'],
  ),
  TimelinePage: page('TimelineEntry'),
  // src/audit/case-replay.service.ts
  ReplayReport: object({
    caseId: uuid,
    replayedAt: time,
    identical: bool,
    rounds: list(anyObject),
  }),
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
      keptHead: nullable(anyObject),
      witness: nullable(anyObject),
      durationMs: int,
    },
    ['head', 'signedHead', 'keptHeads', 'seq', 'kind', 'message'],
  ),
  Health: anyObject,
  // src/reports: a key-field report, a page of them, a report verification (their own views, not spelled
  // out here yet).
  KeyFieldReport: anyObject,
  KeyFieldReportPage: object({ items: list(anyObject), page: int, pageSize: int, total: int }),
  ReportVerification: anyObject,
};
