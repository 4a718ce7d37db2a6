/**
 * Checks what the schema (workflow.schema.json#/$defs/meta) cannot say about the deadline keys of a
 * workflow state's meta (reminder, escalation; see src/deadlines/stage-deadlines.ts for what they mean):
 * a reminder comes after the task opens, escalation goes to a known department other than the task's, and
 * only a stage that may be deemed answered is.
 */
import { DEEMED_OUTCOMES, ESCALATION_PLACEHOLDERS } from '../deadlines/stage-deadlines';
import type { Stage } from '../workflow/workflow.types';
import { childPointer } from './json-pointer';
import { isRecord, type Report, shown } from './json-shape';

export function checkDeadlineMeta(
  meta: Record<string, unknown>,
  place: string,
  departments: ReadonlySet<string>,
  report: Report,
): void {
  const limit = meta.timeLimitWorkingDays;
  const before = isRecord(meta.reminder) ? meta.reminder.beforeWorkingDays : undefined;
  if (typeof before === 'number' && typeof limit === 'number' && before >= limit) {
    report(
      childPointer(place, 'reminder', 'beforeWorkingDays'),
      `beforeWorkingDays (${before}) must be below timeLimitWorkingDays (${limit}): the reminder would come before the task opens`,
    );
  }
  if (isRecord(meta.escalation))
    checkEscalation(meta, meta.escalation, childPointer(place, 'escalation'), departments, report);
}

function checkEscalation(
  meta: Record<string, unknown>,
  escalation: Record<string, unknown>,
  place: string,
  departments: ReadonlySet<string>,
  report: Report,
): void {
  const to = escalation.to;
  const placeholders: readonly string[] = ESCALATION_PLACEHOLDERS;
  if (typeof to !== 'string') return; // reported by the schema
  if (!departments.has(to) && !placeholders.includes(to)) {
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
