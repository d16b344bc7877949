import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/storage/database.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { startRedis } from '../support/redis-server.js';
import { startServerProcess } from '../support/server-process.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import {
  createTestDatabase,
  POSTGRES_ADMIN_URL,
  startTestServer,
  type TestServer,
} from '../support/test-server.js';

const KEY = 'sk_test_failureTestKey0000000000000000';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function api(base: string, path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, string>;
}

function onPort(wsUrl: string, base: string): string {
  const url = new URL(wsUrl);
  url.port = new URL(base).port;
  return url.toString();
}

describe('failures', () => {
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('a node killed with SIGKILL: its clients resume on another node with no gap, every acked vote stored once', async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      POKERROOM_BOOTSTRAP_KEY: KEY,
    };
    const nodeA = await startServerProcess(env);
    cleanups.push(() => nodeA.stop('SIGKILL'));
    const nodeB = await startServerProcess(env);
    cleanups.push(() => nodeB.stop('SIGTERM'));

    const room = await api(nodeA.url, '/v1/rooms', {});
    const fac = await api(nodeA.url, `/v1/rooms/${room.id}/tokens`, { name: 'Fay', role: 'facilitator' });
    const voter = await api(nodeA.url, `/v1/rooms/${room.id}/tokens`, { name: 'Vic', role: 'voter' });
    const facilitator = await ProtocolClient.connect(onPort(fac.wsUrl ?? '', nodeB.url), fac.token ?? '');
    const onA = await ProtocolClient.connect(onPort(voter.wsUrl ?? '', nodeA.url), voter.token ?? '');
    expect((await facilitator.send('round.start', {})).ok).toBe(true);
    const acked: string[] = [];
    for (const card of ['1', '2', '3']) {
      if ((await onA.send('vote.cast', { card })).ok) acked.push(card);
    }
    await onA.waitFor((m) => m.t === 'vote.cast' && 'seq' in m && m.seq >= 0);
    const lastSeq = Math.max(onA.welcome.seq, ...onA.events.map((e) => e.seq));

    expect(await nodeA.stop('SIGKILL')).toBe('SIGKILL');
    expect(await onA.closed()).toBe(1006);
    // Meanwhile the room goes on through node B.
    expect((await facilitator.send('story.add', { title: 'While A was down' })).ok).toBe(true);

    const resumed = await ProtocolClient.connect(onPort(voter.wsUrl ?? '', nodeB.url), voter.token ?? '');
    expect(resumed.welcome.yourVote).toBe(acked.at(-1));
    const answer = await resumed.send('resume', { lastSeq });
    expect(answer.ok && answer.result?.resume).toBe('replay');
    const seqs = resumed.events.filter((e) => e.seq <= resumed.welcome.seq).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: resumed.welcome.seq - lastSeq }, (_, i) => lastSeq + 1 + i));
    expect(resumed.events.some((e) => e.t === 'story.added')).toBe(true);

    const sql = connectPostgres(database.url, { max: 1 });
    const roomId = room.id ?? '';
    const votes = await sql<{ type: string; payload: { card: string } }[]>`
      select type, payload from room_events where room_id = ${roomId} and type = 'vote.cast' order by seq`;
    await sql.end();
    expect(votes.map((v) => v.payload.card)).toEqual(acked);
    await Promise.all([facilitator.close(), resumed.close()]);
  }, 90_000);

  it('Redis restarted: nodes resubscribe by themselves and repair what they missed from the log', async () => {
    const port = 16000 + Math.floor(Math.random() * 1000);
    let redis = await startRedis(port);
    cleanups.push(async () => redis.kill('SIGKILL'));
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const env = { DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${port}` };
    const nodeA = await startTestServer('postgres', env);
    cleanups.push(() => nodeA.destroy());
    const nodeB = await startTestServer('postgres', env);
    cleanups.push(() => nodeB.destroy());

    const room = await nodeA.createRoom({});
    const fac = await nodeA.mintToken(room.id, { name: 'Fay', role: 'facilitator' });
    const obs = await nodeA.mintToken(room.id, { name: 'Obs', role: 'observer' });
    const facilitator = await ProtocolClient.connect(fac.wsUrl, fac.token);
    const watcher = await ProtocolClient.connect(onPort(obs.wsUrl, nodeB.url), obs.token);

    redis.kill('SIGKILL');
    // Node B notices when its Redis connection drops: wait for that, not for a guessed time.
    const readiness = async () => {
      const answer = await fetch(`${nodeB.url}/readyz`);
      return { status: answer.status, body: await answer.json() };
    };
    await expect
      .poll(readiness, { timeout: 10_000, interval: 50 })
      .toMatchObject({ status: 503, body: { checks: { storage: 'up', bus: 'down' } } });
    // Stored through node A while node B can't hear about it.
    for (let i = 0; i < 5; i++)
      expect((await facilitator.send('story.add', { title: `Dark ${i}` })).ok).toBe(true);
    redis = await startRedis(port);
    // After resubscribing, node B re-reads the log: the watcher gets every missed event, in order.
    const sql = connectPostgres(database.url, { max: 1 });
    const [row] = await sql<{ seq: string }[]>`select seq from rooms where id = ${room.id}`;
    await sql.end();
    await watcher.waitFor((m) => 'seq' in m && m.seq >= Number(row?.seq), 20_000);
    const seqs = watcher.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => watcher.welcome.seq + 1 + i));
    expect(watcher.events.filter((e) => e.t === 'story.added')).toHaveLength(5);
    // ioredis reconnects with a growing delay: wait (bounded) until node B reports the bus up again.
    await expect
      .poll(readiness, { timeout: 10_000, interval: 100 })
      .toMatchObject({ body: { status: 'ready', checks: { bus: 'up' } } });
    // And fan-out works again.
    expect((await facilitator.send('story.add', { title: 'Back' })).ok).toBe(true);
    await watcher.waitFor((m) => m.t === 'story.added' && m.d.stories[0]?.title === 'Back', 10_000);
    await Promise.all([facilitator.close(), watcher.close()]);
  }, 90_000);

  it('PostgreSQL away for a few seconds: commands fail retryably, nothing unstored is acked, service recovers', async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const admin = new URL(POSTGRES_ADMIN_URL);
    const proxy = await TcpProxy.start({ host: admin.hostname, port: Number(admin.port || 5432) });
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    const node: TestServer = await startTestServer('postgres', { DATABASE_URL: viaProxy.toString() });
    cleanups.push(() => node.destroy());

    const room = await node.createRoom({});
    const t = await node.mintToken(room.id, { name: 'Fay', role: 'facilitator' });
    const client = await ProtocolClient.connect(t.wsUrl, t.token);
    expect((await client.send('round.start', {})).ok).toBe(true);

    proxy.cut();
    const refused = await client.send('vote.cast', { card: '5' }, 15_000);
    expect(refused).toMatchObject({ ok: false, code: 'storage_unavailable', retryable: true });
    expect((await fetch(`${node.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    proxy.restore();

    // Retried as a client would (the refusal is retryable) until the node reaches storage again.
    await expect
      .poll(async () => (await client.send('vote.cast', { card: '8' }, 15_000)).ok, {
        timeout: 20_000,
        interval: 250,
      })
      .toBe(true);
    expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
    const sql = connectPostgres(database.url, { max: 1 });
    const cards = await sql<{ payload: { card: string } }[]>`
      select payload from room_events where room_id = ${room.id} and type = 'vote.cast'`;
    await sql.end();
    expect(cards.map((c) => c.payload.card)).toEqual(['8']);
    await client.close();
  }, 90_000);
});
