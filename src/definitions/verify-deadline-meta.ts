/**
 * Checks the deadline keys of a workflow state's meta (reminder, escalation; see
 * src/deadlines/stage-deadlines.ts for what they mean), and refuses meta keys nobody reads: a misspelt
 * "reminders" would otherwise leave a stage without its reminder and nobody would notice.
 */
import { DEEMED_OUTCOMES, ESCALATION_PLACEHOLDERS } from '../deadlines/stage-deadlines';
import type { Stage } from '../workflow/workflow.types';
import { childPointer } from './json-pointer';
import { checkKeys, expectRecord, isPositiveInteger, type Report, shown } from './json-shape';

/** Every key a state's meta may carry: what the state is, and for task states who acts and by when. */
export const META_KEYS = [
  'label',
  'stage',
  'department',
  'timeLimitWorkingDays',
  'reminder',
  'escalation',
] as const;

export function checkDeadlineMeta(
  meta: Record<string, unknown>,
  place: string,
  departments: ReadonlySet<string>,
  report: Report,
): void {
  checkKeys(meta, META_KEYS, place, report);
  const at = (...keys: string[]) => childPointer(place, ...keys);
  const limit = isPositiveInteger(meta.timeLimitWorkingDays) ? meta.timeLimitWorkingDays : null;
  for (const key of ['reminder', 'escalation'] as const) {
    if (meta[key] === undefined) continue;
    if (meta.stage === undefined)
      report(at(key), `${key} belongs to a task state (with meta.stage): only tasks have due times`);
    else if (meta.timeLimitWorkingDays === undefined)
      report(at(key), `${key} needs meta.timeLimitWorkingDays: it counts from the task's due time`);
  }
  if (meta.reminder !== undefined) {
    const reminder = expectRecord(
      meta.reminder,
      ['beforeWorkingDays'],
      at('reminder'),
      report,
      'reminder ({ beforeWorkingDays })',
    );
    const before = reminder?.beforeWorkingDays;
    if (reminder && !isPositiveInteger(before)) {
      report(
        at('reminder', 'beforeWorkingDays'),
        `beforeWorkingDays must be a whole number above 0, found ${shown(before)}`,
      );
    } else if (reminder && limit !== null && (before as number) >= limit) {
      report(
        at('reminder', 'beforeWorkingDays'),
        `beforeWorkingDays (${String(before)}) must be below timeLimitWorkingDays (${limit}): the reminder would come before the task opens`,
      );
    }
  }
  if (meta.escalation !== undefined) checkEscalation(meta, at('escalation'), departments, report);
}

function checkEscalation(
  meta: Record<string, unknown>,
  place: string,
  departments: ReadonlySet<string>,
  report: Report,
): void {
  const escalation = expectRecord(
    meta.escalation,
    ['to', 'deemedOutcome'],
    place,
    report,
    'escalation ({ to, deemedOutcome? })',
  );
  if (!escalation) return;
  const to = escalation.to;
  const placeholders: readonly string[] = ESCALATION_PLACEHOLDERS;
  if (!(typeof to === 'string' && (departments.has(to) || placeholders.includes(to)))) {
    report(
      childPointer(place, 'to'),
      `to ${shown(to)} is not in rules/departments.json nor one of ${placeholders.join(', ')}`,
    );
  } else if (to === meta.department) {
    report(
      childPointer(place, 'to'),
      `to "${to}" is the department the task belongs to: escalating to it tells nobody new`,
    );
  }
  const deemed = escalation.deemedOutcome;
  if (deemed === undefined) return;
  const stage = meta.stage as Stage;
  const allowed = DEEMED_OUTCOMES[stage] ?? [];
  if (allowed.length === 0) {
    const where = Object.keys(DEEMED_OUTCOMES).join(', ');
    report(
      childPointer(place, 'deemedOutcome'),
      `a ${shown(meta.stage)} task cannot be deemed answered when overdue (only: ${where})`,
    );
  } else if (!(allowed as readonly unknown[]).includes(deemed)) {
    report(
      childPointer(place, 'deemedOutcome'),
      `deemedOutcome must be one of ${allowed.join(', ')}, found ${shown(deemed)}`,
    );
  }
}
