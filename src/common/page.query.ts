import { ApiPropertyOptional } from '@nestjs/swagger';
import { QueryInteger } from './query-integer.decorator';

export const MAX_PAGE_SIZE = 100;
/** Far past any real list; the bound keeps (page - 1) * pageSize a valid SQL OFFSET (1e20 was a 500). */
export const MAX_PAGE = 1_000_000;

/** The paging part of a list query. Query strings are text: QueryInteger reads plain decimal digits only. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @QueryInteger({ min: 1, max: MAX_PAGE })
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @QueryInteger({ min: 1, max: MAX_PAGE_SIZE })
  pageSize: number = 20;
}
