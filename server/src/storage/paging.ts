import type { Queryable } from './database.js';

/** Tables listed newest first in pages keyed by the last row seen. */
type PagedTable = 'rooms' | 'webhook_deliveries';

/**
 * The condition of the page after the row `after` of a listing ordered by
 * {@link newestFirst}: keyed by (created_at, id) of that row, not by offset, so rows inserted
 * while a client pages never shift or repeat entries. Compared in SQL: a JS Date would drop the
 * microseconds and skip rows made in the same millisecond. Empty for the first page.
 *
 * @example
 * ```ts
 * sql`select … from rooms r where … ${pageAfter(sql, 'rooms', 'r', after)} ${newestFirst(sql, 'r')} limit ${limit}`;
 * ```
 */
export function pageAfter(sql: Queryable, table: PagedTable, alias: string, after: string | null) {
  if (after === null) return sql``;
  return sql`and (${sql(alias)}.created_at, ${sql(alias)}.id)
    < (select a.created_at, a.id from ${sql(table)} a where a.id = ${after})`;
}

/** The order of a paged listing: newest first, ties by id. */
export function newestFirst(sql: Queryable, alias: string) {
  return sql`order by ${sql(alias)}.created_at desc, ${sql(alias)}.id desc`;
}
