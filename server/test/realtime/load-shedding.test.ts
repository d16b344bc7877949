import { describe, expect, it } from 'vitest';
import {
  type CommandOutcome,
  ROOM_PENDING_LIMIT,
  ROOM_RETRY_AFTER_MS,
  RoomHost,
  type RoomHostDeps,
} from '../../src/realtime/room-host.js';
import { createRoom } from '../../src/rooms/index.js';
import { openDatabase } from '../../src/storage/database.js';
import { GroupCommitWriter, MAX_COMMIT_WAIT_MS } from '../../src/storage/group-commit.js';
import type { RoomBatch, RoomBatchResult } from '../../src/storage/room-batch.js';

/** A room host whose commits wait until the test lets them through. */
function hostWithHeldCommits(overloaded: () => number | null = () => null) {
  const held: { batch: RoomBatch; release: (result: RoomBatchResult) => void }[] = [];
  let hold = false;
  const deps: RoomHostDeps = {
    commit: (take) => {
      const batch = take();
      return hold
        ? new Promise((release) => held.push({ batch, release }))
        : Promise.resolve({ ok: true } as const);
    },
    loadEvents: async () => [],
    publish: () => {},
    announce: () => {},
    newId: (prefix) => `${prefix}_${Math.random().toString(36).slice(2)}`,
    now: () => Date.now(),
    facilitatorGraceMs: 60_000,
    presenceGraceMs: 60_000,
    onEvicted: () => {},
    onError: (error) => {
      throw error;
    },
    overloaded,
  };
  const host = new RoomHost('room_1', createRoom({ id: 'room_1', name: 'Shed' }), deps);
  return {
    host,
    held,
    hold: () => {
      hold = true;
    },
  };
}

const join = (host: RoomHost, id: string, role: 'facilitator' | 'voter' = 'voter') =>
  host.submit({ kind: 'join', participant: { id, name: id, role } });

describe('load shedding', () => {
  it('refuses a room’s commands at once with overloaded and a retry hint past its pending bound, instead of queueing them (regression)', async () => {
    const { host, held, hold } = hostWithHeldCommits();
    expect(await join(host, 'f', 'facilitator')).toEqual({ ok: true });
    expect(
      (await host.submit({ kind: 'client', actorId: 'f', command: { t: 'round.start', d: {} } })).ok,
    ).toBe(true);
    hold();
    const answers: Promise<CommandOutcome>[] = [];
    for (let i = 0; i < ROOM_PENDING_LIMIT + 20; i++) {
      answers.push(
        host.submit({
          kind: 'client',
          actorId: 'f',
          command: { t: 'story.add', d: { title: `Story ${i}` } },
        }),
      );
    }
    // The ones past the bound are answered before anything is stored.
    const early = await Promise.race([
      Promise.all(answers.slice(ROOM_PENDING_LIMIT)),
      new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 1000)),
    ]);
    expect(early).toEqual(
      answers.slice(ROOM_PENDING_LIMIT).map(() => ({
        ok: false,
        code: 'overloaded',
        message: expect.any(String),
        retryAfterMs: ROOM_RETRY_AFTER_MS,
      })),
    );
    // The ones within it are stored and acknowledged once the commits go through.
    while (held.length > 0) held.shift()?.release({ ok: true });
    const within = answers.slice(0, ROOM_PENDING_LIMIT);
    const settled = await Promise.all(
      within.map(async (answer) => {
        for (;;) {
          const outcome = await Promise.race([
            answer,
            new Promise<null>((r) => setTimeout(() => r(null), 5)),
          ]);
          if (outcome !== null) return outcome;
          while (held.length > 0) held.shift()?.release({ ok: true });
        }
      }),
    );
    expect(settled.every((outcome) => outcome.ok)).toBe(true);
  });

  it('refuses client commands with overloaded while the node says storage cannot keep up, but lets the room’s own joins through', async () => {
    let pressure: number | null = null;
    const { host } = hostWithHeldCommits(() => pressure);
    expect(await join(host, 'f', 'facilitator')).toEqual({ ok: true });
    pressure = 2500;
    expect(
      await host.submit({ kind: 'client', actorId: 'f', command: { t: 'round.start', d: {} } }),
    ).toMatchObject({
      ok: false,
      code: 'overloaded',
      retryAfterMs: 2500,
    });
    expect(await join(host, 'v')).toEqual({ ok: true });
    pressure = null;
    expect(
      (await host.submit({ kind: 'client', actorId: 'f', command: { t: 'round.start', d: {} } })).ok,
    ).toBe(true);
  });
});

describe('GroupCommitWriter under pressure', () => {
  it('reports pressure when a transaction has waited past the bound', async () => {
    // A database that hands out the transaction's connection only when released: the
    // transaction is in flight, and hangs, until then. Its queries then answer with no rows.
    let release: () => void = () => {};
    let began: () => void = () => {};
    const beginning = new Promise<void>((resolve) => (began = resolve));
    const connection = Object.assign(() => ({ execute: async () => [] }), { release: () => {} });
    const sql = {
      reserve: () => {
        began();
        return new Promise((resolve) => (release = () => resolve(connection)));
      },
    } as unknown as ConstructorParameters<typeof GroupCommitWriter>[0];
    const writer = new GroupCommitWriter(sql);
    const commit = writer.commit({ roomId: 'r', baseSeq: 0, events: [] }).catch(() => undefined);
    const now = Date.now();
    expect(writer.pressure(now)).toBeNull();
    expect(writer.pressure(now + MAX_COMMIT_WAIT_MS + 100)).toBeGreaterThanOrEqual(500);
    // In flight now, and still counted until it ends.
    await beginning;
    expect(writer.pressure(now + MAX_COMMIT_WAIT_MS + 100)).toBeGreaterThanOrEqual(500);
    release();
    await commit;
    expect(writer.pressure()).toBeNull();
  });

  it('answers at once while PostgreSQL is unreachable instead of queueing behind another connection attempt (regression)', async () => {
    // A port nothing listens on: connecting is refused.
    const db = await openDatabase({ url: 'postgres://postgres@127.0.0.1:9/none', dataDir: '' });
    try {
      const writer = new GroupCommitWriter(db.sql);
      const batch = (roomId: string) => ({ roomId, baseSeq: 0, events: [] });
      await expect(writer.commit(batch('a'))).rejects.toThrow();
      const started = Date.now();
      await expect(writer.commit(batch('b'))).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(100);
      // A batch given as a function is not even made: nothing of it could be written.
      let taken = false;
      await expect(
        writer.commit(() => {
          taken = true;
          return batch('c');
        }),
      ).rejects.toThrow();
      expect(taken).toBe(false);
      expect(writer.pressure()).not.toBeNull();
    } finally {
      await db.close();
    }
  });
});
