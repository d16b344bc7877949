import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Packr } from 'msgpackr';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ownEnvelopePrefix, RedisBus } from '../../src/bus/redis-bus.js';
import type { StoredEvent } from '../../src/storage/event-store.js';

// The bus between nodes over the machine's Redis: what reaches a node, and what it drops unread.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const packr = new Packr({ useRecords: false, variableMapSize: true });
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});

/** A bus whose warnings are kept, to tell a message dropped unread from one that failed to decode. */
async function busOf(nodeId: string) {
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
  const bus = new RedisBus(REDIS_URL, nodeId, log);
  closers.push(() => bus.close());
  await bus.ready();
  return { bus, warnings };
}

async function rawPublisher() {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  closers.push(() => redis.quit());
  return redis;
}

const event = (roomId: string, seq: number): StoredEvent => ({
  roomId,
  seq,
  type: 'vote.cast',
  payload: { participantId: 'p_1', card: '5' },
  at: 1_700_000_000_000 + seq,
  roundId: 'round_1',
});

/** The events the handler received, and a way to wait until a given seq has arrived. */
function recorder() {
  const received: StoredEvent[] = [];
  const waiters: { seq: number; resolve: () => void }[] = [];
  return {
    received,
    onEvents(events: readonly StoredEvent[]) {
      received.push(...events);
      for (const waiter of [...waiters])
        if (received.some((e) => e.seq === waiter.seq)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
    },
    until(seq: number) {
      if (received.some((e) => e.seq === seq)) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ seq, resolve }));
    },
  };
}

describe('the Redis bus', () => {
  it("passes on another node's events and drops this node's own, unread, in channel order", async () => {
    const roomId = `room_${randomUUID()}`;
    const a = await busOf('node-1');
    const b = await busOf('node-12'); // its id starts with a's: only the whole id may match
    const seen = recorder();
    await a.bus.subscribe(roomId, seen.onEvents, () => {});
    const redis = await rawPublisher();
    const channel = `pokerroom:room:${roomId}`;

    a.bus.announce(roomId, [event(roomId, 1)]);
    // a's own prefix followed by bytes that are no MessagePack: decoded, it would log a warning.
    const ownPrefix = ownEnvelopePrefix('node-1');
    expect(ownPrefix).not.toBeNull();
    await redis.publish(channel, Buffer.concat([ownPrefix as Buffer, Buffer.from([0xc1, 0xc1, 0xc1])]));
    b.bus.announce(roomId, [event(roomId, 2)]);
    await seen.until(2);

    // Redis keeps a channel's order: by the time b's event arrived, a's two had been dropped.
    expect(seen.received.map((e) => e.seq)).toEqual([2]);
    expect(seen.received[0]).toEqual(event(roomId, 2));
    expect(a.warnings).toEqual([]);
  });

  it('still decodes, and reports, what is not its own', async () => {
    const roomId = `room_${randomUUID()}`;
    const a = await busOf('node-a');
    const seen = recorder();
    await a.bus.subscribe(roomId, seen.onEvents, () => {});
    const redis = await rawPublisher();
    const channel = `pokerroom:room:${roomId}`;

    await redis.publish(channel, Buffer.from([0xc1, 0xc1]));
    // An envelope packed as a node of the previous release packs it, from another node.
    await redis.publish(channel, packr.pack({ node: 'node-b', events: [event(roomId, 7)] }));
    await seen.until(7);

    expect(seen.received.map((e) => e.seq)).toEqual([7]);
    expect(a.warnings).toEqual(['undecodable bus message']);
  });

  it('keeps quiet while nobody else listens, and tells a node that begins to listen where it stands', async () => {
    const roomId = `room_${randomUUID()}`;
    const a = await busOf('node-a');
    const b = await busOf('node-b');
    await a.bus.subscribe(
      roomId,
      () => {},
      () => {},
    );
    // Everything published on the room's channel, as a third party listening sees it.
    const watcher = await rawPublisher();
    const published: unknown[] = [];
    watcher.on('messageBuffer', (_channel: Buffer, message: Buffer) => published.push(packr.unpack(message)));
    // Nobody else listens: Redis answers that the announcement reached node a alone.
    await a.bus.announce(roomId, [event(roomId, 1)]);
    await watcher.subscribe(`pokerroom:room:${roomId}`);
    // The room is quiet now: these two are kept, not published (the watcher says no word).
    await a.bus.announce(roomId, [event(roomId, 2), event(roomId, 3)]);
    await a.bus.announce(roomId, [event(roomId, 4)]);

    const seen = recorder();
    const upTo = recorder();
    await b.bus.subscribe(roomId, seen.onEvents, (seq) => upTo.onEvents([event(roomId, seq)]));
    // b's word that it listens makes a answer with the seq it stored up to meanwhile.
    await upTo.until(4);
    await a.bus.announce(roomId, [event(roomId, 5)]);
    await seen.until(5);

    expect(upTo.received.map((e) => e.seq)).toEqual([4]);
    expect(seen.received).toEqual([event(roomId, 5)]);
    // Published after the first announcement: b's word, a's seq, then a's events again.
    await vi.waitFor(() => expect(published).toHaveLength(3));
    expect(published).toEqual([
      { node: 'node-b', listening: true },
      { node: 'node-a', seq: 4 },
      { node: 'node-a', events: [event(roomId, 5)] },
    ]);
    expect([...a.warnings, ...b.warnings]).toEqual([]);
  });

  it('speaks again on a quiet room when another node publishes on it, in case its word was lost', async () => {
    const roomId = `room_${randomUUID()}`;
    const a = await busOf('node-a');
    await a.bus.subscribe(
      roomId,
      () => {},
      () => {},
    );
    await a.bus.announce(roomId, [event(roomId, 1)]);
    await a.bus.announce(roomId, [event(roomId, 2)]); // quiet: kept
    const watcher = await rawPublisher();
    const published: unknown[] = [];
    watcher.on('messageBuffer', (_channel: Buffer, message: Buffer) => published.push(packr.unpack(message)));
    await watcher.subscribe(`pokerroom:room:${roomId}`);
    const redis = await rawPublisher();
    // A node that listens without having said so (its word lost, or of the previous release).
    await redis.publish(`pokerroom:room:${roomId}`, packr.pack({ node: 'node-b', seq: 0 }));
    await vi.waitFor(() => expect(published).toHaveLength(2));
    await a.bus.announce(roomId, [event(roomId, 3)]);
    await vi.waitFor(() => expect(published).toHaveLength(3));

    expect(published).toEqual([
      { node: 'node-b', seq: 0 },
      { node: 'node-a', seq: 2 },
      { node: 'node-a', events: [event(roomId, 3)] },
    ]);
  });

  it('passes on the seq alone from another node, and ignores one that is not a seq', async () => {
    const roomId = `room_${randomUUID()}`;
    const a = await busOf('node-a');
    const seen = recorder();
    const upTo: number[] = [];
    await a.bus.subscribe(roomId, seen.onEvents, (seq) => upTo.push(seq));
    const redis = await rawPublisher();
    const channel = `pokerroom:room:${roomId}`;

    for (const seq of [-1, 1.5, '9', Number.MAX_SAFE_INTEGER + 2, null])
      await redis.publish(channel, packr.pack({ node: 'node-b', seq }));
    await redis.publish(channel, packr.pack({ node: 'node-b', seq: 12 }));
    await redis.publish(channel, packr.pack({ node: 'node-b', events: [event(roomId, 13)] }));
    await seen.until(13);

    expect(upTo).toEqual([12]);
    expect(a.warnings).toEqual([]);
  });

  it('finds the first bytes of every envelope a node packs, for any node id', () => {
    for (const nodeId of ['n', 'node-1', 'a'.repeat(40), 'ünïcode-nöde', 'x'.repeat(300)]) {
      const prefix = ownEnvelopePrefix(nodeId);
      expect(prefix).not.toBeNull();
      const envelope = packr.pack({ node: nodeId, events: [event('r', 1), event('r', 2)] });
      expect(envelope.subarray(0, prefix?.length).equals(prefix as Buffer)).toBe(true);
      expect(packr.unpack(envelope)).toMatchObject({ node: nodeId });
      const storedUpTo = packr.pack({ node: nodeId, seq: 123_456 });
      expect(storedUpTo.subarray(0, prefix?.length).equals(prefix as Buffer)).toBe(true);
      const listening = packr.pack({ node: nodeId, listening: true });
      expect(listening.subarray(0, prefix?.length).equals(prefix as Buffer)).toBe(true);
      // Another node's envelope never starts with it, even when one id starts with the other.
      const other = packr.pack({ node: `${nodeId}2`, events: [event('r', 1)] });
      expect(other.subarray(0, prefix?.length).equals(prefix as Buffer)).toBe(false);
    }
  });
});
