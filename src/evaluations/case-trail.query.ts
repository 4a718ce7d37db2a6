import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** GET /evaluations/:id/trail: `include=access` adds who read or replayed the case. */
export class CaseTrailQuery {
  @ApiPropertyOptional({ enum: ['access'] })
  @IsOptional()
  @IsIn(['access'])
  include?: 'access';
}
