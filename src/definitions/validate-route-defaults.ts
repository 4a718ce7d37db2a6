/**
 * rules/<type>/routing.json `defaults`: the route every case starts with, before routing rules add to it.
 * Its shape is in routing.schema.json, checked with the file's rules; here, that its departments exist.
 */
import { childPointer, jsonPointer } from './json-pointer';
import { isRecord, type Report } from './json-shape';
import { checkDepartmentsExist } from './validate-rule-files';

export function validateRouteDefaults(
  document: unknown,
  departments: ReadonlySet<string>,
  report: Report,
): void {
  const defaults = isRecord(document) ? document.defaults : undefined;
  if (!isRecord(defaults)) return;
  const place = childPointer(jsonPointer('defaults'), 'departments');
  checkDepartmentsExist(defaults.departments, departments, place, report);
}
