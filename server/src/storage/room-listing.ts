import type { Deck, RoomSettings } from '@pokerroom/protocol';
import type { Owner } from './accounts.js';
import type { Queryable, Sql } from './database.js';
import { newestFirst, pageAfter } from './paging.js';

/** A room as its row and last `room.updated` event describe it: what lists show without loading the room. */
export interface RoomRow {
  readonly id: string;
  readonly name: string;
  readonly deck: Deck | null;
  readonly settings: RoomSettings | null;
  readonly createdAt: Date;
  readonly closedAt: Date | null;
}

interface Row {
  id: string;
  name: string;
  config: { deck?: Deck; settings?: RoomSettings } | null;
  createdAt: Date;
  closedAt: Date | null;
}

const toRoomRow = (row: Row): RoomRow => ({
  id: row.id,
  name: row.name,
  deck: row.config?.deck ?? null,
  settings: row.config?.settings ?? null,
  createdAt: row.createdAt,
  closedAt: row.closedAt,
});

/**
 * A room of this account and mode, or `null`: another account's room, or one of the other mode,
 * is reported exactly like a missing one.
 */
export async function findOwnedRoom(sql: Sql, owner: Owner, roomId: string): Promise<RoomRow | null> {
  const [row] = await sql<Row[]>`
    select r.id, r.name, r.created_at, r.closed_at, ${lastConfig(sql)} as config
    from rooms r where r.id = ${roomId} and r.account_id = ${owner.accountId} and r.mode = ${owner.mode}`;
  return row === undefined ? null : toRoomRow(row);
}

/** The filters and page of a room listing. */
export interface RoomListQuery {
  readonly limit: number;
  /** The id of the last room of the previous page. */
  readonly after: string | null;
  readonly closed: boolean | null;
}

/**
 * One page of an account's rooms of one mode, newest first, after the room `after` (see {@link pageAfter}).
 * Returns `null` when `after` is not a room of this account.
 */
export async function listRooms(sql: Sql, owner: Owner, query: RoomListQuery): Promise<RoomRow[] | null> {
  if (query.after !== null) {
    const [row] = await sql`select 1 from rooms
      where id = ${query.after} and account_id = ${owner.accountId} and mode = ${owner.mode}`;
    if (row === undefined) return null;
  }
  const rows = await sql<Row[]>`
    select r.id, r.name, r.created_at, r.closed_at, ${lastConfig(sql)} as config
    from rooms r
    where r.account_id = ${owner.accountId} and r.mode = ${owner.mode}
      ${query.closed === null ? sql`` : sql`and (r.closed_at is not null) = ${query.closed}`}
      ${pageAfter(sql, 'rooms', 'r', query.after)}
    ${newestFirst(sql, 'r')}
    limit ${query.limit}`;
  return rows.map(toRoomRow);
}

/**
 * The payload of room `r`'s last `room.updated` event (its deck and settings now), as a subquery.
 * The type is written into the statement, not passed as a parameter: the partial index
 * `room_events_room_updated` (migration 007) serves only a query whose condition matches its own.
 */
export function lastConfig(sql: Queryable) {
  return sql`(select e.payload from room_events e where e.room_id = r.id and e.type = 'room.updated'
    order by e.seq desc limit 1)`;
}

/** A room's mode, or `null` when there is no such room. A room's mode never changes. */
export async function findRoomMode(sql: Sql, roomId: string): Promise<Owner['mode'] | null> {
  const [row] = await sql<{ mode: Owner['mode'] }[]>`select mode from rooms where id = ${roomId}`;
  return row?.mode ?? null;
}

/** Whether a room exists (closed or not). */
export async function roomExists(sql: Sql, roomId: string): Promise<boolean> {
  const rows = await sql`select 1 from rooms where id = ${roomId}`;
  return rows.length > 0;
}

/** The stored seq of each of these rooms that exists: what a node compares its rooms in memory with. */
export async function storedSeqs(sql: Sql, roomIds: readonly string[]): Promise<Map<string, number>> {
  if (roomIds.length === 0) return new Map();
  const rows = await sql<{ id: string; seq: string }[]>`
    select id, seq from rooms where id = any(${[...roomIds]}::text[])`;
  return new Map(rows.map((row) => [row.id, Number(row.seq)]));
}
