import { describe, expect, it } from 'vitest';
import { type CommandOutcome, RoomHost, type RoomHostDeps } from '../../src/realtime/room-host.js';
import { createRoom } from '../../src/rooms/index.js';
import type { StoredEvent } from '../../src/storage/event-store.js';
import type { RoomBatch, RoomBatchResult } from '../../src/storage/room-batch.js';

/**
 * A room host whose writer keeps each commit's `take` until the test starts its transaction, as
 * `GroupCommitWriter` does while a room waits for a free connection.
 */
function hostWithQueuedCommits() {
  const waiting: {
    take: () => RoomBatch;
    answer: (result: RoomBatchResult) => void;
    fail: (error: unknown) => void;
  }[] = [];
  const announced: StoredEvent[][] = [];
  const deps: RoomHostDeps = {
    commit: (take) => new Promise((answer, fail) => waiting.push({ take, answer, fail })),
    loadEvents: async () => [],
    publish: () => {},
    announce: (_roomId, events) => announced.push([...events]),
    newId: (prefix) => `${prefix}_${announced.length}`,
    now: () => 1_000,
    facilitatorGraceMs: 60_000,
    presenceGraceMs: 60_000,
    onEvicted: () => {},
    onError: () => {},
  };
  const host = new RoomHost('room_late', createRoom({ id: 'room_late', name: 'Late' }), deps);
  /** Starts the oldest waiting commit's transaction and stores it. */
  const store = async (): Promise<RoomBatch> => {
    await expect.poll(() => waiting.length).toBe(1);
    const commit = waiting.shift();
    const batch = commit?.take() as RoomBatch;
    commit?.answer({ ok: true });
    return batch;
  };
  return { host, waiting, announced, store };
}

const vote = (actorId: string, card: string) =>
  ({ kind: 'client', actorId, command: { t: 'vote.cast', d: { card } } }) as const;

async function joined(ids: string[]) {
  const queued = hostWithQueuedCommits();
  const joins = ids.map((id) =>
    queued.host.submit({ kind: 'join', participant: { id, name: id, role: 'voter' } }),
  );
  // The first join's commit waits for its transaction; the others join its batch.
  await queued.store();
  expect(await Promise.all(joins)).toEqual(ids.map(() => ({ ok: true })));
  await queued.host.settle();
  queued.announced.length = 0;
  return queued;
}

describe('RoomHost: a batch taken when its transaction starts', () => {
  it('stores the commands that arrive while the room waits for a transaction with the ones before them, numbered in order', async () => {
    const { host, waiting, announced, store } = await joined(['a', 'b', 'c']);
    const outcomes: string[] = [];
    const settle = (id: string) => (outcome: CommandOutcome) => outcomes.push(`${id} ${outcome.ok}`);
    host.submitThen(vote('a', '3'), settle('a'));
    await expect.poll(() => waiting.length).toBe(1);
    // The room waits for a transaction; two more votes arrive meanwhile.
    host.submitThen(vote('b', '5'), settle('b'));
    host.submitThen(vote('c', '8'), settle('c'));
    const batch = await store();
    expect(batch.events.map((event) => [event.seq, event.payload])).toEqual([
      [batch.baseSeq + 1, { participantId: 'a', card: '3' }],
      [batch.baseSeq + 2, { participantId: 'b', card: '5' }],
      [batch.baseSeq + 3, { participantId: 'c', card: '8' }],
    ]);
    await expect.poll(() => outcomes).toEqual(['a true', 'b true', 'c true']);
    expect(announced).toEqual([batch.events]);
    expect(host.durable.seq).toBe(batch.baseSeq + 3);
    // One transaction for the three: nothing more waits.
    await host.settle();
    expect(waiting).toHaveLength(0);
  });

  it('refuses every command it holds when storage fails before the batch was taken, and stores the next ones', async () => {
    const { host, waiting, store } = await joined(['a', 'b']);
    const seq = host.durable.seq;
    const first = host.submit(vote('a', '3'));
    await expect.poll(() => waiting.length).toBe(1);
    const second = host.submit(vote('b', '5'));
    // The database went away before this room's turn: its batch was never made.
    waiting.shift()?.fail(new Error('connection refused'));
    for (const outcome of await Promise.all([first, second]))
      expect(outcome).toMatchObject({ ok: false, code: 'storage_unavailable' });
    expect(host.durable.seq).toBe(seq);
    const again = host.submit(vote('a', '2'));
    const batch = await store();
    expect(batch.baseSeq).toBe(seq);
    expect(batch.events.map((event) => event.payload)).toEqual([{ participantId: 'a', card: '2' }]);
    expect(await again).toEqual({ ok: true });
  });
});
