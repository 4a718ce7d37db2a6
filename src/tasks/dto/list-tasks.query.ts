import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PagedSearchQuery } from '../../common/page.query';
import { RISK_LEVELS, type RiskLevel } from '../../definitions/definition.types';
import { ActivityTypeProperty } from '../../evaluations/dto/activity-type-property.decorator';

/** GET /tasks query: the inbox (待办) or the done tasks (已办), filtered and searched, a page at a time. */
export class ListTasksQuery extends PagedSearchQuery {
  @ApiPropertyOptional({
    enum: ['open', 'done'],
    default: 'open',
    description: 'open: 待办, still to do; done: 已办, completed or cancelled',
  })
  @IsOptional()
  @IsIn(['open', 'done'])
  status?: 'open' | 'done';

  // Text, not a transformed boolean: a query string is text, and "yes" or "1" must be refused, not guessed.
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only open tasks past their due time; false: only the others',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  // Free text on purpose: stage names come from the workflow files, which an operator may change.
  @ApiPropertyOptional({ maxLength: 40, example: 'countersign', description: 'Workflow stage of the task' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  stage?: string;

  @ActivityTypeProperty({ optional: true }) // the case's; an undefined type is a 400 naming `type`
  type?: string;

  @ApiPropertyOptional({ enum: RISK_LEVELS, description: "The case's risk level" })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  level?: RiskLevel;
}
