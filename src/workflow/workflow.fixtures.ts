/**
 * Test helpers for the workflow specs: the REAL workflow files, hand-made Decisions (the workflow reads
 * only route and hard stops) and a case walker that persists through JSON on every step, as the database does.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Decision } from '../decision/decision.types';
import type { CountersignMode } from '../decision/rule-set.types';
import type { WorkflowDefinition } from './workflow-definition.types';
import { initialState, transition } from './transition';
import type { WorkflowContext } from './workflow-context';
import type { Stage, TaskOutcome, TransitionResult, WorkflowEvent, WorkflowTask } from './workflow.types';

const ROOT = join(__dirname, '..', '..');

/** The workflow the type's activity.json names (types with one procedure share one file). */
export function loadWorkflow(type: string): WorkflowDefinition {
  const activity = JSON.parse(readFileSync(join(ROOT, 'rules', type, 'activity.json'), 'utf8')) as {
    workflow: string;
  };
  const file = `workflows/${activity.workflow}.json`;
  const text = readFileSync(join(ROOT, file), 'utf8');
  return { type, file, hash: createHash('sha256').update(text).digest('hex'), machine: JSON.parse(text) };
}

export interface RouteFixture {
  countersign?: string[];
  mode?: CountersignMode;
  expertReview?: boolean;
  legalityReview?: boolean;
  hardStops?: string[]; // rule names
  definitionHash?: string;
}

export function fakeDecision(type: string, route: RouteFixture = {}): Decision {
  const reason = { zh: '测试', en: 'test' };
  return {
    type,
    definitionHash: route.definitionHash ?? 'rules-hash-1',
    submittedAt: '2025-03-03T02:00:00.000Z',
    score: 0,
    level: 'low',
    dimensions: { ownership: 0, infringement: 0, validity: 0, compliance: 0, market: 0, management: 0 },
    findings: [],
    hardStops: (route.hardStops ?? []).map((rule) => ({ rule, reason, basis: 'test basis' })),
    measures: [],
    route: {
      mode: route.mode ?? 'all',
      countersign: (route.countersign ?? ['ndrc']).map((department) => ({ department, reasons: [] })),
      expertReview: route.expertReview ?? false,
      legalityReview: route.legalityReview ?? false,
      reasons: [],
    },
    derivedFacts: {},
    explanation: { fired: [], notFired: [] },
  };
}

type CompletionExtras = Partial<
  Pick<Extract<WorkflowEvent, { type: 'TASK_COMPLETED' }>, 'comment' | 'conditions' | 'overrideReason'>
>;

/** One case walked through the real workflow; each step goes through JSON like a database round trip. */
export class CaseWalk {
  result: TransitionResult;
  readonly history: TransitionResult[] = [];

  constructor(
    readonly definition: WorkflowDefinition,
    decision: Decision,
    competentDepartment = 'ndrc',
  ) {
    this.result = initialState(definition, { competentDepartment, decision });
    this.history.push(this.result);
  }

  get state(): string {
    return this.result.state;
  }

  get context(): WorkflowContext {
    return (this.result.snapshot as { context: WorkflowContext }).context;
  }

  openTasks(stage?: Stage): WorkflowTask[] {
    return this.context.tasks.filter((task) => task.status === 'open' && (!stage || task.stage === stage));
  }

  /** The one open task of a stage; fails loudly when there is none or several. */
  openTask(stage: Stage): WorkflowTask {
    const open = this.openTasks(stage);
    if (open.length !== 1)
      throw new Error(`expected one open ${stage} task, found ${open.length} in ${this.state}`);
    return open[0];
  }

  send(event: WorkflowEvent): TransitionResult {
    const stored = JSON.parse(JSON.stringify(this.result.snapshot)) as unknown;
    this.result = transition(this.definition, stored, event);
    this.history.push(this.result);
    return this.result;
  }

  complete(
    taskOrStage: WorkflowTask | Stage,
    outcome: TaskOutcome,
    extras: CompletionExtras = {},
  ): TransitionResult {
    const task = typeof taskOrStage === 'string' ? this.openTask(taskOrStage) : taskOrStage;
    return this.send({ type: 'TASK_COMPLETED', taskKey: task.key, outcome, ...extras });
  }

  /** Walks from intake to the decision with every review approving. */
  approveUntilDecision(): this {
    this.complete('intake', 'accept');
    if (this.state === 'expert-review') this.complete('expert-review', 'approve');
    while (this.state === 'countersign') this.complete(this.openTasks('countersign')[0], 'approve');
    if (this.state === 'legality-review') this.complete('legality-review', 'approve');
    return this;
  }
}
