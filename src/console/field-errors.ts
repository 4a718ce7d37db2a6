import type { DomainError, DomainErrorCode } from '../common/domain-error';
import { localizeFieldError, zhOfCode } from '../common/problem-language';
import type { FieldError } from '../common/problem';
import type { Lang } from './console-i18n';

/** Refusals of a task form that concern one of its fields, placed at that field. */
const FIELD_OF_CODE: Partial<Record<DomainErrorCode, string>> = {
  'workflow.outcome-not-allowed': 'outcome',
  'workflow.comment-required': 'comment',
  'workflow.conditions-required': 'conditions',
  'workflow.override-required': 'overrideReason',
};

/**
 * The API's field errors in the page's language (the Chinese reason the API sends for Accept-Language: zh),
 * or the refusal itself placed at the field it concerns.
 */
export function fieldErrors(error: DomainError, lang: Lang): FieldError[] {
  const listed = (error.details as { errors?: FieldError[] }).errors;
  if (listed?.length) return listed.map((e) => localizeFieldError(e, lang));
  return [
    { field: FIELD_OF_CODE[error.code] ?? '', reason: lang === 'zh' ? zhOfCode(error.code) : error.message },
  ];
}
