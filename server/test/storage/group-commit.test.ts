import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/ops/config.js';
import { connectPostgres, type Database, openDatabase, type Sql } from '../../src/storage/database.js';
import { loadEvents, type StoredEvent } from '../../src/storage/event-store.js';
import { GroupCommitWriter } from '../../src/storage/group-commit.js';
import { migrate } from '../../src/storage/migrate.js';
import { embeddedDataDir } from '../support/embedded-data-dir.js';
import { createTestDatabase } from '../support/test-server.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;

beforeAll(async () => {
  database = await createTestDatabase();
  sql = connectPostgres(database.url, { max: 10 });
  await migrate(sql);
  await sql`insert into accounts (id, name) values ('acct_1', 'Group commit')`;
});

afterAll(async () => {
  await sql.end();
  await database.drop();
});

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 123);

function vote(roomId: string, seq: number, participantId: string, card: string, at = T0 + seq): StoredEvent {
  return {
    roomId,
    seq,
    type: 'vote.cast',
    payload: { participantId, card },
    at,
    roundId: 'round_1',
  };
}

function presence(roomId: string, seq: number): StoredEvent {
  return {
    roomId,
    seq,
    type: 'participant.presence',
    payload: { participantId: 'p_0', presence: 'online' },
    at: T0 + seq,
    roundId: 'round_1',
  };
}

/** Room rows (seq 0) of the test account; returns their ids. */
async function insertRooms(ids: string[]): Promise<string[]> {
  await sql`insert into rooms ${sql(ids.map((id) => ({ id, accountId: 'acct_1', mode: 'test', name: id })))}`;
  return ids;
}

/**
 * `sql` whose transactions are counted, to see how many are in flight at once: a commit holds a
 * connection of its own (`reserve`) from its BEGIN to its COMMIT, or, when its batches carry only
 * votes, is the one statement that calls `commit_cast_votes`.
 */
function counting(inner: Sql): { sql: Sql; maxInFlight: () => number; statements: () => number } {
  let inFlight = 0;
  let max = 0;
  let statements = 0;
  const began = () => {
    inFlight++;
    max = Math.max(max, inFlight);
  };
  const reserve = (async () => {
    const connection = await inner.reserve();
    began();
    const release = () => {
      inFlight--;
      connection.release();
    };
    return new Proxy(connection, {
      get: (target, key) => (key === 'release' ? release : Reflect.get(target, key)),
    });
  }) as Sql['reserve'];
  const sqlProxy = new Proxy(inner, {
    get: (target, key) => (key === 'reserve' ? reserve : Reflect.get(target, key)),
    apply(target, self, args: unknown[]) {
      const query = Reflect.apply(target, self, args) as ReturnType<Sql['unsafe']>;
      const strings = args[0];
      if (Array.isArray(strings) && strings.join('').includes('commit_cast_votes')) {
        statements++;
        began();
        const ended = () => inFlight--;
        query.then(ended, ended);
      }
      return query;
    },
  });
  return { sql: sqlProxy, maxInFlight: () => max, statements: () => statements };
}

describe('GroupCommitWriter on PostgreSQL', () => {
  it('keeps several transactions in flight and stores every room’s batches in order, once', async () => {
    const rooms = await insertRooms(Array.from({ length: 60 }, (_, i) => `room_gc_${i}`));
    const counted = counting(sql);
    const writer = new GroupCommitWriter(counted.sql, undefined, 3, 8);
    // Each room commits its batches one after the other, as RoomHost does; rooms run side by side.
    await Promise.all(
      rooms.map(async (roomId, r) => {
        let seq = 0;
        for (let batch = 0; batch < 5; batch++) {
          const events = [1, 2, 3].map((k) =>
            vote(roomId, seq + k, `p_${(batch + k) % 4}`, String(r + batch + k)),
          );
          const result = await writer.commit({ roomId, baseSeq: seq, events });
          expect(result).toEqual({ ok: true });
          seq += events.length;
          // Rooms commit at different moments, so batches arrive while transactions are in flight.
          await new Promise((resolve) => setTimeout(resolve, (r + batch) % 4));
        }
      }),
    );
    await writer.flush();
    expect(counted.maxInFlight()).toBeGreaterThan(1);
    expect(counted.maxInFlight()).toBeLessThanOrEqual(3);
    // Batches of votes alone are each transaction's one statement.
    expect(counted.statements()).toBeGreaterThan(0);

    const seqs = await sql<
      { id: string; seq: string }[]
    >`select id, seq from rooms where id like 'room_gc_%'`;
    expect(seqs.every((row) => Number(row.seq) === 15)).toBe(true);
    const stored = await loadEvents(sql, 'room_gc_7');
    expect(stored.map((event) => event.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(stored[0]).toMatchObject({
      type: 'vote.cast',
      payload: { participantId: 'p_1', card: '8' },
      at: T0 + 1,
    });
    // The votes table holds each participant's last card of the round, cast at the event's time.
    const votes = await sql<{ participantId: string; card: string; castAt: Date }[]>`
      select participant_id, card, cast_at from votes where room_id = 'room_gc_7' order by participant_id`;
    expect(votes.map((row) => [row.participantId, row.card, row.castAt.getTime()])).toEqual([
      ['p_0', '11', T0 + 10],
      ['p_1', '12', T0 + 13],
      ['p_2', '13', T0 + 14],
      ['p_3', '14', T0 + 15],
    ]);
  });

  it('starts another transaction only when enough batches wait, so light load still batches', async () => {
    const rooms = await insertRooms(Array.from({ length: 10 }, (_, i) => `room_light_${i}`));
    const counted = counting(sql);
    const writer = new GroupCommitWriter(counted.sql, undefined, 3, 64);
    await Promise.all(
      rooms.map(async (roomId, r) => {
        for (let seq = 0; seq < 5; seq++) {
          await writer.commit({ roomId, baseSeq: seq, events: [vote(roomId, seq + 1, 'p', String(r))] });
          await new Promise((resolve) => setTimeout(resolve, (r + seq) % 4));
        }
      }),
    );
    await writer.flush();
    expect(counted.maxInFlight()).toBe(1);
    const seqs = await sql<{ seq: string }[]>`select seq from rooms where id like 'room_light_%'`;
    expect(seqs.map((row) => Number(row.seq))).toEqual(rooms.map(() => 5));
  });

  it('stores batches of votes alone (one statement) as it stores the same votes in a batch with other events (a transaction)', async () => {
    const batches = fc.array(
      fc.array(fc.tuple(fc.constantFrom('p_0', 'p_1', 'p_2'), fc.constantFrom('1', '2', '3', '5', '?')), {
        minLength: 1,
        maxLength: 5,
      }),
      { minLength: 1, maxLength: 6 },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(batches, async (votes) => {
        run++;
        const [alone, mixed] = [`room_alone_${run}`, `room_mixed_${run}`];
        await insertRooms([alone, mixed]);
        const writer = new GroupCommitWriter(sql, undefined, 3);
        const store = async (roomId: string, withPresence: boolean) => {
          let seq = 0;
          for (const [b, batch] of votes.entries()) {
            // Times by place in the script, not by seq: the two rooms' seqs differ.
            const events = batch.map(([participant, card], k) =>
              vote(roomId, seq + k + 1, participant, card, T0 + 100 * b + k),
            );
            // A presence change projects to nothing, but takes the batch off the votes-only path.
            if (withPresence) events.push(presence(roomId, seq + events.length + 1));
            expect(await writer.commit({ roomId, baseSeq: seq, events })).toEqual({ ok: true });
            seq += events.length;
          }
          return seq;
        };
        // One room after the other: a transaction with both rooms' batches would take the general path.
        await store(alone, false);
        await store(mixed, true);
        const table = async (roomId: string) =>
          sql<{ participantId: string; card: string; castAt: Date; roundId: string }[]>`
            select participant_id, card, cast_at, round_id from votes where room_id = ${roomId}
            order by participant_id`;
        expect(await table(alone)).toEqual(await table(mixed));
        // The events as stored, payload, time and all: the same whichever statement wrote them.
        const cast = (events: StoredEvent[]) =>
          events
            .filter((event) => event.type === 'vote.cast')
            .map(({ payload, at, type }) => ({ payload, at, type }));
        expect(cast(await loadEvents(sql, alone))).toEqual(cast(await loadEvents(sql, mixed)));
      }),
      { numRuns: 15 },
    );
  });

  it('takes the general path for votes the compact statement could not store as they are, and stores them whole', async () => {
    const [extra, rounds, plain] = ['room_cast_extra', 'room_cast_rounds', 'room_cast_plain'];
    await insertRooms([extra, rounds, plain]);
    const counted = counting(sql);
    const writer = new GroupCommitWriter(counted.sql, undefined, 1, 64, 0);
    const commit = async (roomId: string, events: StoredEvent[]) =>
      expect(await writer.commit({ roomId, baseSeq: 0, events })).toEqual({ ok: true });
    // A payload with more than a participant and a card: the compact form would drop the rest.
    const withNote = {
      ...vote(extra, 1, 'p_1', '5'),
      payload: { participantId: 'p_1', card: '5', note: 'n' },
    };
    await commit(extra, [withNote]);
    // Votes of two rounds in one batch: the compact form carries one round a batch.
    await commit(rounds, [
      vote(rounds, 1, 'p_1', '3'),
      { ...vote(rounds, 2, 'p_1', '8'), roundId: 'round_2' },
    ]);
    expect(counted.statements()).toBe(0);
    await commit(plain, [vote(plain, 1, 'p_1', '2')]);
    expect(counted.statements()).toBe(1);

    expect((await loadEvents(sql, extra)).map((event) => event.payload)).toEqual([withNote.payload]);
    const byRound = await sql<{ roundId: string; card: string }[]>`
      select round_id, card from votes where room_id = ${rounds} order by round_id`;
    expect(byRound).toEqual([
      { roundId: 'round_1', card: '3' },
      { roundId: 'round_2', card: '8' },
    ]);
  });

  it('at light load starts a transaction at most every gather interval, so a few votes a second share one', async () => {
    const rooms = await insertRooms(Array.from({ length: 30 }, (_, i) => `room_gather_${i}`));
    const counted = counting(sql);
    const gatherMs = 20;
    const writer = new GroupCommitWriter(counted.sql, undefined, 3, 64, gatherMs);
    const started = Date.now();
    const commits: Promise<unknown>[] = [];
    for (const roomId of rooms) {
      commits.push(writer.commit({ roomId, baseSeq: 0, events: [vote(roomId, 1, 'p', '1')] }));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await Promise.all(commits)).toEqual(rooms.map(() => ({ ok: true })));
    const elapsed = Date.now() - started;
    // Each start is at least gatherMs after the one before, whatever the machine's speed.
    expect(counted.statements()).toBeLessThanOrEqual(Math.floor(elapsed / gatherMs) + 1);
    expect(counted.statements()).toBeLessThan(rooms.length);
  });

  it('writes a batch after a quiet spell at once, and cuts the gather short once enough batches wait', async () => {
    const rooms = await insertRooms(Array.from({ length: 9 }, (_, i) => `room_wake_${i}`));
    const counted = counting(sql);
    // An interval no test waits out: every commit below resolves without waiting for it.
    const writer = new GroupCommitWriter(counted.sql, undefined, 1, 8, 60_000);
    const commit = (roomId: string) =>
      writer.commit({ roomId, baseSeq: 0, events: [vote(roomId, 1, 'p', '1')] });
    const [first, ...rest] = rooms as [string, ...string[]];
    expect(await commit(first)).toEqual({ ok: true });
    // The next batch waits for the interval: the lane is gathering once its set-up has run.
    const second = commit(rest[0] as string);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const others = rest.slice(1).map(commit);
    expect(await Promise.all([second, ...others])).toEqual(rest.map(() => ({ ok: true })));
    // One transaction for the first batch, one for the eight that woke the lane.
    expect(counted.statements()).toBe(2);
  });

  it('never waits out a wall clock set back: the gather interval runs on the monotonic clock (regression)', async () => {
    const [ahead, after] = await insertRooms(['room_clock_ahead', 'room_clock_after']);
    const writer = new GroupCommitWriter(sql, undefined, 1, 64, 50);
    // A transaction starts while the wall clock reads two minutes ahead, then the clock is set back.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 120_000);
    try {
      expect(
        await writer.commit({ roomId: ahead ?? '', baseSeq: 0, events: [vote(ahead ?? '', 1, 'p', '1')] }),
      ).toEqual({
        ok: true,
      });
    } finally {
      vi.useRealTimers();
    }
    // Waiting for the difference would outlast the test's timeout.
    expect(
      await writer.commit({ roomId: after ?? '', baseSeq: 0, events: [vote(after ?? '', 1, 'p', '1')] }),
    ).toEqual({
      ok: true,
    });
  });

  it('two nodes racing for one room: each seq is stored once, by the one batch reported stored', async () => {
    const [roomId] = await insertRooms(['room_race']);
    const room = roomId ?? '';
    const nodes = [connectPostgres(database.url, { max: 3 }), connectPostgres(database.url, { max: 3 })];
    try {
      const writers = nodes.map((node) => new GroupCommitWriter(node, undefined, 3, 64, 0));
      let seq = 0;
      for (let round = 0; round < 60; round++) {
        // Alternately a batch of votes alone (one statement) and one with a presence (a transaction).
        const batch = (card: string, withPresence: boolean) => {
          const events = [vote(room, seq + 1, `p_${card}`, card)];
          if (withPresence) events.push(presence(room, seq + 2));
          return { roomId: room, baseSeq: seq, events };
        };
        const results = await Promise.all([
          writers[0]?.commit(batch('a', round % 3 === 0)),
          writers[1]?.commit(batch('b', round % 4 === 0)),
        ]);
        const winners = results.flatMap((result, index) => (result?.ok ? [index] : []));
        expect(winners).toHaveLength(1);
        const stored = await loadEvents(sql, room, seq);
        const winner = winners[0] === 0 ? 'a' : 'b';
        expect(stored[0]?.payload).toEqual({ participantId: `p_${winner}`, card: winner });
        const loser = results.find((result) => result?.ok === false);
        expect(loser).toEqual({ ok: false, storedSeq: seq + stored.length });
        seq += stored.length;
      }
    } finally {
      await Promise.all(nodes.map((node) => node.end()));
    }
  });

  it('takes a batch given as a function when its transaction starts, once: what the room adds while it waits is stored with it', async () => {
    const [roomId] = await insertRooms(['room_taken_late']);
    const room = roomId ?? '';
    const writer = new GroupCommitWriter(sql, undefined, 1);
    const votes = [vote(room, 1, 'a', '3')];
    let takes = 0;
    const committed = writer.commit(() => {
      takes++;
      return { roomId: room, baseSeq: 0, events: [...votes] };
    });
    // Queued, not taken: the transaction starts after this turn.
    expect(takes).toBe(0);
    votes.push(vote(room, 2, 'b', '5'), vote(room, 3, 'c', '8'));
    expect(await committed).toEqual({ ok: true });
    expect(takes).toBe(1);
    expect((await loadEvents(sql, room)).map((event) => [event.seq, event.payload])).toEqual([
      [1, { participantId: 'a', card: '3' }],
      [2, { participantId: 'b', card: '5' }],
      [3, { participantId: 'c', card: '8' }],
    ]);
  });

  it('fails alone a batch whose function throws, and stores the others of its transaction', async () => {
    const [before, after] = await insertRooms(['room_take_before', 'room_take_after']);
    const writer = new GroupCommitWriter(sql, undefined, 1);
    const commit = (roomId: string) =>
      writer.commit({ roomId, baseSeq: 0, events: [vote(roomId, 1, 'p', '1')] });
    const results = Promise.allSettled([
      commit(before ?? ''),
      writer.commit(() => {
        throw new Error('this room could not make its batch');
      }),
      commit(after ?? ''),
    ]);
    const [first, thrown, last] = await results;
    expect(first).toEqual({ status: 'fulfilled', value: { ok: true } });
    expect(thrown).toMatchObject({
      status: 'rejected',
      reason: { message: 'this room could not make its batch' },
    });
    expect(last).toEqual({ status: 'fulfilled', value: { ok: true } });
    expect((await loadEvents(sql, before ?? '')).length).toBe(1);
    expect((await loadEvents(sql, after ?? '')).length).toBe(1);
  });

  it('refuses a batch whose base seq is behind the stored one, and stores the rest of the transaction', async () => {
    await insertRooms(['room_gc_a', 'room_gc_b']);
    const writer = new GroupCommitWriter(sql, undefined, 2);
    expect(
      await writer.commit({ roomId: 'room_gc_a', baseSeq: 0, events: [vote('room_gc_a', 1, 'p', '1')] }),
    ).toEqual({
      ok: true,
    });
    const [stale, fresh] = await Promise.all([
      writer.commit({ roomId: 'room_gc_a', baseSeq: 0, events: [vote('room_gc_a', 1, 'q', '2')] }),
      writer.commit({ roomId: 'room_gc_b', baseSeq: 0, events: [vote('room_gc_b', 1, 'q', '2')] }),
    ]);
    expect(stale).toEqual({ ok: false, storedSeq: 1 });
    expect(fresh).toEqual({ ok: true });
    expect((await loadEvents(sql, 'room_gc_a')).map((event) => event.payload)).toEqual([
      { participantId: 'p', card: '1' },
    ]);
  });

  it('one room’s batch the database refuses fails only that room: the others of the transaction are stored (regression)', async () => {
    await expectOnlyTheRefusedRoomsToFail(sql);
  });
});

/** Three rooms' batches in one transaction, two of which the database refuses. */
async function expectOnlyTheRefusedRoomsToFail(db: Sql): Promise<void> {
  await db`insert into rooms ${db(['room_gc_c', 'room_gc_d'].map((id) => ({ id, accountId: 'acct_1', mode: 'test', name: id })))}`;
  const writer = new GroupCommitWriter(db, undefined, 2);
  // Made in the same tick, all batches go into one transaction. The room without a row fails
  // its events' foreign key; the NUL fails jsonb. Neither may take the other rooms with it.
  const missing = writer.commit({
    roomId: 'room_missing',
    baseSeq: -1,
    events: [vote('room_missing', 1, 'p', '1')],
  });
  const refused = writer.commit({
    roomId: 'room_gc_c',
    baseSeq: 0,
    events: [vote('room_gc_c', 1, 'p', 'a\u0000b')],
  });
  const innocent = writer.commit({
    roomId: 'room_gc_d',
    baseSeq: 0,
    events: [vote('room_gc_d', 1, 'p', '1')],
  });
  await expect(missing).rejects.toThrow(/foreign key/);
  await expect(refused).rejects.toThrow(/unicode|\\u0000/i);
  await expect(innocent).resolves.toEqual({ ok: true });
  await writer.flush();
  expect((await loadEvents(db, 'room_gc_d')).length).toBe(1);
  expect((await loadEvents(db, 'room_gc_c')).length).toBe(0);
  // The writer carries on after a failure.
  expect(
    await writer.commit({ roomId: 'room_gc_c', baseSeq: 0, events: [vote('room_gc_c', 1, 'p', '1')] }),
  ).toEqual({ ok: true });
}

describe('GroupCommitWriter on embedded storage', () => {
  const dataDir = embeddedDataDir('pokerroom-gc-');
  let embedded: Database;
  beforeAll(async () => {
    embedded = await openDatabase({ url: null, dataDir });
    await migrate(embedded.sql);
    await embedded.sql`insert into accounts (id, name) values ('acct_1', 'Group commit')`;
  }, 60_000);
  afterAll(async () => {
    await embedded?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('one room’s batch the database refuses fails only that room: the others of the transaction are stored (regression)', async () => {
    await expectOnlyTheRefusedRoomsToFail(embedded.sql);
  });
});

describe('POKERROOM_COMMIT_GATHER_MS', () => {
  it('keeps storage’s gather interval unless set, takes 0 for none, and stops on a bad value naming the variable', () => {
    expect(loadConfig({}).commitGatherMs).toBeNull();
    expect(loadConfig({ POKERROOM_COMMIT_GATHER_MS: '0' }).commitGatherMs).toBe(0);
    expect(loadConfig({ POKERROOM_COMMIT_GATHER_MS: '12' }).commitGatherMs).toBe(12);
    expect(() => loadConfig({ POKERROOM_COMMIT_GATHER_MS: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ POKERROOM_COMMIT_GATHER_MS: 'soon' })).toThrow(/POKERROOM_COMMIT_GATHER_MS/);
  });
});
