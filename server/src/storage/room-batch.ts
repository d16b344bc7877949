import postgres from 'postgres';
import type { Mode } from './accounts.js';
import type { Queryable, Sql } from './database.js';
import type { StoredEvent } from './event-store.js';
import { projectEvents } from './projections.js';

/** One room's share of a commit: its events, which must directly follow `baseSeq`. */
export interface RoomBatch {
  readonly roomId: string;
  /** The seq the writer believes the room is at; the events are `baseSeq + 1 …`. */
  readonly baseSeq: number;
  readonly events: readonly StoredEvent[];
}

/** What became of a room's batch: stored, or refused because the room moved on meanwhile. */
export type RoomBatchResult = { readonly ok: true } | { readonly ok: false; readonly storedSeq: number };

/**
 * Commits the batches of many rooms in one transaction. Each room's row is locked, and its batch
 * is written only if the stored seq is still the batch's `baseSeq`: when another node appended
 * to the room first, that room's batch is left out and reported with the stored seq, so its
 * writer can catch up and decide again. Rows are locked in id order, so two writers never
 * deadlock. The whole transaction fails only when the database does.
 */
export async function commitRoomBatches(
  sql: Sql,
  batches: readonly RoomBatch[],
): Promise<Map<string, RoomBatchResult>> {
  if (batches.length === 0) return new Map();
  if (batches.every(onlyCastVotes)) return commitVoteBatches(sql, batches);
  const results = new Map<string, RoomBatchResult>();
  const roomIds = [...new Set(batches.map((batch) => batch.roomId))].sort();
  // Two round trips, where sql.begin takes four: BEGIN goes out with the lock, COMMIT with the
  // writes (postgres.js pipelines the queries of one connection in the order they are executed).
  // At light load a commit is mostly waiting for PostgreSQL, and every round trip is two
  // context switches on a busy machine.
  const connection = await sql.reserve();
  try {
    const [, rows] = await Promise.all([
      connection`begin`.execute(),
      connection<{ id: string; seq: string }[]>`
        select id, seq from rooms where id = any(${roomIds}::text[]) order by id for update`.execute(),
    ]);
    const stored = new Map(rows.map((row) => [row.id, Number(row.seq)]));
    const accepted = batches.filter((batch) => {
      const result = resultOf(batch, stored);
      results.set(batch.roomId, result);
      return result.ok;
    });
    const writes = writeBatches(connection, accepted).map((query) => query.execute());
    // A failed write aborts the transaction, and COMMIT then ends it as a rollback without an
    // error of its own: the write's error is the one to pass on.
    const committed = connection`commit`.execute();
    const written = await Promise.allSettled(writes);
    await committed;
    const failed = written.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  } catch (error) {
    // Never hand a connection back inside a transaction (a no-op, with a notice, when none is
    // open). A connection that failed rather than answered holds none: PostgreSQL rolled it back.
    if (error instanceof postgres.PostgresError) await connection`rollback`.catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
  return results;
}

/**
 * Whether a batch can take the votes-only statement: cast votes of one round, each payload exactly
 * a participant and a card (the statement rebuilds the payload from those two).
 */
function onlyCastVotes(batch: RoomBatch): boolean {
  const roundId = batch.events[0]?.roundId;
  return (
    batch.events.length > 0 &&
    batch.events.every(
      (event) => event.type === 'vote.cast' && event.roundId === roundId && isVotePayload(event.payload),
    )
  );
}

function isVotePayload(payload: Record<string, unknown>): boolean {
  let keys = 0;
  for (const key in payload) if (Object.hasOwn(payload, key)) keys++;
  return keys === 2 && typeof payload.participantId === 'string' && typeof payload.card === 'string';
}

/**
 * The commit of batches that carry only cast votes, the bulk of a round: one statement, which is
 * one implicit transaction, with the same rules as the general path above (migration
 * `006_cast_votes.sql` holds the function and says why). Each batch goes with its round once and
 * its votes as `[seq, participantId, card, at]`: a quarter of the bytes of the events whole.
 */
async function commitVoteBatches(
  sql: Sql,
  batches: readonly RoomBatch[],
): Promise<Map<string, RoomBatchResult>> {
  const compact = batches.map((batch) => ({
    roomId: batch.roomId,
    baseSeq: batch.baseSeq,
    lastSeq: lastSeqOf(batch),
    roundId: batch.events[0]?.roundId ?? null,
    votes: batch.events.map((event) => [
      event.seq,
      event.payload.participantId,
      event.payload.card,
      event.at,
    ]),
  }));
  const rows = await sql<{ lockedId: string; lockedSeq: string }[]>`
    select locked_id, locked_seq from commit_cast_votes(${JSON.stringify(compact)}::text::jsonb)`;
  const stored = new Map(rows.map((row) => [row.lockedId, Number(row.lockedSeq)]));
  return new Map(batches.map((batch) => [batch.roomId, resultOf(batch, stored)]));
}

/** A batch is stored only on the seq it builds on; a room without a row counts as at -1. */
function resultOf(batch: RoomBatch, storedSeqs: ReadonlyMap<string, number>): RoomBatchResult {
  const seq = storedSeqs.get(batch.roomId) ?? -1;
  return seq === batch.baseSeq ? { ok: true } : { ok: false, storedSeq: seq };
}

const lastSeqOf = (batch: RoomBatch): number => batch.events[batch.events.length - 1]?.seq ?? batch.baseSeq;

/**
 * Stores a new room in one transaction: its row and its first events (with their projections), so
 * a room never exists without the events that describe it, nor the reverse.
 */
export async function storeNewRoom(
  sql: Sql,
  room: { readonly id: string; readonly accountId: string; readonly mode: Mode; readonly name: string },
  events: readonly StoredEvent[],
): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`insert into rooms (id, account_id, mode, name)
      values (${room.id}, ${room.accountId}, ${room.mode}, ${room.name})`;
    await Promise.all(writeBatches(tx, [{ roomId: room.id, baseSeq: 0, events }]));
  });
}

/** The statements that append accepted batches to the log, project them, and move the rooms' seq. */
function writeBatches(
  tx: Queryable,
  accepted: readonly RoomBatch[],
): postgres.PendingQuery<postgres.Row[]>[] {
  const events = accepted.flatMap((batch) => batch.events);
  if (events.length === 0) return [];
  // The whole batch is one JSON parameter that PostgreSQL unpacks with jsonb_to_recordset: one
  // native JSON.stringify instead of an escaped text array per column (and the statement text is
  // the same whatever the batch size, so it is prepared once per connection).
  return [
    tx`insert into room_events (room_id, seq, type, payload, created_at)
       select e."roomId", e.seq, e.type, e.payload, to_timestamp(e.at / 1000)
       from jsonb_to_recordset(${JSON.stringify(events)}::text::jsonb)
         as e("roomId" text, seq int8, type text, payload jsonb, at float8)`,
    ...projectEvents(tx, events),
    tx`update rooms set seq = u.seq, updated_at = now()
       from unnest(${accepted.map((batch) => batch.roomId)}::text[],
         ${accepted.map(lastSeqOf)}::int8[]) as u(id, seq)
       where rooms.id = u.id`,
  ];
}
