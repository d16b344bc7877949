import type { ServerMessage } from '@pokerroom/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomHost } from '../../src/realtime/room-host.js';
import { toSnapshot } from '../../src/rooms/index.js';
import { connectPostgres, type Sql } from '../../src/storage/database.js';
import { loadEvents } from '../../src/storage/event-store.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { createTestDatabase, startTestServer, type TestServer } from '../support/test-server.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type RoomFrame = Extract<ServerMessage, { seq: number }>;

/** Checks a client saw a gap-free run of events after its welcome, and returns them by seq. */
/**
 * Each event a client saw, by seq, as text that does not depend on key order: a node that catches
 * up from the log reads payloads back from jsonb, which orders keys its own way, while the node
 * that decided the event sends them in the order it made them. The same event, the same map.
 */
function eventsBySeq(client: ProtocolClient): Map<number, string> {
  const start = client.welcome.seq;
  const events = client.events;
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => start + 1 + i));
  return new Map(events.map((e: RoomFrame) => [e.seq, JSON.stringify(e, sortedKeys)]));
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function waitForSeq(clients: ProtocolClient[], seq: number): Promise<void> {
  await Promise.all(clients.map((c) => c.waitFor((m) => 'seq' in m && m.seq >= seq, 15_000)));
}

describe('two nodes on one PostgreSQL and Redis', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let nodeA: TestServer;
  let nodeB: TestServer;
  let sql: Sql;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL };
    nodeA = await startTestServer('postgres', env);
    nodeB = await startTestServer('postgres', env);
    sql = connectPostgres(database.url, { max: 2 });
  });
  afterAll(async () => {
    await nodeA?.destroy();
    await nodeB?.destroy();
    await sql?.end();
    await database?.drop();
  });

  async function join(node: TestServer, roomId: string, name: string, role: string, externalUserId?: string) {
    const t = await nodeA.mintToken(roomId, { name, role, ...(externalUserId ? { externalUserId } : {}) });
    return ProtocolClient.connect(
      t.wsUrl.replace(`:${new URL(nodeA.url).port}`, `:${new URL(node.url).port}`),
      t.token,
    );
  }

  it('gives every client, on either node, the same gap-free events while both nodes write at once', async () => {
    const room = await nodeA.createRoom({ name: 'Cross-node' });
    const facilitator = await join(nodeA, room.id, 'Fay', 'facilitator');
    const voters = await Promise.all([
      join(nodeA, room.id, 'A1', 'voter'),
      join(nodeB, room.id, 'B1', 'voter'),
      join(nodeA, room.id, 'A2', 'voter'),
      join(nodeB, room.id, 'B2', 'voter'),
    ]);
    const observerB = await join(nodeB, room.id, 'Obs', 'observer');
    expect((await facilitator.send('round.start', {})).ok).toBe(true);
    // Every voter changes their vote 15 times, all at once, half of them through each node.
    await Promise.all(
      voters.map(async (voter, index) => {
        for (let i = 0; i < 15; i++) {
          const answer = await voter.send('vote.cast', {
            card: ['1', '2', '3', '5', '8'][(i + index) % 5] ?? '?',
          });
          expect(answer.ok).toBe(true);
        }
      }),
    );
    expect((await facilitator.send('round.reveal', {})).ok).toBe(true);
    const [row] = await sql<{ seq: string }[]>`select seq from rooms where id = ${room.id}`;
    const finalSeq = Number(row?.seq);
    const everyone = [facilitator, ...voters, observerB];
    await waitForSeq(everyone, finalSeq);

    const views = everyone.map(eventsBySeq);
    for (let s = observerB.welcome.seq + 1; s <= finalSeq; s++) {
      const seen = new Set(views.map((view) => view.get(s)).filter((frame) => frame !== undefined));
      expect({ seq: s, variants: seen.size }).toEqual({ seq: s, variants: 1 });
    }
    // 60 acknowledged votes: each stored once, and the last one per voter is what the reveal shows.
    const [counted] = await sql<{ count: string }[]>`
      select count(*) from room_events where room_id = ${room.id} and type = 'vote.cast'`;
    expect(Number(counted?.count)).toBe(60);
    const reveal = facilitator.messages.find((m) => m.t === 'round.revealed');
    expect(reveal?.t === 'round.revealed' && reveal.d.votes.length).toBe(4);

    // The room as PostgreSQL's log folds it is the room every node serves.
    const stored = RoomHost.fold(room.id, await loadEvents(sql, room.id)).state;
    for (const node of [nodeA, nodeB]) {
      const fresh = await join(node, room.id, 'Late', 'observer', 'late');
      const { room: served, seq: servedSeq } = fresh.welcome;
      const expected = RoomHost.fold(room.id, await loadEvents(sql, room.id)).state;
      expect(servedSeq).toBe(expected.seq);
      expect(served).toEqual(toSnapshot(expected));
      expect(expected.seq).toBeGreaterThanOrEqual(stored.seq);
      await fresh.close();
    }
    await Promise.all(everyone.map((c) => c.close()));
  }, 60_000);

  it('gives a node that begins to hold a room every event the node that held it alone stores next', async () => {
    const room = await nodeA.createRoom({ name: 'Held alone' });
    const facilitator = await join(nodeA, room.id, 'Fay', 'facilitator');
    const voter = await join(nodeA, room.id, 'A1', 'voter');
    expect((await facilitator.send('round.start', {})).ok).toBe(true);
    // Node A's announcements for this room reach nobody else: the room goes quiet on the bus.
    for (const card of ['1', '2']) expect((await voter.send('vote.cast', { card })).ok).toBe(true);

    const observerB = await join(nodeB, room.id, 'Obs', 'observer');
    expect((await voter.send('vote.cast', { card: '3' })).ok).toBe(true);
    expect((await voter.send('vote.cast', { card: '5' })).ok).toBe(true);
    const [row] = await sql<{ seq: string }[]>`select seq from rooms where id = ${room.id}`;
    const finalSeq = Number(row?.seq);
    await waitForSeq([facilitator, observerB], finalSeq);

    const onA = eventsBySeq(facilitator);
    const onB = eventsBySeq(observerB);
    expect(onB.size).toBeGreaterThan(0);
    for (const [seq, frame] of onB) expect({ seq, frame }).toEqual({ seq, frame: onA.get(seq) });
    const votes = observerB.events.flatMap((e) => (e.t === 'vote.cast' ? [e.d.participantId] : []));
    expect(votes).toHaveLength(2);
    await Promise.all([facilitator, voter, observerB].map((c) => c.close()));
  }, 30_000);

  it('resumes on the other node with exactly the missed events', async () => {
    const room = await nodeA.createRoom({});
    const facilitator = await join(nodeB, room.id, 'Fay', 'facilitator');
    const first = await join(nodeA, room.id, 'Guest', 'observer', 'guest');
    const lastSeq = first.welcome.seq;
    first.terminate();
    for (let i = 0; i < 12; i++)
      expect((await facilitator.send('story.add', { title: `S${i}` })).ok).toBe(true);
    const second = await join(nodeB, room.id, 'Guest', 'observer', 'guest');
    const welcomeSeq = second.welcome.seq;
    const answer = await second.send('resume', { lastSeq });
    expect(answer.ok && answer.result).toEqual({ replayed: welcomeSeq - lastSeq, resume: 'replay' });
    const replayed = second.events.filter((e) => e.seq <= welcomeSeq);
    expect(replayed.map((e) => e.seq)).toEqual(
      Array.from({ length: welcomeSeq - lastSeq }, (_, i) => lastSeq + 1 + i),
    );
    expect(replayed.filter((e) => e.t === 'story.added')).toHaveLength(12);
    await Promise.all([facilitator.close(), second.close()]);
  });
});
