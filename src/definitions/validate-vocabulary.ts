/** rules/vocabulary.json: its schema lists every code of each group, so a missing or misspelt label is caught here. */
import { checkAgainstSchema } from './definition-schemas';
import type { Report } from './json-shape';

export function validateVocabulary(document: unknown, report: Report): void {
  checkAgainstSchema('vocabulary.schema.json', document, report);
}
