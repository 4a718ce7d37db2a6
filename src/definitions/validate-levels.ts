/**
 * rules/<type>/levels.json: score thresholds (levels.schema.json); a score at or above a threshold reaches
 * that level. The schema says each is a whole number; that they rise is said here.
 */
import { checkAgainstSchema } from './definition-schemas';
import type { LevelThresholds } from './definition.types';
import { jsonPointer } from './json-pointer';
import type { Report } from './json-shape';

const THRESHOLDS = ['medium', 'high', 'critical'] as const;

export function validateLevels(document: unknown, report: Report): void {
  if (!checkAgainstSchema('levels.schema.json', document, report)) return;
  const levels = document as LevelThresholds;
  // Equal thresholds would make a level unreachable; out of order they would make the levels lie.
  for (let index = 1; index < THRESHOLDS.length; index++) {
    const lower = THRESHOLDS[index - 1];
    const upper = THRESHOLDS[index];
    if (!(levels[lower] < levels[upper]))
      report(jsonPointer(upper), `${upper} (${levels[upper]}) must be above ${lower} (${levels[lower]})`);
  }
}
