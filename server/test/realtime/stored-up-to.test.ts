import { describe, expect, it } from 'vitest';
import { RoomHost, type RoomHostDeps } from '../../src/realtime/room-host.js';
import { createRoom } from '../../src/rooms/index.js';
import type { StoredEvent } from '../../src/storage/event-store.js';

/**
 * Two hosts of one room on two nodes, sharing a log: what one stores, the other can read. The
 * bus between them is left out: each test hands the second host what the bus would.
 */
function twoNodes() {
  const log: StoredEvent[] = [];
  const reads: number[] = [];
  const deps = (node: string): RoomHostDeps => ({
    // Only the writer stores: its batches always follow the log.
    commit: async (take) => {
      log.push(...take().events);
      return { ok: true };
    },
    loadEvents: async (_roomId, afterSeq) => {
      reads.push(afterSeq);
      return log.filter((event) => event.seq > afterSeq);
    },
    publish: () => {},
    announce: () => {},
    newId: (prefix) => `${prefix}_${node}_${log.length}`,
    now: () => 1_000,
    facilitatorGraceMs: 60_000,
    presenceGraceMs: 60_000,
    onEvicted: () => {},
    onError: () => {},
  });
  const room = createRoom({ id: 'room_shared', name: 'Shared' });
  const writer = new RoomHost(room.id, room, deps('a'));
  const reader = new RoomHost(room.id, room, deps('b'));
  return { log, reads, writer, reader };
}

describe('RoomHost: told only the seq another node stored up to', () => {
  it('reads what it lacks from the log, once, and holds the same room as the node that stored it', async () => {
    const { log, reads, writer, reader } = twoNodes();
    const join = await writer.submit({
      kind: 'join',
      participant: { id: 'p_1', name: 'Ada', role: 'voter' },
    });
    expect(join).toEqual({ ok: true });
    expect(log.length).toBeGreaterThan(0);

    reader.storedUpTo(writer.durable.seq);
    await reader.settle();

    expect(reads).toEqual([0]);
    expect(reader.durable.seq).toBe(writer.durable.seq);
    expect(reader.durable.participants).toEqual(writer.durable.participants);
  });

  it('reads nothing when it already holds that seq', async () => {
    const { reads, writer, reader } = twoNodes();
    await writer.submit({ kind: 'join', participant: { id: 'p_1', name: 'Ada', role: 'voter' } });
    reader.storedUpTo(writer.durable.seq);
    await reader.settle();
    reads.length = 0;

    reader.storedUpTo(writer.durable.seq);
    reader.storedUpTo(writer.durable.seq - 1);
    reader.storedUpTo(0);
    await reader.settle();

    expect(reads).toEqual([]);
  });
});
