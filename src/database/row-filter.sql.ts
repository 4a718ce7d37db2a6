import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { RowFilter } from '../auth/policy';

/** How a repository reads one field of a policy filter: an SQL condition on `:param` (the field's value). */
export type FieldSql<F extends string> = Record<F, (param: string) => string>;

/**
 * Adds the policy's row filter to a query as `AND (c1 OR c2 ...)`; an empty filter matches no row. The
 * policy decides which rows; this only writes its answer in SQL, with every value a bound parameter.
 */
export function whereVisible<T extends ObjectLiteral, F extends string>(
  q: SelectQueryBuilder<T>,
  filter: RowFilter<F>,
  columns: FieldSql<F>,
): SelectQueryBuilder<T> {
  if (filter.all) return q;
  if (filter.anyOf.length === 0) return q.andWhere('1 = 0');
  return q.andWhere(
    new Brackets((b) => {
      filter.anyOf.forEach(({ field, equals }, i) => {
        const param = `visible${i}`;
        b.orWhere(columns[field](`:${param}`), { [param]: equals });
      });
    }),
  );
}
