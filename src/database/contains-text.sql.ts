/**
 * An SQL condition: any of `columns` contains the text bound as `:param`, literally (`%` and `_` in the
 * search are plain characters) and without regard to ASCII case, the same on SQLite and PostgreSQL. The
 * caller binds the raw search text; the pattern is built in SQL, so nothing is spliced into the statement.
 */
export function containsText(columns: readonly string[], param: string): string {
  const pattern = `'%' || REPLACE(REPLACE(REPLACE(LOWER(:${param}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
  return `(${columns.map((c) => `LOWER(${c}) LIKE ${pattern} ESCAPE '\\'`).join(' OR ')})`;
}
