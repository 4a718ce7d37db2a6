import { getMetadataStorage, type ValidationError } from 'class-validator';
import { zhReasonOf, type CheckParams } from './field-reason-zh';
import type { FieldError } from './problem';

/**
 * class-validator reports a tree (an error per property, nested objects and array items as `children`,
 * array items keyed by their index). Clients want a flat list they can put next to their form fields, so
 * every failed constraint becomes one `{ field, reason }` with a dotted path: `facts.candidate.role`,
 * `applicant.creditRecords.0.listedOn`. Used for request bodies (the global ValidationPipe) and for the
 * type-dependent facts alike, so both speak the same language.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const field = joinPath(prefix, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    // A field that is not there at all gets one reason that says so, not every check it would have failed.
    if (error.value === undefined && constraints.length > 0 && error.property)
      flat.push({ field, reason: 'required', zh: zhReasonOf('required', error.property, {}, 'required') });
    else
      for (const [keyword, reason] of constraints)
        flat.push({
          field,
          reason,
          zh: zhReasonOf(keyword, error.property, paramsOf(error, keyword), reason),
        });
    if (error.children?.length) flat.push(...flattenValidationErrors(error.children, field));
  }
  return flat;
}

/**
 * The parameters of the failed check (the allowed values, the limit, the pattern), read from the
 * decorator's metadata on the class of the object it failed in: a ValidationError carries only the English
 * message. Empty when the error has no target (validationError.target off) or the check no constraints.
 */
function paramsOf(error: ValidationError, keyword: string): CheckParams {
  const target = error.target as object | undefined;
  if (!target) return {};
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', false, false)
    .find((m) => m.propertyName === error.property && (m.name ?? m.type) === keyword);
  if (!metadata) return {};
  const first: unknown = metadata.constraints?.[0];
  return {
    each: metadata.each,
    ...(typeof first === 'number' ? { limit: first } : {}),
    ...(Array.isArray(first) ? { values: first } : {}),
    ...(first instanceof RegExp ? { pattern: String(first) } : {}),
  };
}

function joinPath(prefix: string, property: string | undefined): string {
  // A root-level error (validating a non-object, say) has no property of its own.
  if (property === undefined || property === '') return prefix;
  return prefix ? `${prefix}.${property}` : property;
}

/**
 * class-validator puts the error of an `{ each: true }` check on the whole array, without the index of the
 * item at fault; a message can still name them: ` (not: [1] "XX", [2] "china")`, or '' for a non-array.
 */
export function describeBadItems(value: unknown, isValid: (item: unknown) => boolean): string {
  if (!Array.isArray(value)) return '';
  const bad = value.flatMap((item, index) => (isValid(item) ? [] : [`[${index}] ${JSON.stringify(item)}`]));
  return bad.length > 0 ? ` (not: ${bad.join(', ')})` : '';
}
