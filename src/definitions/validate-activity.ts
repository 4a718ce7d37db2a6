/** rules/<type>/activity.json: its schema, and what the schema cannot say (the departments exist). */
import { checkAgainstSchema } from './definition-schemas';
import { jsonPointer } from './json-pointer';
import { isRecord, type Report } from './json-shape';

export function validateActivity(document: unknown, departments: ReadonlySet<string>, report: Report): void {
  if (!checkAgainstSchema('activity.schema.json', document, report) || !isRecord(document)) return;
  (document.competentDepartments as string[]).forEach((code, index) => {
    if (!departments.has(code))
      report(
        jsonPointer('competentDepartments', index),
        `department "${code}" is not in rules/departments.json`,
      );
  });
}
