import { DomainError } from '../common/domain-error';

/**
 * The publication procedure of a key-field report: the IP office drafts and submits it, the competent
 * department reviews it (approve publishes it, return sends it back with a reason), the IP office may
 * withdraw it with a reason at any point, and publishing a corrected version supersedes the old one.
 * A table, not code: each event lists the states it leaves from and the state it reaches.
 */
export const KEY_FIELD_STATUSES = ['draft', 'in-review', 'published', 'withdrawn', 'superseded'] as const;
export type KeyFieldStatus = (typeof KEY_FIELD_STATUSES)[number];

export type KeyFieldEvent = 'submit' | 'approve' | 'return' | 'withdraw' | 'supersede';

const TRANSITIONS: Record<
  KeyFieldEvent,
  { from: KeyFieldStatus[]; to: KeyFieldStatus; reasonRequired: boolean }
> = {
  submit: { from: ['draft'], to: 'in-review', reasonRequired: false },
  approve: { from: ['in-review'], to: 'published', reasonRequired: false },
  return: { from: ['in-review'], to: 'draft', reasonRequired: true },
  withdraw: { from: ['draft', 'in-review', 'published'], to: 'withdrawn', reasonRequired: true },
  supersede: { from: ['published'], to: 'superseded', reasonRequired: false },
};

const PAST: Record<KeyFieldEvent, string> = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  withdraw: 'withdrawn',
  supersede: 'superseded',
};

/** Whether `event` may happen to a report in `status` (what a page offers; keyFieldTransition decides). */
export function keyFieldEventAllowed(status: KeyFieldStatus, event: KeyFieldEvent): boolean {
  return TRANSITIONS[event].from.includes(status);
}

/** The next status, or a 409 naming the status the report is in; a 400 when a needed reason is missing. */
export function keyFieldTransition(
  status: KeyFieldStatus,
  event: KeyFieldEvent,
  reason: string | null,
): KeyFieldStatus {
  const rule = TRANSITIONS[event];
  if (!keyFieldEventAllowed(status, event)) {
    throw new DomainError(
      'workflow.event-not-allowed',
      `A key-field report that is ${status} cannot be ${PAST[event]}`,
      { status, event },
    );
  }
  if (rule.reasonRequired && !reason?.trim()) {
    throw new DomainError('request.invalid', `A reason is required to ${event} a key-field report`, {
      errors: [{ field: 'reason', reason: 'is required', zh: '必填' }],
    });
  }
  return rule.to;
}
