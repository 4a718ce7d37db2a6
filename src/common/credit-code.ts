import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-symbol alphabet
 * (digits and upper-case letters without I, O, S, V, Z, which read like digits), the last one a check
 * character over the first 17. Checking it catches almost every typo before a credit-record lookup or a
 * case is filed under the wrong applicant.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const; // 3^i mod 31
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/** The check character GB 32100-2015 prescribes for the first 17 characters (which must be valid symbols). */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a credit code body has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`"${first17[i]}" is not a credit-code character`);
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Strict: upper case only, no spaces — the code is an identifier we store and compare as given. */
export function isValidCreditCode(code: string): boolean {
  return (
    typeof code === 'string' && SHAPE.test(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code[17]
  );
}

export const IS_CREDIT_CODE = 'isCreditCode';

export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_CREDIT_CODE,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidCreditCode(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an 18-character unified social credit code with a valid check character (GB 32100-2015)`,
      },
    },
    options,
  );
}
