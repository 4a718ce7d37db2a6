import type { StoredEvent } from './event-canonical';

/** The part of a decision an auditor reads in a timeline; the full explanation stays in the export. */
export interface DecisionSummary {
  round: number | null;
  rulesHash: string | null;
  submittedAt: string | null;
  score: number | null;
  level: string | null;
  dimensions: Record<string, number>;
  findings: { rule: string; dimension: string; points: number; reason: unknown; basis: string }[];
  hardStops: { rule: string; reason: unknown; basis: string }[];
  measures: string[];
  route: unknown;
}

/** One step of the decision trail, readable: who, in which role and department, did what, with what result. */
export interface TimelineEntry {
  seq: number;
  occurredAt: string;
  /** id and name are null where the reader may not see who it was (an enterprise reading officials' steps). */
  actor: { id: string | null; role: string; department: string | null; name: string | null };
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  fromState: string | null;
  toState: string | null;
  outcome: string | null;
  comment: string | null;
  /** For `decision.made`: score, level and the findings behind them, without the rule-by-rule explanation. */
  decision?: DecisionSummary;
  /** The event's payload exactly as recorded (and hashed). */
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** `names`: key id -> key name (the actor "system" is the service itself). */
export function toTimelineEntry(e: StoredEvent, names: ReadonlyMap<string, string>): TimelineEntry {
  const payload = JSON.parse(e.payload) as Record<string, unknown>;
  const entry: TimelineEntry = {
    seq: e.seq,
    occurredAt: e.occurredAt,
    actor: {
      id: e.actorId,
      role: e.actorRole,
      department: e.actorDepartment,
      name: names.get(e.actorId) ?? (e.actorId === 'system' ? 'system' : null),
    },
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    caseId: e.caseId,
    fromState: e.fromState,
    toState: e.toState,
    outcome: stringOrNull(payload.outcome),
    comment: stringOrNull(payload.comment),
    payload,
    prevHash: e.prevHash,
    hash: e.hash,
  };
  if (e.action === 'decision.made' && isRecord(payload.decision))
    entry.decision = summariseDecision(payload.decision, payload.round);
  return entry;
}

function summariseDecision(d: Record<string, unknown>, round: unknown): DecisionSummary {
  const list = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value) ? value.filter(isRecord) : [];
  return {
    round: typeof round === 'number' ? round : null,
    rulesHash: stringOrNull(d.definitionHash),
    submittedAt: stringOrNull(d.submittedAt),
    score: typeof d.score === 'number' ? d.score : null,
    level: stringOrNull(d.level),
    dimensions: isRecord(d.dimensions) ? (d.dimensions as Record<string, number>) : {},
    findings: list(d.findings).map((f) => ({
      rule: String(f.rule),
      dimension: String(f.dimension),
      points: Number(f.points),
      reason: f.reason,
      basis: String(f.basis),
    })),
    hardStops: list(d.hardStops).map((h) => ({
      rule: String(h.rule),
      reason: h.reason,
      basis: String(h.basis),
    })),
    measures: list(d.measures).map((m) => String(m.code)),
    route: d.route ?? null,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
