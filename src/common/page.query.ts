import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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

/** One page of a list: the items, where the page is, and how many items all pages hold. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** A paged list that also searches case titles and applicant names (`q=`, literal text, any case). */
export class PagedSearchQuery extends PageQuery {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 100,
    description: "Text in the case's title or applicant's name (literal, ASCII case ignored)",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}
