import type { FieldError } from './problem';

/** The reason every request naming a department outside the catalogue gets, in both languages. */
export function unknownDepartment(field: string, code: string): FieldError {
  return {
    field,
    reason: `"${code}" is not in the department catalogue`,
    zh: `"${code}" 不在部门目录中`,
  };
}
