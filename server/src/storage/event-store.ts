import type postgres from 'postgres';
import type { Sql } from './database.js';
import { projectEvent } from './projections.js';

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

/**
 * Writes events and their projections in one transaction. Callers batch across rooms (see
 * {@link GroupCommitWriter}); events of one room must come in seq order.
 */
export async function appendEvents(sql: Sql, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql.begin((tx) => {
    const rows = events.map((event) => ({
      room_id: event.roomId,
      seq: event.seq,
      type: event.type,
      payload: tx.json(event.payload as postgres.JSONValue),
      created_at: new Date(event.at),
    }));
    const lastSeqByRoom = new Map<string, number>();
    for (const event of events) lastSeqByRoom.set(event.roomId, event.seq);
    return [
      tx`insert into room_events ${tx(rows, 'room_id', 'seq', 'type', 'payload', 'created_at')}`,
      ...events.flatMap((event) => projectEvent(tx, event)),
      ...[...lastSeqByRoom].map(
        ([roomId, seq]) => tx`update rooms set seq = ${seq}, updated_at = now() where id = ${roomId}`,
      ),
    ];
  });
}
