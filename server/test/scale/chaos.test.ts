import { afterAll, describe, expect, it } from 'vitest';
import { RoomHost } from '../../src/realtime/room-host.js';
import { toSnapshot } from '../../src/rooms/index.js';
import { connectPostgres } from '../../src/storage/database.js';
import { loadEvents } from '../../src/storage/event-store.js';
import { random } from '../support/fuzz.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { startRedis } from '../support/redis-server.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-server.js';

const SEED = Number(process.env.CHAOS_SEED ?? 20261122);
const KEY = 'sk_test_chaosTestKey00000000000000000000';
const ROOMS = 20;
const VOTERS = 3;
const DURATION_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client that keeps its place in the room across connections: it reconnects to any live node,
 * resumes from the last seq it applied, and records every gap or duplicate it ever sees.
 */
class ResilientClient {
  last = 0;
  readonly problems: string[] = [];
  acked = 0;
  sent = 0;
  #client: ProtocolClient | null = null;
  #stopped = false;

  constructor(
    readonly name: string,
    private readonly wsUrl: (port: number) => string,
    private readonly token: string,
    private readonly ports: () => number[],
    private readonly pick: () => number,
  ) {}

  async run(act: (client: ProtocolClient) => Promise<void>): Promise<void> {
    while (!this.#stopped) {
      const ports = this.ports();
      const port = ports[Math.floor(this.pick() * ports.length)];
      if (port === undefined) {
        await sleep(100);
        continue;
      }
      try {
        const client = await ProtocolClient.connect(this.wsUrl(port), this.token);
        this.#client = client;
        await this.#resume(client);
        while (!this.#stopped && client.closeCode === null) await act(client);
      } catch {
        await sleep(50 + this.pick() * 200);
      } finally {
        this.#client?.terminate();
        this.#client = null;
      }
    }
  }

  async #resume(client: ProtocolClient): Promise<void> {
    const welcomeSeq = client.welcome.seq;
    const seen = new Set<number>();
    const ahead = new Map<number, number>();
    let read = 0;
    // Events are taken in seq order: live ones may overtake the replay, and wait until it is in.
    const drain = () => {
      const events = client.events;
      for (; read < events.length; read++) {
        const event = events[read];
        if (event === undefined) continue;
        if (seen.has(event.seq) || event.seq <= this.last)
          this.problems.push(`${this.name}: duplicate seq ${event.seq}`);
        seen.add(event.seq);
        ahead.set(event.seq, event.seq);
      }
      while (ahead.has(this.last + 1)) ahead.delete(++this.last);
    };
    client.socket.on('message', drain);
    if (this.last === 0) this.last = welcomeSeq;
    else if (welcomeSeq < this.last)
      this.problems.push(`${this.name}: welcome at ${welcomeSeq} behind ${this.last}`);
    else if (welcomeSeq > this.last) {
      const answer = await client.send('resume', { lastSeq: this.last }, 15_000);
      if (!answer.ok || answer.result?.resume !== 'replay') throw new Error('resume refused');
    }
    drain();
  }

  stop(): void {
    this.#stopped = true;
    this.#client?.terminate();
  }
}

describe('chaos', () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  });

  it(`20 rooms vote while nodes and Redis are killed at random (seed ${SEED})`, async () => {
    const rand = random(SEED);
    const database = await createTestDatabase();
    stops.push(database.drop);
    const redisPort = 17000 + Math.floor(rand() * 1000);
    let redis = await startRedis(redisPort);
    stops.push(async () => redis.kill('SIGKILL'));
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      POKERROOM_BOOTSTRAP_KEY: KEY,
    };
    const basePort = 21000 + Math.floor(rand() * 5000);
    const nodes: (ServerProcess | null)[] = await Promise.all(
      [0, 1, 2].map((i) => startServerProcess({ ...env, PORT: String(basePort + i) })),
    );
    stops.push(async () => Promise.all(nodes.map((node) => node?.stop('SIGKILL'))));
    const live = () => nodes.flatMap((node) => (node === null ? [] : [node.port]));

    const post = async (path: string, body: unknown) => {
      const base = `http://127.0.0.1:${live()[0]}`;
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, string>;
    };

    let voting = true;
    let votesInFlight = 0;
    const clients: ResilientClient[] = [];
    const rooms: string[] = [];
    const runs: Promise<void>[] = [];
    for (let r = 0; r < ROOMS; r++) {
      const room = await post('/v1/rooms', { name: `Chaos ${r}` });
      const roomId = room.id ?? '';
      rooms.push(roomId);
      const fac = await post(`/v1/rooms/${roomId}/tokens`, { name: 'Fay', role: 'facilitator' });
      const facilitator = await ProtocolClient.connect(fac.wsUrl ?? '', fac.token ?? '');
      expect((await facilitator.send('round.start', {})).ok).toBe(true);
      await facilitator.close();
      for (let v = 0; v < VOTERS; v++) {
        const t = await post(`/v1/rooms/${roomId}/tokens`, {
          name: `V${v}`,
          role: 'voter',
          externalUserId: `v${v}`,
        });
        const client = new ResilientClient(
          `${roomId}/V${v}`,
          (port) => {
            const url = new URL(t.wsUrl ?? '');
            url.port = String(port);
            return url.toString();
          },
          t.token ?? '',
          live,
          rand,
        );
        clients.push(client);
        // Always a different card from the one stored: a vote that changes nothing is acked without an event.
        let current: string | null = null;
        let connectionSeen: ProtocolClient | null = null;
        runs.push(
          client.run(async (connection) => {
            if (!voting) {
              await sleep(100);
              return;
            }
            if (connectionSeen !== connection) {
              connectionSeen = connection;
              current = connection.welcome.yourVote;
            }
            const card = current === '5' ? '3' : '5';
            client.sent++;
            votesInFlight++;
            const answer = await connection
              .send('vote.cast', { card }, 10_000)
              .catch(() => null)
              .finally(() => votesInFlight--);
            if (answer?.ok) {
              client.acked++;
              current = card;
            } else if (answer !== null && !answer.ok && !answer.retryable) throw new Error(answer.code);
            await sleep(150 + rand() * 150);
          }),
        );
      }
    }

    const chaosEnds = Date.now() + DURATION_MS;
    const actions: string[] = [];
    // At least two failures however slow the machine: a node's restart can take most of the window.
    while (Date.now() < chaosEnds || actions.length < 2) {
      await sleep(1500 + rand() * 2000);
      if (rand() < 0.7) {
        const index = Math.floor(rand() * nodes.length);
        const node = nodes[index];
        if (node === null || node === undefined || live().length < 2) continue;
        actions.push(`kill node ${index}`);
        nodes[index] = null;
        await node.stop('SIGKILL');
        await sleep(500 + rand() * 1500);
        nodes[index] = await startServerProcess({ ...env, PORT: String(basePort + index) });
      } else {
        actions.push('kill redis');
        redis.kill('SIGKILL');
        await sleep(500 + rand() * 1000);
        redis = await startRedis(redisPort);
      }
    }
    // Stop voting, let every client catch up (still connected), then check before stopping them.
    voting = false;
    const sql = connectPostgres(database.url, { max: 2 });
    try {
      // Caught up: no vote still waiting for its answer, and every client at its room's stored seq.
      const behind = async () => {
        const stored = await sql<{ id: string; seq: string }[]>`
          select id, seq from rooms where id = any(${rooms}::text[])`;
        const seqOf = new Map(stored.map((row) => [row.id, Number(row.seq)]));
        const lagging = clients.filter(
          (client, i) => client.last !== seqOf.get(rooms[Math.floor(i / VOTERS)] ?? ''),
        );
        return votesInFlight + lagging.length;
      };
      await expect.poll(behind, { timeout: 30_000, interval: 100 }).toBe(0);
      // The audit below connects once, without the voters' retries: wait until every node is ready
      // again (storage and bus up). A node whose Redis connection is still coming back after the
      // last kill cannot load a room, and refuses the auditor with 4203.
      const allReady = async () => {
        const statuses = await Promise.all(
          live().map((port) =>
            fetch(`http://127.0.0.1:${port}/readyz`).then(
              (answer) => answer.status,
              () => 0,
            ),
          ),
        );
        return statuses.every((status) => status === 200);
      };
      await expect.poll(allReady, { timeout: 30_000, interval: 100 }).toBe(true);
      expect(actions.length).toBeGreaterThanOrEqual(2);
      expect(clients.flatMap((c) => c.problems)).toEqual([]);
      for (const [r, roomId] of rooms.entries()) {
        const events = await loadEvents(sql, roomId);
        for (let v = 0; v < VOTERS; v++) {
          const client = clients[r * VOTERS + v];
          if (client === undefined) continue;
          const participant = (
            await sql<{ id: string }[]>`
            select id from participants where room_id = ${roomId} and external_id = ${`v${v}`}`
          )[0]?.id;
          const stored = events.filter(
            (e) => e.type === 'vote.cast' && e.payload.participantId === participant,
          ).length;
          // Every acked vote is stored; a vote whose ack was lost with its node may be stored too, never twice.
          expect(stored).toBeGreaterThanOrEqual(client.acked);
          expect(stored).toBeLessThanOrEqual(client.sent);
        }
        const folded = RoomHost.fold(roomId, events).state;
        // Every client ends where the log ends: nothing it missed stayed missing.
        for (let v = 0; v < VOTERS; v++) expect(clients[r * VOTERS + v]?.last).toBe(folded.seq);
        const expected = toSnapshot(folded);
        const port = live()[r % live().length] ?? 0;
        const t = await post(`/v1/rooms/${roomId}/tokens`, {
          name: 'Auditor',
          role: 'observer',
          externalUserId: 'auditor',
        });
        const url = new URL(t.wsUrl ?? '');
        url.port = String(port);
        const auditor = await ProtocolClient.connect(url.toString(), t.token ?? '');
        const served = auditor.welcome.room;
        await auditor.close();
        const withoutPresence = (room: typeof served) => ({
          ...room,
          participants: room.participants
            .filter((p) => p.externalId !== 'auditor')
            .map(({ presence: _p, ...rest }) => rest),
        });
        expect(withoutPresence(served)).toEqual(withoutPresence(expected));
      }
      expect(clients.reduce((sum, c) => sum + c.acked, 0)).toBeGreaterThan(ROOMS * VOTERS * 5);
    } finally {
      for (const client of clients) client.stop();
      await Promise.allSettled(runs);
      await sql.end();
    }
  }, 180_000);
});
