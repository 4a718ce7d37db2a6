import type { Measure } from './rule-set.types';
import { DomainError } from '../common/domain-error';
import type { Finding, HardStop, MeasureAdvice } from './decision.types';

/**
 * The measures the findings and hard stops call for, each once, in the order first met (findings in their
 * decision order, then hard stops), with the catalogue text and every rule that asks for it.
 */
export function adviseMeasures(
  findings: Finding[],
  hardStops: HardStop[],
  catalogue: Measure[],
): MeasureAdvice[] {
  const advice = new Map<string, MeasureAdvice>();
  const byCode = catalogueIndex(catalogue);
  for (const list of [findings, hardStops]) {
    for (const { rule, measure } of list) {
      if (measure === undefined) continue;
      let entry = advice.get(measure);
      if (!entry) {
        const known = byCode.get(measure);
        if (!known)
          throw new DomainError(
            'definition.invalid',
            `Rule ${rule} asks for measure "${measure}", which is not in the catalogue`,
            { rule, measure },
          );
        entry = { code: known.code, zh: known.zh, en: known.en, rules: [] };
        advice.set(measure, entry);
      }
      if (!entry.rules.includes(rule)) entry.rules.push(rule);
    }
  }
  return [...advice.values()];
}

// A loaded catalogue is frozen, so its index is built once; any other array is indexed per call.
const indexOfFrozen = new WeakMap<readonly Measure[], Map<string, Measure>>();

function catalogueIndex(catalogue: readonly Measure[]): Map<string, Measure> {
  let index = indexOfFrozen.get(catalogue);
  if (!index) {
    index = new Map();
    for (const measure of catalogue) if (!index.has(measure.code)) index.set(measure.code, measure); // first wins, as find() did
    if (Object.isFrozen(catalogue)) indexOfFrozen.set(catalogue, index);
  }
  return index;
}
