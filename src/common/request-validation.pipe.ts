import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { DomainError } from './domain-error';
import type { FieldError } from './problem';
import { unsafeTextReason } from './unsafe-text';
import { flattenValidationErrors } from './validation-errors';
import { zhReasonOf } from './field-reason-zh';

/** Deeper than any request we take (applicant.creditRecords.0.listedOn is 4); far below a stack overflow. */
export const MAX_REQUEST_DEPTH = 32;

/**
 * Keys dropped without a word before forbidNonWhitelisted could refuse them, so a body carrying them would be
 * accepted as if they were not there: Nest's ValidationPipe strips __proto__, prototype and constructor
 * (against prototype pollution), and class-transformer skips any key naming a member the DTO instance
 * already has, which includes every Object.prototype member (toString, hasOwnProperty, ...).
 */
function isDroppedKey(key: string): boolean {
  return key === 'prototype' || key in Object.prototype;
}

/**
 * The global ValidationPipe, with three checks on the raw body and query before class-transformer runs:
 * prototype-pollution keys are refused like any other unknown field (not silently dropped), nesting is
 * bounded, because class-transformer recurses without limit and a 30 kB body of nested objects overflows
 * the stack (a 500 instead of a 400), and no string or key holds a control character or a lone surrogate
 * (unsafe-text.ts), on every field at once, whatever its DTO says.
 */
export class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const errors = requestShapeErrors(value);
      if (errors.length > 0) throw new DomainError('request.invalid', 'The request is not valid', { errors });
    }
    return super.transform(value, metadata);
  }
}

/** Walks the parsed JSON (iteratively: it must not overflow on the inputs it is there to refuse). */
export function requestShapeErrors(root: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Array<{ value: unknown; path: string; depth: number }> = [
    { value: root, path: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const reason = unsafeTextReason(value);
      if (reason) errors.push({ field: path, reason: reason.en, zh: reason.zh });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_REQUEST_DEPTH) {
      errors.push({
        field: path,
        reason: `nested deeper than ${MAX_REQUEST_DEPTH} levels`,
        zh: `嵌套超过 ${MAX_REQUEST_DEPTH} 层`,
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      const keyReason = unsafeTextReason(key);
      if (keyReason)
        errors.push({
          field: path || '(key)',
          reason: `a property name ${keyReason.en}`,
          zh: `属性名${keyReason.zh}`,
        });
      else if (isDroppedKey(key))
        errors.push({
          field,
          reason: `property ${key} should not exist`,
          zh: zhReasonOf('whitelistValidation', key, {}, ''),
        });
      else pending.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return errors;
}

/** Every request body and query is validated against its DTO; unknown fields (even __proto__) are refused, not dropped. */
export const requestValidationPipe = new RequestValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // The object a check failed in, so that the Chinese reason can name the check's parameters (the allowed
  // values, the limit) from the decorator's metadata; never sent (flattenValidationErrors keeps none of it).
  validationError: { target: true },
  exceptionFactory: (errors) =>
    new DomainError('request.invalid', 'The request is not valid', {
      errors: flattenValidationErrors(errors, ''),
    }),
});

/** The API's validation of a request body, for a body built elsewhere (a console form). */
export async function validateBody<T>(dto: Type<T>, value: unknown): Promise<T> {
  return (await requestValidationPipe.transform(value, { type: 'body', metatype: dto })) as T;
}
