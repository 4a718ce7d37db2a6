/** rules/departments.json and rules/measures.json: the catalogues that rules and workflows refer to by code. */
import { childPointer, jsonPointer } from './json-pointer';
import {
  checkLocalizedText,
  checkNonEmptyString,
  checkUnique,
  expectRecord,
  isNonEmptyString,
  isRecord,
  type Report,
} from './json-shape';

type CatalogueKey = 'departments' | 'measures';

const CODE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function validateDepartments(document: unknown, report: Report): void {
  validateCatalogue(document, 'departments', ['code', 'zh', 'en', 'part'], report, (entry, place) => {
    checkLocalizedText(entry.part, childPointer(place, 'part'), report, 'part');
  });
}

export function validateMeasures(document: unknown, report: Report): void {
  validateCatalogue(document, 'measures', ['code', 'zh', 'en'], report, () => undefined);
}

/** The codes of a catalogue, as far as they can be read (the catalogue's own problems are reported apart). */
export function catalogueCodes(document: unknown, key: CatalogueKey): Set<string> {
  const entries = isRecord(document) && Array.isArray(document[key]) ? (document[key] as unknown[]) : [];
  return new Set(
    entries.flatMap((entry) => (isRecord(entry) && isNonEmptyString(entry.code) ? [entry.code] : [])),
  );
}

function validateCatalogue(
  document: unknown,
  key: CatalogueKey,
  entryKeys: readonly string[],
  report: Report,
  checkEntry: (entry: Record<string, unknown>, place: string) => void,
): void {
  const root = expectRecord(document, [key], '', report, 'the file');
  if (!root) return;
  const entries = root[key];
  if (!Array.isArray(entries) || entries.length === 0) {
    report(jsonPointer(key), `${key} must be a non-empty array`);
    return;
  }
  const codes: { value: string; place: string }[] = [];
  entries.forEach((candidate, index) => {
    const place = jsonPointer(key, index);
    const entry = expectRecord(candidate, entryKeys, place, report, 'an entry');
    if (!entry) return;
    const codePlace = childPointer(place, 'code');
    if (!isNonEmptyString(entry.code)) checkNonEmptyString(entry.code, codePlace, report, 'code');
    // Lower-case kebab codes only: they appear in URLs and keys, and "$" marks a workflow placeholder.
    else if (!CODE_PATTERN.test(entry.code))
      report(codePlace, `code "${entry.code}" must be lower-case kebab-case`);
    else codes.push({ value: entry.code, place: codePlace });
    checkNonEmptyString(entry.zh, childPointer(place, 'zh'), report, 'zh');
    checkNonEmptyString(entry.en, childPointer(place, 'en'), report, 'en');
    checkEntry(entry, place);
  });
  checkUnique(codes, report, 'code');
}
