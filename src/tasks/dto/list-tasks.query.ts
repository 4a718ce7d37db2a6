import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ListTasksQuery {
  @ApiPropertyOptional({ enum: ['open', 'done'], default: 'open' })
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
}
