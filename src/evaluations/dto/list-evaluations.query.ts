import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ACTIVITY_TYPES, RISK_LEVELS, type ActivityType, type RiskLevel } from '../../definitions/definition.types';

export const CASE_STATUSES = ['open', 'closed'] as const;
export const MAX_PAGE_SIZE = 100;
/** Far past any real list; the bound keeps (page - 1) * pageSize a valid SQL OFFSET (1e20 was a 500). */
export const MAX_PAGE = 1_000_000;

/** GET /evaluations query. Query strings are text, hence @Type(() => Number) on the numbers. */
export class ListEvaluationsQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IsOptional()
  @IsIn(ACTIVITY_TYPES)
  type?: ActivityType;

  // Free text on purpose: state names come from the workflow files, which an operator may change.
  @ApiPropertyOptional({ maxLength: 40, example: 'countersign', description: 'Workflow state name' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  state?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: (typeof CASE_STATUSES)[number];

  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  level?: RiskLevel;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;
}
