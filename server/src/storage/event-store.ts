import type { Sql } from './database.js';

/** A room event as stored: the internal payload (votes keep their card), with its seq. */
export interface StoredEvent {
  readonly roomId: string;
  readonly seq: number;
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** When the event happened, in ms since the epoch. */
  readonly at: number;
  /** The room's open round when the event happened (vote events don't name it themselves). */
  readonly roundId: string | null;
}

/** Reads a room's events after `afterSeq`, in order. */
export async function loadEvents(
  sql: Sql,
  roomId: string,
  afterSeq = 0,
  limit = 1_000_000,
): Promise<StoredEvent[]> {
  const rows = await sql<{ seq: string; type: string; payload: Record<string, unknown>; at: Date }[]>`
    select seq, type, payload, created_at as at from room_events
    where room_id = ${roomId} and seq > ${afterSeq}
    order by seq limit ${limit}`;
  return rows.map((row) => ({
    roomId,
    seq: Number(row.seq),
    type: row.type,
    payload: row.payload,
    at: row.at.getTime(),
    roundId: null,
  }));
}
