import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Plain SQL for the inserts every submission makes (case, decision, tasks, audit events), the reads every
 * request makes (its key, the case and its tasks) and the updates every task completion makes (the case
 * row, the task), instead of TypeORM's query builders, which rebuild and re-escape the statement and map
 * the result through its metadata on every call: under load that was a tenth of the service's time. The
 * SQL text is written once per entity, row count or filter, and dialect from the entity's column metadata,
 * then only bound.
 *
 * Only for entities whose columns are all plain varchar / text / integer / boolean values (checked when the
 * SQL is first written): the values are bound as they are, with nothing for TypeORM to convert but a
 * boolean on SQLite, which has none and stores 1 or 0 (as TypeORM does). An inserted string column may be
 * given as its UTF-8 bytes (`Inserted`), and is stored as text all the same.
 */
const STRING_TYPES = new Set(['varchar', 'character varying', 'text']);
const PLAIN_TYPES = new Set([...STRING_TYPES, 'integer', 'int', 'int4', 'boolean']); // int, int4: @VersionColumn() on PostgreSQL

interface Column {
  propertyName: string;
  databaseName: string;
  boolean: boolean;
  /** varchar or text: what `Inserted` lets a caller give as UTF-8 bytes. */
  string: boolean;
}

/**
 * A row to insert, whose string columns may hold the text's UTF-8 bytes instead of a string: a decision
 * made on the decision thread is bound as those bytes (audit-hash.ts, CanonicalJson), never made a
 * JavaScript string on the way. SQLite would store bytes as a BLOB, so its INSERTs read every string
 * column through CAST(? AS TEXT), which takes bytes as UTF-8 text and leaves a string or NULL as it is.
 * PostgreSQL's driver sends bytes in the binary format, which for a varchar or text column is the text's
 * bytes in the client encoding, UTF-8 (and checked as such).
 */
export type Inserted<T> = { [K in keyof T]: T[K] extends string ? T[K] | Uint8Array : T[K] };

interface EntityShape {
  columns: Column[];
  byProperty: Map<string, Column>;
  sql: Map<number, string>; // by row count
  /** SELECTs by the properties they filter on (joined by commas). */
  selects: Map<string, string>;
  /** UPDATEs by the properties they set, then those they filter on. */
  updates: Map<string, string>;
  target: new () => ObjectLiteral;
}

const shapes = new WeakMap<object, Map<string, EntityShape>>(); // by entity class, then dialect

function shapeOf(m: EntityManager, target: EntityTarget<ObjectLiteral>): EntityShape {
  const dialect = m.connection.options.type;
  const metadata = m.connection.getMetadata(target);
  let byDialect = shapes.get(metadata.target as object);
  if (!byDialect) shapes.set(metadata.target as object, (byDialect = new Map()));
  let shape = byDialect.get(dialect);
  if (!shape) {
    for (const column of metadata.columns) {
      const type = column.isVersion && column.type === Number ? 'integer' : String(column.type); // @VersionColumn()
      if (!PLAIN_TYPES.has(type) || column.transformer || column.isGenerated) {
        throw new Error(
          `hot-sql: ${metadata.tableName}.${column.databaseName} (${type}) is not a plain column`,
        );
      }
    }
    const columns = metadata.columns.map((c) => ({
      propertyName: c.propertyName,
      databaseName: c.databaseName,
      boolean: String(c.type) === 'boolean',
      string: STRING_TYPES.has(String(c.type)),
    }));
    shape = {
      columns,
      byProperty: new Map(columns.map((c) => [c.propertyName, c])),
      sql: new Map(),
      selects: new Map(),
      updates: new Map(),
      target: metadata.target as new () => ObjectLiteral,
    };
    byDialect.set(dialect, shape);
  }
  return shape;
}

/** The quoted column name of an entity's property. */
function columnOf(shape: EntityShape, property: string): string {
  const column = shape.byProperty.get(property);
  if (!column) throw new Error(`hot-sql: no column for ${property}`);
  return `"${column.databaseName}"`;
}

/** One INSERT of all `rows` (a multi-row VALUES list); nothing is read back. */
export function insertRows<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  rows: readonly Inserted<T>[],
): Promise<unknown> {
  if (rows.length === 0) return Promise.resolve();
  const shape = shapeOf(m, target);
  const postgres = m.connection.options.type === 'postgres';
  let sql = shape.sql.get(rows.length);
  if (!sql) {
    const width = shape.columns.length;
    const tuples = rows.map(
      (_, r) =>
        `(${shape.columns
          .map((column, c) => (postgres ? `$${r * width + c + 1}` : column.string ? 'CAST(? AS TEXT)' : '?'))
          .join(', ')})`,
    );
    const table = m.connection.getMetadata(target).tableName;
    sql = `INSERT INTO "${table}" (${shape.columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES ${tuples.join(', ')}`;
    shape.sql.set(rows.length, sql);
  }
  const params: unknown[] = [];
  for (const row of rows)
    for (const c of shape.columns) {
      const value: unknown = row[c.propertyName] ?? null;
      params.push(typeof value === 'boolean' && !postgres ? Number(value) : value);
    }
  return m.query(sql, params);
}

/**
 * The rows of `target` whose properties equal `where`'s values (an equality filter, AND-ed), as entities:
 * what `m.findBy(target, where)` gives, without ORDER BY as it has none, in one bound statement. Booleans
 * come back as booleans from SQLite's 1 or 0, as TypeORM gives them.
 */
export async function selectRows<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  where: Partial<Record<keyof T & string, string | number>>,
): Promise<T[]> {
  const shape = shapeOf(m, target);
  const postgres = m.connection.options.type === 'postgres';
  const filter = Object.keys(where);
  const key = filter.join(',');
  let sql = shape.selects.get(key);
  if (!sql) {
    const conditions = filter.map(
      (property, i) => `${columnOf(shape, property)} = ${postgres ? `$${i + 1}` : '?'}`,
    );
    const table = m.connection.getMetadata(target).tableName;
    sql = `SELECT ${shape.columns.map((c) => `"${c.databaseName}"`).join(', ')} FROM "${table}" WHERE ${conditions.join(' AND ')}`;
    shape.selects.set(key, sql);
  }
  const raw: Record<string, unknown>[] = await m.query(
    sql,
    filter.map((property) => where[property as keyof T & string]),
  );
  return raw.map((row) => toEntity<T>(shape, (c) => row[c.databaseName]));
}

/** An entity from a row's values, booleans as booleans (SQLite hands back 1 or 0, as TypeORM gives them). */
function toEntity<T>(shape: EntityShape, valueOf: (column: Column, index: number) => unknown): T {
  const entity = new shape.target() as Record<string, unknown>;
  shape.columns.forEach((c, i) => {
    const value = valueOf(c, i);
    entity[c.propertyName] = c.boolean && typeof value === 'number' ? value !== 0 : value;
  });
  return entity as T;
}

/** The SELECTs of selectWithChildren, by parent, child, foreign key, latest value and dialect. */
const withChildrenSql = new Map<string, string>();
const CHILDREN = '__children';
const LATEST = '__latest';

/** A text column of the newest row (by `order`) of a table whose `foreignKey` holds a parent's id. */
export interface LatestOf<L extends ObjectLiteral> {
  target: EntityTarget<L>;
  foreignKey: keyof L & string;
  order: keyof L & string;
  column: keyof L & string;
  /**
   * On SQLite, the text's UTF-8 bytes as stored (CAST AS BLOB) rather than a string: for a large text that
   * is only passed on (a decision spliced into an answer), never decoded into a JavaScript string (twice
   * its size in UTF-16 when it holds Chinese) only to be encoded again. PostgreSQL's driver would bring
   * bytes as hexadecimal text, a string twice as large: there the value stays text.
   */
  asBytes?: boolean;
}

/**
 * The row of `parent` with primary key `of.id` (or the parent of the child row with primary key
 * `of.childId`) and the rows of `child` whose `foreignKey` holds the parent's id, in one statement: the
 * children come as one JSON array of arrays beside the parent's columns (SQLite's json_group_array,
 * PostgreSQL's json_agg). A single statement is consistent by itself, so a read needs no transaction around
 * it: on SQLite one round trip where a read transaction and two SELECTs took four. The children's columns
 * are text, integer or boolean (as every hot-sql column), which JSON carries as they are.
 *
 * `latest`, when given, adds one value of another child table: its `column` in the row with the highest
 * `order` among those whose `foreignKey` holds the parent's id (null when there is none), read in the same
 * statement (an index seek when the foreign key and the order lead that table's primary key).
 */
export async function selectWithChildren<
  P extends ObjectLiteral,
  C extends ObjectLiteral,
  L extends ObjectLiteral = ObjectLiteral,
>(
  m: EntityManager,
  parent: EntityTarget<P>,
  of: { id: string } | { childId: string },
  child: EntityTarget<C>,
  foreignKey: keyof C & string,
  latest?: LatestOf<L>,
): Promise<{ row: P | undefined; children: C[]; latest: string | Uint8Array | null }> {
  const parentShape = shapeOf(m, parent);
  const childShape = shapeOf(m, child);
  const postgres = m.connection.options.type === 'postgres';
  const parentMeta = m.connection.getMetadata(parent);
  const childMeta = m.connection.getMetadata(child);
  const byChild = 'childId' in of;
  const param = 'childId' in of ? of.childId : of.id;
  const latestMeta = latest ? m.connection.getMetadata(latest.target) : null;
  const key = `${parentMeta.tableName}|${childMeta.tableName}|${foreignKey}|${byChild}|${postgres}|${
    latest
      ? `${latestMeta!.tableName}.${latest.foreignKey}.${latest.order}.${latest.column}.${latest.asBytes}`
      : ''
  }`;
  let sql = withChildrenSql.get(key);
  if (!sql) {
    const [primary] = parentMeta.primaryColumns;
    const [childPrimary] = childMeta.primaryColumns;
    const fk = columnOf(childShape, foreignKey);
    const place = postgres ? '$1' : '?';
    const parentId = byChild
      ? `(SELECT o.${fk} FROM "${childMeta.tableName}" o WHERE o."${childPrimary.databaseName}" = ${place})`
      : place;
    const values = childShape.columns.map((c) => `c."${c.databaseName}"`).join(', ');
    const children = postgres
      ? `COALESCE(json_agg(json_build_array(${values})), '[]'::json)::text`
      : `json_group_array(json_array(${values}))`;
    let newest = '';
    if (latest) {
      const shape = shapeOf(m, latest.target);
      const [lfk, order, column] = [latest.foreignKey, latest.order, latest.column].map((p) =>
        columnOf(shape, p),
      );
      const value = latest.asBytes && !postgres ? `CAST(l.${column} AS BLOB)` : `l.${column}`;
      newest =
        `, (SELECT ${value} FROM "${latestMeta!.tableName}" l WHERE l.${lfk} = p."${primary.databaseName}" ` +
        `ORDER BY l.${order} DESC LIMIT 1) AS "${LATEST}"`;
    }
    sql =
      `SELECT ${parentShape.columns.map((c) => `p."${c.databaseName}"`).join(', ')}, ` +
      `(SELECT ${children} FROM "${childMeta.tableName}" c WHERE c.${fk} = p."${primary.databaseName}") AS "${CHILDREN}"${newest} ` +
      `FROM "${parentMeta.tableName}" p WHERE p."${primary.databaseName}" = ${parentId}`;
    withChildrenSql.set(key, sql);
  }
  const [raw]: Record<string, unknown>[] = await m.query(sql, [param]);
  if (!raw) return { row: undefined, children: [], latest: null };
  const tuples = JSON.parse(raw[CHILDREN] as string) as unknown[][];
  return {
    row: toEntity<P>(parentShape, (c) => raw[c.databaseName]),
    children: tuples.map((tuple) => toEntity<C>(childShape, (_c, i) => tuple[i])),
    latest: (raw[LATEST] as string | Uint8Array | null | undefined) ?? null,
  };
}

/**
 * Sets `changes` on the rows of `target` whose properties equal `where`'s values (AND-ed): what
 * `m.update(target, where, changes)` does, in one bound statement. Every column to change is named, the
 * version too (nothing is added to the SET list). Resolves to the number of rows changed.
 */
export async function updateRows<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  where: Partial<Record<keyof T & string, string | number>>,
  changes: Partial<T>,
): Promise<number> {
  const shape = shapeOf(m, target);
  const postgres = m.connection.options.type === 'postgres';
  const set = Object.keys(changes).filter((p) => changes[p as keyof T] !== undefined);
  const filter = Object.keys(where);
  const key = `${set.join(',')}|${filter.join(',')}`;
  let sql = shape.updates.get(key);
  if (!sql) {
    const place = (i: number) => (postgres ? `$${i + 1}` : '?');
    const table = m.connection.getMetadata(target).tableName;
    sql =
      `UPDATE "${table}" SET ${set.map((p, i) => `${columnOf(shape, p)} = ${place(i)}`).join(', ')} ` +
      `WHERE ${filter.map((p, i) => `${columnOf(shape, p)} = ${place(set.length + i)}`).join(' AND ')}`;
    shape.updates.set(key, sql);
  }
  const params: unknown[] = set.map((p) => {
    const value: unknown = changes[p as keyof T] ?? null;
    return typeof value === 'boolean' && !postgres ? Number(value) : value;
  });
  for (const p of filter) params.push(where[p as keyof T & string]);
  // The query runner's structured result is the one that carries the count on both databases.
  if (!m.queryRunner) throw new Error('hot-sql: updateRows runs inside a transaction');
  const result = await m.queryRunner.query(sql, params, true);
  return result.affected ?? 0;
}

/**
 * The statements of one transaction that do not depend on each other's results. `settle` (inside
 * `together`) fails with the first error in the order they were added, but only once every started one
 * has settled: a statement still running when the caller rolls back could otherwise run after the
 * ROLLBACK, outside the transaction.
 *
 * On SQLite they start at once. Each statement is a round trip through the driver's thread pool and back
 * to the event loop, which under load waits behind other requests' work while the writer's lock is held;
 * started together they make those trips side by side. There are no foreign keys, and the writer's lock
 * keeps every other transaction out, so their order within the transaction does not matter.
 *
 * On PostgreSQL they run one after another, in the order they were added, each once the one before
 * succeeded, exactly as when each was awaited in turn: concurrent transactions must take their row locks
 * in one order (case row, tasks, audit head last), or two of them could deadlock.
 */
export class Statements {
  private readonly started: Promise<unknown>[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly sequential: boolean) {}

  /**
   * Runs `body`, which adds statements, then waits for all of them. If `body` throws, the statements it
   * started are still waited for before the error goes on to roll the transaction back.
   */
  static async together<T>(m: EntityManager, body: (statements: Statements) => Promise<T>): Promise<T> {
    const statements = new Statements(m.connection.options.type !== 'sqlite');
    let result: T;
    try {
      result = await body(statements);
    } catch (error) {
      await Promise.allSettled(statements.started);
      throw error;
    }
    await statements.settle();
    return result;
  }

  /** Starts `statement` now (SQLite) or once the statements added before it succeeded (PostgreSQL). */
  add<T>(statement: () => Promise<T>): void {
    const started = this.sequential ? this.chain.then(statement) : statement();
    if (this.sequential) this.chain = started;
    started.catch(() => undefined); // reported by settle(), not as an unhandled rejection meanwhile
    this.started.push(started);
  }

  private async settle(): Promise<void> {
    const results = await Promise.allSettled(this.started);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
