import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Calendar dates in facts (listedOn, departedOn, opensOn, ...) are plain `YYYY-MM-DD` strings: rules and
 * derived facts compare them as dates in China, so a time or zone part would only invite off-by-one-day
 * errors. `Date.parse` happily rolls 2026-02-30 over to March, hence the round trip below.
 */
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const EARLIEST_ISO_DATE = '1900-01-01';
export const LATEST_ISO_DATE = '2100-12-31';

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const isRealDay =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  // Same fixed-width shape, so string order is date order.
  return isRealDay && value >= EARLIEST_ISO_DATE && value <= LATEST_ISO_DATE;
}

export const IS_ISO_DATE = 'isIsoDate';

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_ISO_DATE,
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a real calendar date YYYY-MM-DD between ${EARLIEST_ISO_DATE} and ${LATEST_ISO_DATE}`,
      },
    },
    options,
  );
}
