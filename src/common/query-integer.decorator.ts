import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest value an `integer` column holds on PostgreSQL (int4); every sequence number and page fits. */
export const MAX_QUERY_INTEGER = 2_147_483_647;

const DECIMAL = /^(0|[1-9][0-9]{0,9})$/;

/**
 * An optional whole-number query parameter, written in plain decimal digits and bounded. Number() would
 * read "0x10" as 16, " 1" as 1, "1e-400" as 0 and "1e20" as a number no column holds (a 500 on
 * PostgreSQL); here anything but digits is left as text, which IsInt refuses with the field named.
 */
export function QueryInteger(options: { min: number; max: number }): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
    ),
    IsInt({ message: '$property must be a whole number in decimal digits (no sign, space, exponent or 0x)' }),
    Min(options.min),
    Max(Math.min(options.max, MAX_QUERY_INTEGER)),
  );
}
