/**
 * The one JSON Schema validator (ajv, draft 2020-12) for facts contracts and definition files. Strict mode
 * stays on, so a misspelt keyword in a contract is an error instead of a check that silently never runs;
 * the contract's own annotations (labels, help, enum labels) are registered as keywords for that reason.
 */
import Ajv2020, { type Options, type ValidateFunction } from 'ajv/dist/2020';
import { isCountryCode } from '../common/country-code';
import { isValidCreditCode } from '../common/credit-code';
import { isIsoDate } from '../common/iso-date';

/** Annotations the console and the reports read; ajv only has to know they are not typos. */
export const CONTRACT_ANNOTATIONS = ['x-label', 'x-help', 'x-enumLabels'] as const;
/**
 * Annotations of the definition files' own schemas: "x-reason" is what to tell the operator when the
 * schema node carrying it fails, where ajv's generic words would not say what to do instead.
 */
export const SCHEMA_ANNOTATIONS = ['x-reason'] as const;

export function createContractAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, ...options });
  // Our own formats rather than ajv-formats: a date must also be a real day in our range, a country the
  // canonical upper-case ISO 3166-1 alpha-2 code the rules compare with, a credit code one that checks.
  ajv.addFormat('date', { type: 'string', validate: (value: string) => isIsoDate(value) });
  ajv.addFormat('country', { type: 'string', validate: (value: string) => isCountryCode(value) });
  // The unified social credit code (GB 32100-2015) with its check character, as keys and applicants carry it.
  ajv.addFormat('credit-code', { type: 'string', validate: (value: string) => isValidCreditCode(value) });
  ajv.addVocabulary([...CONTRACT_ANNOTATIONS, ...SCHEMA_ANNOTATIONS]);
  return ajv;
}

export type { ValidateFunction };
