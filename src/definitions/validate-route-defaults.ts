/** rules/<type>/routing.json `defaults`: the route every case starts with, before routing rules add to it. */
import { COUNTERSIGN_MODES, RISK_LEVELS } from './definition.types';
import { childPointer, jsonPointer } from './json-pointer';
import {
  checkLocalizedText,
  checkNonEmptyString,
  shown,
  expectRecord,
  isRecord,
  type Report,
} from './json-shape';
import { checkDepartmentList } from './validate-rule-files';

const DEFAULT_KEYS = [
  'departments',
  'mode',
  'expertReviewAtLevel',
  'legalityReviewOnHardStop',
  'evaluationNotMandatory',
];

export function validateRouteDefaults(
  document: unknown,
  departments: ReadonlySet<string>,
  report: Report,
): void {
  if (!isRecord(document)) return; // reported with the rules of the file
  const place = jsonPointer('defaults');
  const defaults = expectRecord(document.defaults, DEFAULT_KEYS, place, report, 'defaults');
  if (!defaults) return;
  const at = (key: string) => childPointer(place, key);
  checkDepartmentList(defaults.departments, departments, at('departments'), report);
  if (!COUNTERSIGN_MODES.includes(defaults.mode as never)) {
    report(at('mode'), `mode must be one of ${COUNTERSIGN_MODES.join(', ')}, found ${shown(defaults.mode)}`);
  }
  // Required even when null: "no expert review by level" is a decision, not an omission.
  if (defaults.expertReviewAtLevel !== null && !RISK_LEVELS.includes(defaults.expertReviewAtLevel as never)) {
    report(
      at('expertReviewAtLevel'),
      `expertReviewAtLevel must be one of ${RISK_LEVELS.join(', ')} or null, found ${shown(defaults.expertReviewAtLevel)}`,
    );
  }
  if (typeof defaults.legalityReviewOnHardStop !== 'boolean') {
    report(
      at('legalityReviewOnHardStop'),
      `legalityReviewOnHardStop must be true or false, found ${shown(defaults.legalityReviewOnHardStop)}`,
    );
  }
  if (defaults.evaluationNotMandatory !== undefined) {
    const notMandatoryAt = at('evaluationNotMandatory');
    const notMandatory = expectRecord(
      defaults.evaluationNotMandatory,
      ['reason', 'basis'],
      notMandatoryAt,
      report,
      'evaluationNotMandatory',
    );
    if (!notMandatory) return;
    checkLocalizedText(notMandatory.reason, childPointer(notMandatoryAt, 'reason'), report, 'reason');
    checkNonEmptyString(
      notMandatory.basis,
      childPointer(notMandatoryAt, 'basis'),
      report,
      'basis (the legal basis)',
    );
  }
}
