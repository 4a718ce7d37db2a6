import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ActivityTypeProperty } from './activity-type-property.decorator';
import { PagedSearchQuery } from '../../common/page.query';
import { RISK_LEVELS, type RiskLevel } from '../../definitions/definition.types';

export const CASE_STATUSES = ['open', 'closed'] as const;

/** GET /evaluations query: filters, a search, and the page. */
export class ListEvaluationsQuery extends PagedSearchQuery {
  @ActivityTypeProperty({ optional: true })
  type?: string;

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
}
