/** rules/<type>/levels.json: score thresholds; a score at or above a threshold reaches that level. */
import { jsonPointer } from './json-pointer';
import { shown, expectRecord, type Report } from './json-shape';

const THRESHOLDS = ['medium', 'high', 'critical'] as const;

export function validateLevels(document: unknown, report: Report): void {
  const levels = expectRecord(document, THRESHOLDS, '', report, 'the file');
  if (!levels) return;
  const valid = THRESHOLDS.filter((level) => {
    const value = levels[level];
    const ok = Number.isInteger(value) && (value as number) >= 0;
    if (!ok)
      report(
        jsonPointer(level),
        `${level} must be a whole number of points, 0 or more, found ${shown(value)}`,
      );
    return ok;
  });
  if (valid.length < THRESHOLDS.length) return;
  // Equal thresholds would make a level unreachable; out of order they would make the levels lie.
  for (let index = 1; index < THRESHOLDS.length; index++) {
    const lower = THRESHOLDS[index - 1];
    const upper = THRESHOLDS[index];
    if (!((levels[lower] as number) < (levels[upper] as number))) {
      report(
        jsonPointer(upper),
        `${upper} (${String(levels[upper])}) must be above ${lower} (${String(levels[lower])})`,
      );
    }
  }
}
