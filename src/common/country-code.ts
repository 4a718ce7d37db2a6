import { isISO31661Alpha2, ValidateBy, type ValidationOptions } from 'class-validator';
import { describeBadItems } from './validation-errors';

/**
 * ISO 3166-1 alpha-2 country code, upper case. class-validator's isISO31661Alpha2 alone accepts "cn" (it
 * upper-cases before looking up), but rules compare countries with `equal` / `in`, so "cn" would silently
 * miss a rule written for "CN": we insist on the canonical spelling.
 */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value);
}

export const IS_COUNTRY_CODE = 'isCountryCode';

export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  const expected = options?.each
    ? 'hold only upper-case ISO 3166-1 alpha-2 country codes'
    : 'be an upper-case ISO 3166-1 alpha-2 country code';
  return ValidateBy(
    {
      name: IS_COUNTRY_CODE,
      validator: {
        validate: (value: unknown) => isCountryCode(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must ${expected} such as "CN"` +
          describeBadItems(args?.value, isCountryCode),
      },
    },
    options,
  );
}
