/**
 * Request facts checked against the type's facts contract (a JSON Schema in rules/<type>/facts.json). The
 * validator is compiled once per contract hash: a resubmission is checked against the contract its case is
 * pinned to, not today's.
 */
import type { ErrorObject } from 'ajv';
import { DomainError } from '../common/domain-error';
import { toPlainJson } from '../common/plain-json';
import type { FieldError } from '../common/problem';
import { zhReasonOf, type CheckParams } from '../common/field-reason-zh';
import { createContractAjv, type ValidateFunction } from './contract-ajv';
import { EARLIEST_ISO_DATE, LATEST_ISO_DATE } from '../common/iso-date';
import type { RuleSetDefinition } from './definition.types';
import { requestSchemaOf } from './json-schema';

const ajv = createContractAjv();
const compiled = new Map<string, ValidateFunction>();

/** What a facts check needs of a rule set: its contract and the hash that names its version. */
export type FactsContractRef = Pick<RuleSetDefinition, 'hash' | 'type' | 'factsSchema'>;

const FIELD_PREFIX = 'facts';

/**
 * Validates a request's `facts` (unknown fields are errors: a misspelt fact would otherwise be dropped and
 * the rules would see null) and returns them as a plain JSON object, ready to be stored and handed to
 * decide(). An optional fact may be absent or null.
 */
export function validateFacts(contract: FactsContractRef, facts: unknown): Record<string, unknown> {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) {
    throw invalid(contract.type, [
      {
        field: FIELD_PREFIX,
        reason: 'facts must be an object',
        zh: zhReasonOf('isObject', FIELD_PREFIX, {}, ''),
      },
    ]);
  }
  const validate = validatorOf(contract);
  if (!validate(facts)) throw invalid(contract.type, fieldErrorsOf(validate.errors ?? [], FIELD_PREFIX));
  return toPlainJson<Record<string, unknown>>(facts);
}

function validatorOf({ hash, factsSchema }: FactsContractRef): ValidateFunction {
  let validate = compiled.get(hash);
  if (!validate) {
    validate = ajv.compile(requestSchemaOf(factsSchema));
    compiled.set(hash, validate);
  }
  return validate;
}

// The problem-details filter lists `errors` next to the detail, so the message only says how many.
function invalid(type: string, errors: FieldError[]): DomainError {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  return new DomainError('request.invalid', `The facts do not satisfy the ${type} contract (${count})`, {
    errors,
  });
}

/** ajv's errors as the `{ field, reason }` list every 400 carries: dotted paths, reasons naming the field. */
export function fieldErrorsOf(errors: readonly ErrorObject[], prefix: string): FieldError[] {
  return errors.map((error) => {
    const segments = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const child =
      error.keyword === 'required'
        ? String(error.params.missingProperty)
        : error.keyword === 'additionalProperties'
          ? String(error.params.additionalProperty)
          : undefined;
    const path = child === undefined ? segments : [...segments, child];
    const name = nameOf(path, prefix);
    const reason = reasonOf(error, name);
    return {
      field: [prefix, ...path].join('.'),
      reason,
      zh: zhReasonOf(error.keyword, name, paramsOf(error), reason),
    };
  });
}

/** The field as a sentence names it: `opensOn`, or `item 2 of targetMarkets` inside a list. */
function nameOf(path: string[], prefix: string): string {
  const last = path[path.length - 1];
  if (last === undefined) return prefix;
  if (/^\d+$/.test(last)) return `item ${last} of ${path[path.length - 2] ?? prefix}`;
  return last;
}

const TYPE_NAMES: Record<string, string> = {
  boolean: 'a boolean',
  integer: 'an integer number',
  number: 'a number',
  string: 'a string',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** ajv's parameters of a failed keyword, as the Chinese reasons read them (field-reason-zh.ts). */
function paramsOf(error: ErrorObject): CheckParams {
  const params = error.params as Record<string, unknown>;
  return {
    limit: params.limit,
    format: typeof params.format === 'string' ? params.format : undefined,
    ...(error.keyword === 'type'
      ? { types: Array.isArray(params.type) ? params.type : String(params.type).split(',') }
      : {}),
    ...(error.keyword === 'enum'
      ? { values: (params.allowedValues as unknown[]).filter((value) => value !== null) }
      : {}),
  };
}

function reasonOf(error: ErrorObject, name: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${name} is required`;
    case 'additionalProperties':
      return `property ${name} should not exist`;
    case 'type': {
      const types = Array.isArray(params.type) ? params.type : String(params.type).split(',');
      return `${name} must be ${types.map((type: string) => TYPE_NAMES[type] ?? type).join(' or ')}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).filter((value) => value !== null);
      return `${name} must be one of the following values: ${allowed.join(', ')}`;
    }
    case 'format':
      return params.format === 'date'
        ? `${name} must be a real calendar date YYYY-MM-DD between ${EARLIEST_ISO_DATE} and ${LATEST_ISO_DATE}`
        : params.format === 'country'
          ? `${name} must be an upper-case ISO 3166-1 alpha-2 country code such as "CN"`
          : `${name} must be a ${String(params.format)}`;
    case 'minimum':
      return `${name} must not be less than ${String(params.limit)}`;
    case 'maximum':
      return `${name} must not be greater than ${String(params.limit)}`;
    case 'minLength':
      return `${name} must be longer than or equal to ${String(params.limit)} characters`;
    case 'maxLength':
      return `${name} must be shorter than or equal to ${String(params.limit)} characters`;
    case 'maxItems':
      return `${name} must contain no more than ${String(params.limit)} elements`;
    case 'minItems':
      return `${name} must contain at least ${String(params.limit)} elements`;
    default:
      return `${name} ${error.message ?? 'is not valid'}`;
  }
}
