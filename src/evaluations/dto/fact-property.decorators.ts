import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode } from '../../common/country-code';
import { IsIsoDate } from '../../common/iso-date';
import { describeBadItems } from '../../common/validation-errors';

/**
 * One decorator per kind of fact (the `kind` of a FactSpec in rules/<type>/facts.json), each bundling the
 * validation and its OpenAPI schema, so a facts DTO reads like its contract and the two cannot disagree
 * about a limit. The limits are sanity bounds against garbage and abuse, not business rules: those live in
 * rules/.
 */
export const MAX_COUNT = 100_000;
export const MAX_CNY = 1e13; // ten trillion yuan: above any single project
export const MAX_LIST_ITEMS = 50;
export const NAME_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 1000;
const COUNTRY_PATTERN = '^[A-Z]{2}$';

export interface FactOptions {
  description?: string;
  example?: unknown;
  /** An optional fact may be absent or null; the engine sees null either way. */
  optional?: boolean;
}

function fact(schema: ApiPropertyOptions, options: FactOptions, ...validators: PropertyDecorator[]) {
  const documented = {
    description: options.description,
    example: options.example,
    ...schema,
  } as ApiPropertyOptions;
  return applyDecorators(
    options.optional ? ApiPropertyOptional({ ...documented, nullable: true }) : ApiProperty(documented),
    ...(options.optional ? [IsOptional()] : []),
    ...validators,
  );
}

export const FlagFact = (options: FactOptions = {}) => fact({ type: Boolean }, options, IsBoolean());

export const CountFact = (options: FactOptions = {}) =>
  fact({ type: 'integer', minimum: 0, maximum: MAX_COUNT }, options, IsInt(), Min(0), Max(MAX_COUNT));

/** Whole yuan: amounts in the rules are thresholds like 50 million, fractions of a yuan mean nothing here. */
export const MoneyFact = (options: FactOptions = {}) =>
  fact({ type: 'integer', minimum: 0, maximum: MAX_CNY }, options, IsInt(), Min(0), Max(MAX_CNY));

export const IntegerFact = (min: number, max: number, options: FactOptions = {}) =>
  fact({ type: 'integer', minimum: min, maximum: max }, options, IsInt(), Min(min), Max(max));

export const EnumFact = (values: readonly string[], options: FactOptions = {}) =>
  fact({ enum: [...values] }, options, IsIn(values));

export const EnumListFact = (values: readonly string[], options: FactOptions = {}) =>
  fact(
    { enum: [...values], isArray: true, maxItems: MAX_LIST_ITEMS },
    options,
    IsArray(),
    ArrayMaxSize(MAX_LIST_ITEMS),
    IsIn(values, {
      each: true,
      message: (args) =>
        `each value in ${args.property} must be one of: ${values.join(', ')}` +
        describeBadItems(args.value, (item) => values.includes(item as string)),
    }),
  );

export const DateFact = (options: FactOptions = {}) =>
  fact({ type: String, format: 'date', example: '2026-03-01' }, options, IsIsoDate());

export const CountryFact = (options: FactOptions = {}) =>
  fact({ type: String, pattern: COUNTRY_PATTERN, example: 'DE' }, options, IsCountryCode());

export const CountryListFact = (options: FactOptions = {}) =>
  fact(
    {
      type: 'array',
      items: { type: 'string', pattern: COUNTRY_PATTERN },
      maxItems: MAX_LIST_ITEMS,
      example: ['DE', 'US'],
    },
    options,
    IsArray(),
    ArrayMaxSize(MAX_LIST_ITEMS),
    IsCountryCode({ each: true }),
  );

export const TextFact = (maxLength: number, options: FactOptions = {}) =>
  fact({ type: String, minLength: 1, maxLength }, options, IsString(), MinLength(1), MaxLength(maxLength));

/** A nested object (`kind: "object"`): validated field by field against its own DTO class. */
export const ObjectFact = (dto: () => new () => object, options: FactOptions = {}) =>
  // The arrow must be written inline: @nestjs/swagger only resolves lazy types whose function is named `type`.
  fact({ type: () => dto() }, options, IsObject(), ValidateNested(), Type(dto));

/** A list of nested objects: each item validated against the DTO class, errors reported as `list.3.field`. */
export const ObjectListFact = (dto: () => new () => object, options: FactOptions = {}) =>
  fact(
    { type: () => [dto()], maxItems: MAX_LIST_ITEMS },
    options,
    IsArray(),
    ArrayMaxSize(MAX_LIST_ITEMS),
    ValidateNested({ each: true }),
    Type(dto),
  );
