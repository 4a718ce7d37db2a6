import { textOf } from '../common/utf8-text';
import type { Applicant, Decision } from '../decision/decision.types';
import type { LocalizedText } from '../definitions/definition.types';
import type { TaskEntity } from '../tasks/task.entity';
import { toTaskView, TaskView } from '../tasks/task.view';
import type { EvaluationEntity } from './evaluation.entity';

/** A case as the API shows it, mapped explicitly so entities never leave the service. */
export interface EvaluationView {
  id: string;
  type: string;
  title: string;
  applicant: Applicant;
  competentDepartment: string;
  state: string;
  stateLabel: LocalizedText | null;
  status: 'open' | 'closed';
  level: string;
  score: number;
  outcome: string | null;
  conditions: string[];
  overrideReason: string | null;
  /** The applicant consents that a published key-field report may name the case (title and applicant). */
  publicationConsent: boolean;
  /** The facts as last submitted (the type's input facts; the applicant is `applicant`). */
  facts: Record<string, unknown>;
  decision: Decision;
  /** A type assessed in phases: the phase in progress, and the submission the case waits for (with its due date). */
  phase?: string;
  awaiting?: { phase: string; dueOn: string | null } | null;
  definition: { workflowHash: string; rulesHash: string };
  tasks: TaskView[]; // open tasks
  history?: TaskView[]; // every task, in the order opened (detail view only)
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The summary row of a list: no facts, no full decision. */
export type EvaluationSummary = Omit<
  EvaluationView,
  'decision' | 'facts' | 'applicant' | 'tasks' | 'history' | 'publicationConsent'
> & {
  applicant: { name: string; creditCode: string };
};

export function toEvaluationView(
  e: EvaluationEntity,
  tasks: TaskEntity[],
  decision: string | Uint8Array, // the decision in force as stored (JSON), or the bytes it was written from
  stateLabel: LocalizedText | null,
  withHistory: boolean,
  now: Date, // Clock time of the request: tasks show whether they are overdue
  // The applicant the stored JSON was written from, when the caller has it: it serialises to the same
  // answer as the JSON parsed back.
  parsed?: { applicant: Applicant },
): EvaluationView {
  return {
    ...withoutDecision(e, tasks, stateLabel, withHistory, now, parsed?.applicant),
    decision: JSON.parse(textOf(decision)) as Decision,
  };
}

/** The view but its decision: what `evaluationViewJson` completes with the decision's stored text. */
export type ViewWithoutDecision = Omit<EvaluationView, 'decision'>;

export function withoutDecision(
  e: EvaluationEntity,
  tasks: TaskEntity[],
  stateLabel: LocalizedText | null,
  withHistory: boolean,
  now: Date,
  applicant?: Applicant,
): ViewWithoutDecision {
  const ordered = [...tasks].sort(
    (a, b) => a.openedAt.localeCompare(b.openedAt) || compareKeys(a.taskKey, b.taskKey),
  );
  return {
    ...summaryFields(e),
    applicant: applicant ?? (JSON.parse(e.applicant) as Applicant),
    stateLabel,
    publicationConsent: Boolean(e.publicationConsent), // SQLite may hand back 0 or 1
    facts: inputFactsOf(e),
    ...phaseOf(e),
    tasks: ordered.filter((t) => t.status === 'open').map((t) => toTaskView(t, now)),
    ...(withHistory ? { history: ordered.map((t) => toTaskView(t, now)) } : {}),
  };
}

/**
 * The case view as JSON text, its decision spliced in as the row stores it: the decision's canonical JSON,
 * written when it was taken (JSON.stringify's text in rows written before), which is what parsing it and
 * serialising it again would give, byte for byte. A case is mostly its ~25 kB decision, and parsing it only
 * to serialise it again was a fifth of what answering a read cost; serialising it for the submission's
 * answer, a third time after its canonical JSON and its row, is spared the same way.
 *
 * Held as UTF-8 bytes (by the command that just took it, or as SQLite gives it back), the decision makes
 * the answer bytes too: the view's text around it is encoded and the parts joined once, so the decision
 * never becomes a JavaScript string on its way to the socket.
 */
export function evaluationViewJson(
  view: ViewWithoutDecision,
  storedDecision: string | Uint8Array,
): string | Buffer {
  const text = `${JSON.stringify(view).slice(0, -1)},"decision":`;
  if (typeof storedDecision === 'string') return `${text}${storedDecision}}`;
  return Buffer.concat([Buffer.from(text, 'utf8'), storedDecision, CLOSING_BRACE]);
}

const CLOSING_BRACE = Buffer.from('}');

/**
 * The case as the applicant side sees it (policy: evaluation.officials): each task's department, stage and
 * outcome, not the key that completed it (its id and name are the officials'; a deemed answer's 'scheduler'
 * goes too, the task's outcome and comment already say what was decided).
 */
export function withoutOfficials<V extends ViewWithoutDecision>(view: V): V {
  const anonymous = (task: TaskView): TaskView => ({ ...task, completedBy: null });
  return {
    ...view,
    tasks: view.tasks.map(anonymous),
    ...(view.history ? { history: view.history.map(anonymous) } : {}),
  };
}

export function toEvaluationSummary(
  e: EvaluationEntity,
  stateLabel: LocalizedText | null,
): EvaluationSummary {
  return {
    ...summaryFields(e),
    stateLabel,
    applicant: { name: e.applicantName, creditCode: e.applicantCreditCode },
  };
}

function summaryFields(e: EvaluationEntity) {
  return {
    id: e.id,
    type: e.type,
    title: e.title,
    competentDepartment: e.competentDepartment,
    state: e.state,
    status: e.status,
    level: e.level,
    score: e.score,
    outcome: e.outcome,
    conditions: JSON.parse(e.conditions) as string[],
    overrideReason: e.overrideReason,
    definition: { workflowHash: e.workflowHash, rulesHash: e.rulesHash },
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** The case's current input facts: the stored facts without the applicant, which decide() reads beside them. */
export function inputFactsOf(e: Pick<EvaluationEntity, 'facts'>): Record<string, unknown> {
  const { applicant: _applicant, ...facts } = JSON.parse(e.facts) as Record<string, unknown>;
  return facts;
}

/** The phase fields, only on cases of a type assessed in phases (read from the workflow context). */
function phaseOf(e: EvaluationEntity): Pick<EvaluationView, 'phase' | 'awaiting'> {
  // Most types have no phases, and their context's phase is null: a snapshot (JSON.stringify's text) in
  // which no "phase" holds a string cannot have one in its context, and need not be parsed to know it.
  if (!e.snapshot.includes('"phase":"')) return {};
  const context = (
    JSON.parse(e.snapshot) as { context?: { phase?: string | null; awaiting?: EvaluationView['awaiting'] } }
  ).context;
  return context?.phase ? { phase: context.phase, awaiting: context.awaiting ?? null } : {};
}

/** t2 before t10. */
function compareKeys(a: string, b: string): number {
  return Number(a.slice(1)) - Number(b.slice(1));
}
