import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/page.query';

/** GET /assessments query: the caller's own assessments, newest first, a page at a time. */
export class ListAssessmentsQuery extends PageQuery {
  // Types are data (the definition folders): any name is a valid filter, an unknown one matches nothing.
  @ApiPropertyOptional({ maxLength: 40, description: 'Activity type' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  type?: string;
}
