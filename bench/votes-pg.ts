/**
 * PostgreSQL alone, as the limit of the durable-votes benchmark (a child of `votes.ts`, driven
 * over IPC like `votes-load.ts`): no server, no sockets — the same voters, rooms and concurrency,
 * and for each vote only what it costs in storage, done by the server's own storage code:
 *
 * - a room commits one batch at a time, holding every vote that arrived meanwhile (as
 *   `RoomHost` does);
 * - the batches of all rooms go through `GroupCommitWriter` into `commitRoomBatches`: one
 *   transaction that locks the rooms' rows, inserts the `room_events` rows, upserts one `votes`
 *   row per vote (`projections.ts`) and updates `rooms.seq`.
 *
 * A vote is "acked" when its transaction committed.
 */
import { connectPostgres } from '../server/src/storage/database.js';
import type { StoredEvent } from '../server/src/storage/event-store.js';
import { GroupCommitWriter, POSTGRES_COMMITS_IN_FLIGHT } from '../server/src/storage/group-commit.js';
import { migrate } from '../server/src/storage/migrate.js';
import { type FromLoad, type PhaseResult, type ToLoad, VoterDriver } from './votes-shared.js';

const send = (message: FromLoad) => process.send?.(message);
const driver = new VoterDriver();
const DATABASE_URL = process.env.VOTES_PG_URL ?? '';
const ROOMS = Number(process.env.VOTES_PG_ROOMS ?? 0);
const ROOM_SIZE = Number(process.env.VOTES_PG_ROOM_SIZE ?? 10);
const ROUND = 'round_bench';

const sql = connectPostgres(DATABASE_URL, { max: 10, connect_timeout: 10, idle_timeout: 0 });
const writer = new GroupCommitWriter(sql, undefined, POSTGRES_COMMITS_IN_FLIGHT);

interface Pending {
  readonly voter: number;
  readonly participantId: string;
  readonly card: string;
  readonly sentAt: number;
}

/** What `RoomHost` does for storage: one batch in flight per room, every queued vote in it. */
class Room {
  seq = 0;
  #queued: Pending[] = [];
  #busy = false;

  constructor(readonly id: string) {}

  submit(pending: Pending): void {
    this.#queued.push(pending);
    if (!this.#busy) void this.#commit();
  }

  async #commit(): Promise<void> {
    this.#busy = true;
    while (this.#queued.length > 0) {
      const batch = this.#queued;
      this.#queued = [];
      const at = Date.now();
      const events: StoredEvent[] = batch.map((vote, i) => ({
        roomId: this.id,
        seq: this.seq + 1 + i,
        type: 'vote.cast',
        payload: { participantId: vote.participantId, card: vote.card },
        at,
        roundId: ROUND,
      }));
      let code: string | null = null;
      try {
        const result = await writer.commit({ roomId: this.id, baseSeq: this.seq, events });
        if (result.ok) this.seq += events.length;
        else code = 'conflict';
      } catch {
        code = 'storage_unavailable';
      }
      for (const vote of batch) driver.answered(vote.voter, vote.sentAt, code);
    }
    this.#busy = false;
  }
}

async function setUp(): Promise<void> {
  await migrate(sql);
  const account = `acct_votes_${Date.now().toString(36)}`;
  await sql`insert into accounts (id, name) values (${account}, 'votes benchmark')`;
  const rooms = Array.from(
    { length: ROOMS },
    (_, i) => new Room(`room_votes_${i.toString().padStart(5, '0')}`),
  );
  await sql`insert into rooms ${sql(rooms.map((room) => ({ id: room.id, accountId: account, mode: 'test', name: room.id })))}`;
  for (const room of rooms) {
    for (let p = 0; p < ROOM_SIZE; p++) {
      const participantId = `p_${p}`;
      const index = driver.add({
        open: true,
        send(card, sentAt) {
          room.submit({ voter: index, participantId, card, sentAt });
          return true;
        },
      });
    }
  }
  send({ type: 'connected', open: driver.size, failed: {} });
}

const snapshot = (): Omit<PhaseResult, 'hist' | 'acked' | 'sent' | 'errors' | 'unanswered'> => ({
  deliveries: 0,
  otherFrames: 0,
  closes: {},
  connections: driver.size,
  open: driver.size,
});

process.on('message', (message: ToLoad) => {
  if (message.type === 'connect') {
    setUp().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  } else if (message.type === 'start-round') send({ type: 'round-started', ok: ROOMS, errors: {} });
  else if (message.type === 'phase') {
    void driver
      .run(message.plan, message.totalRate, snapshot)
      .then((result) => send({ type: 'phase-result', result }));
  } else if (message.type === 'exit') {
    void writer
      .flush()
      .then(() => sql.end({ timeout: 5 }))
      .finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(3), 10 * 60_000).unref();
