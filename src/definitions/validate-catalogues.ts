/**
 * rules/departments.json and rules/measures.json: the catalogues that rules and workflows refer to by code
 * (departments.schema.json, measures.schema.json). What a schema cannot say is said here: each code once.
 */
import { checkAgainstSchema } from './definition-schemas';
import { jsonPointer } from './json-pointer';
import { checkUnique, isRecord, type Report } from './json-shape';

type CatalogueKey = 'departments' | 'measures';

export function validateDepartments(document: unknown, report: Report): void {
  validateCatalogue(document, 'departments', report);
}

export function validateMeasures(document: unknown, report: Report): void {
  validateCatalogue(document, 'measures', report);
}

/** The codes of a catalogue, as far as they can be read (the catalogue's own problems are reported apart). */
export function catalogueCodes(document: unknown, key: CatalogueKey): Set<string> {
  const entries = isRecord(document) && Array.isArray(document[key]) ? (document[key] as unknown[]) : [];
  return new Set(
    entries.flatMap((entry) => (isRecord(entry) && typeof entry.code === 'string' ? [entry.code] : [])),
  );
}

function validateCatalogue(document: unknown, key: CatalogueKey, report: Report): void {
  if (!checkAgainstSchema(`${key}.schema.json`, document, report)) return;
  const entries = (document as Record<CatalogueKey, { code: string }[]>)[key];
  checkUnique(
    entries.map(({ code }, index) => ({ value: code, place: jsonPointer(key, index, 'code') })),
    report,
    'code',
  );
}
