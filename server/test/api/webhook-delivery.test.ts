import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../../packages/node/src/webhooks.js';
import { type RunningServer, startServer } from '../../src/app.js';
import { loadConfig } from '../../src/ops/config.js';
import { createLogger } from '../../src/ops/logger.js';
import { createAccount } from '../../src/storage/accounts.js';
import { createApiKey } from '../../src/storage/api-keys.js';
import { connectPostgres, type Sql } from '../../src/storage/database.js';
import type { DeliverySettings } from '../../src/webhooks/delivery-worker.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { createTestDatabase } from '../support/test-server.js';
import { ApiClient } from './api-client.js';
import { checkWebhookDelivery, deliveredEventTypes, spec } from './contract.js';

// Deliveries end to end: a real server on PostgreSQL with a fast worker, and real HTTP receivers.
const SETTINGS: Partial<DeliverySettings> = {
  pollMs: 25,
  timeoutMs: 2000,
  retryDelaysMs: [150, 300, 600],
  jitter: 0.2,
  disableAfterFailures: 3,
};

/** The body of a delivery. */
interface Payload {
  readonly id: string;
  readonly type: string;
  readonly createdAt: string;
  readonly data: Record<string, unknown>;
}

/** One request a receiver got, and what it answered. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number;
  readonly at: number;
}

/** Every body a receiver got that breaks its event type's schema in the contract's `webhooks` section. */
const schemaProblems: string[] = [];

/** A local webhook receiver; `answer` decides each response's status. */
class Receiver {
  readonly received: Received[] = [];
  answer: (attempt: number) => number = () => 204;
  #server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answered = this.answer(this.received.length + 1);
        const text = Buffer.concat(chunks).toString();
        schemaProblems.push(...checkWebhookDelivery(JSON.parse(text)));
        this.received.push({
          headers: req.headers,
          body: text,
          answered,
          at: Date.now(),
        });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/webhooks`;
    return this;
  }

  /** The parsed bodies of the requests answered with 2xx. */
  delivered(): { id: string; type: string; data: Record<string, unknown> }[] {
    return this.received.filter((r) => r.answered < 300).map((r) => JSON.parse(r.body));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}

let server: RunningServer;
let sql: Sql;
let dropDatabase: () => Promise<void>;
let dataDir: string;
let config: ReturnType<typeof loadConfig>;
const receivers: Receiver[] = [];
const sockets: ProtocolClient[] = [];

const boot = () => startServer(config, { logger: createLogger('silent'), webhooks: SETTINGS });

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  dataDir = mkdtempSync(join(tmpdir(), 'pokerroom-webhooks-'));
  config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    POKERROOM_DATA_DIR: dataDir,
    POKERROOM_BOOTSTRAP_KEY: 'sk_test_webhookDeliveryTestKey000000000',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
  });
  server = await boot();
  sql = connectPostgres(database.url, { max: 2 });
}, 30_000);

afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await server?.stop();
  await sql?.end();
  await dropDatabase?.();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh account (its own rooms and endpoints), a receiver, and an endpoint pointing at it. */
async function setUp(eventTypes: string[]) {
  const accountId = await createAccount(sql, 'Webhook account');
  const { secret } = await createApiKey(sql, accountId);
  const api = new ApiClient(server.url, secret);
  const receiver = await new Receiver().start();
  receivers.push(receiver);
  const endpoint = (await api.post('/v1/webhooks', { url: receiver.url, eventTypes })).body;
  expect(endpoint.secret).toMatch(/^whsec_/);
  return { api, receiver, endpoint: endpoint as { id: string; secret: string } };
}

async function joinRoom(api: ApiClient, roomId: string, name: string, role = 'voter') {
  const minted = await api.post(`/v1/rooms/${roomId}/tokens`, { name, role });
  const client = await ProtocolClient.connect(minted.body.wsUrl, minted.body.token);
  sockets.push(client);
  return { client, participantId: minted.body.participantId as string };
}

const until = (check: () => boolean | Promise<boolean>, timeout = 10_000) =>
  expect.poll(check, { timeout, interval: 20 }).toBe(true);

/**
 * Whether every delivery of the endpoint in the outbox is delivered, and there are `count`: then
 * nothing more can be sent to it, so what the receiver holds is final.
 */
async function outboxDelivered(endpointId: string, count: number): Promise<boolean> {
  const [row] = await sql<{ total: number; delivered: number }[]>`
    select count(*)::int as total, count(*) filter (where status = 'delivered')::int as delivered
    from webhook_deliveries where endpoint_id = ${endpointId}`;
  return row?.total === count && row.delivered === count;
}

describe('webhook deliveries', () => {
  it('delivers each event once, signed, with its public payload', async () => {
    const { api, receiver, endpoint } = await setUp([
      'participant.joined',
      'round.revealed',
      'story.estimated',
      'room.closed',
    ]);
    const room = (await api.post('/v1/rooms', {})).body.id as string;
    const story = (await api.post(`/v1/rooms/${room}/stories`, { title: 'Login', externalId: 'PR-1' })).body
      .id;
    const ada = await joinRoom(api, room, 'Ada', 'facilitator');
    const bob = await joinRoom(api, room, 'Bob');
    for (const answer of [
      await ada.client.send('round.start', { storyId: story }),
      await ada.client.send('vote.cast', { card: '5' }),
      await bob.client.send('vote.cast', { card: '8' }),
      await ada.client.send('round.reveal', {}),
      await ada.client.send('round.finalize', { estimate: '8' }),
    ]) {
      expect(answer).toMatchObject({ ok: true });
    }
    await api.delete(`/v1/rooms/${room}`);
    await until(() => outboxDelivered(endpoint.id, 5));

    const events = receiver.received.map((r) => verifyWebhook<Payload>(r.body, r.headers, endpoint.secret));
    const payloads = events.map((e) => e.payload);
    expect(payloads.map((p) => p.type)).toEqual([
      'participant.joined',
      'participant.joined',
      'round.revealed',
      'story.estimated',
      'room.closed',
    ]);
    expect(new Set(payloads.map((p) => p.id)).size).toBe(5);
    for (const [i, event] of events.entries()) {
      expect(event.id).toBe(payloads[i]?.id);
      expect(receiver.received[i]?.headers['poker-room-delivery-id']).toBe(event.id);
      expect(receiver.received[i]?.headers['content-type']).toBe('application/json');
    }
    const [joinedAda, joinedBob, revealed, estimated, closed] = payloads;
    expect(joinedAda?.data).toMatchObject({
      roomId: room,
      participant: { id: ada.participantId, name: 'Ada' },
    });
    expect(joinedBob?.data).toMatchObject({
      participant: { id: bob.participantId, name: 'Bob', role: 'voter' },
    });
    expect(revealed?.data).toMatchObject({
      roomId: room,
      storyId: story,
      anonymous: false,
      stats: { count: 2 },
    });
    expect(revealed?.data.votes).toEqual(
      expect.arrayContaining([
        { participantId: ada.participantId, card: '5' },
        { participantId: bob.participantId, card: '8' },
      ]),
    );
    expect(estimated?.data).toMatchObject({
      roomId: room,
      storyId: story,
      externalId: 'PR-1',
      estimate: '8',
    });
    expect(closed?.data).toEqual({ roomId: room });

    // By hand: Poker-Room-Signature carries the same HMAC in hex.
    const first = receiver.received[0];
    const header = String(first?.headers['poker-room-signature']);
    const t = /t=(\d+)/.exec(header)?.[1];
    const key = Buffer.from(endpoint.secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${payloads[0]?.id}.${t}.${first?.body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${expected}`);

    const log = await api.get(`/v1/webhooks/${endpoint.id}/deliveries`);
    expect(log.body.data).toHaveLength(5);
    expect(log.body.data[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastResponseStatus: 204,
      nextAttemptAt: null,
    });
  }, 30_000);

  it('hides who voted what in anonymous rounds', async () => {
    const { api, receiver } = await setUp(['round.revealed']);
    const room = (await api.post('/v1/rooms', { settings: { anonymous: true } })).body.id as string;
    const ada = await joinRoom(api, room, 'Ada', 'facilitator');
    const bob = await joinRoom(api, room, 'Bob');
    await ada.client.send('round.start', {});
    await ada.client.send('vote.cast', { card: '8' });
    await bob.client.send('vote.cast', { card: '3' });
    await ada.client.send('round.reveal', {});
    await until(() => receiver.received.length === 1);
    const data = receiver.delivered()[0]?.data;
    expect(data).toMatchObject({ anonymous: true, votes: [{ card: '3' }, { card: '8' }] });
    expect(receiver.received[0]?.body).not.toContain(ada.participantId);
  }, 20_000);

  it('retries a failing endpoint with growing waits, then delivers once it recovers', async () => {
    const { api, receiver, endpoint } = await setUp(['room.closed']);
    receiver.answer = (attempt) => (attempt <= 2 ? 500 : 200);
    const room = (await api.post('/v1/rooms', {})).body.id as string;
    await api.delete(`/v1/rooms/${room}`);
    await until(() => receiver.delivered().length === 1);
    const [a, b, c] = receiver.received;
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const firstWait = (b?.at ?? 0) - (a?.at ?? 0);
    const secondWait = (c?.at ?? 0) - (b?.at ?? 0);
    expect(firstWait).toBeGreaterThanOrEqual(150 * 0.8);
    expect(secondWait).toBeGreaterThanOrEqual(300 * 0.8);
    const log = await api.get(`/v1/webhooks/${endpoint.id}/deliveries`);
    expect(log.body.data[0]).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastResponseStatus: 200,
      lastError: null,
    });
  }, 20_000);

  it('keeps retrying across a restart, and never delivers a delivery twice', async () => {
    const { api, receiver, endpoint } = await setUp(['room.closed']);
    receiver.answer = () => 503;
    const room = (await api.post('/v1/rooms', {})).body.id as string;
    await api.delete(`/v1/rooms/${room}`);
    // Stop once the failed attempt is recorded: an attempt still in flight at the stop is handed
    // back uncounted (by design), and on a busy machine the 503 can arrive after the stop.
    const attemptsMade = async () =>
      (
        await sql<{ attempts: number }[]>`
        select attempts from webhook_deliveries where endpoint_id = ${endpoint.id}`
      )[0]?.attempts ?? 0;
    await until(async () => (await attemptsMade()) === 1);
    await server.stop();
    const [pending] = await sql<{ status: string; attempts: number }[]>`
      select status, attempts from webhook_deliveries where endpoint_id = ${endpoint.id}`;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });

    receiver.answer = () => 200;
    server = await boot();
    await until(() => outboxDelivered(endpoint.id, 1));
    const ids = receiver.delivered().map((d) => d.id);
    expect(ids).toHaveLength(1);
    expect(receiver.received.every((r) => r.headers['webhook-id'] === ids[0])).toBe(true);
    const [done] = await sql<{ status: string; attempts: number }[]>`
      select status, attempts from webhook_deliveries where endpoint_id = ${endpoint.id}`;
    expect(done).toMatchObject({ status: 'delivered', attempts: 2 });
  }, 30_000);

  it('signs with both secrets while a rotation’s grace period lasts, and sends test events', async () => {
    const { api, receiver, endpoint } = await setUp(['room.closed']);
    const rotated = await api.post(`/v1/webhooks/${endpoint.id}/rotate`, { gracePeriodSeconds: 3600 });
    const test = await api.post(`/v1/webhooks/${endpoint.id}/test`);
    await until(() => receiver.received.length === 1);
    const [got] = receiver.received;
    if (got === undefined) throw new Error('nothing received');
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(String(got.headers['poker-room-signature']).match(/v1=/g)).toHaveLength(2);
    const withOld = verifyWebhook<{ id: string; type: string; data: unknown }>(
      got.body,
      got.headers,
      endpoint.secret,
    );
    const withNew = verifyWebhook(got.body, got.headers, rotated.body.secret);
    expect(withNew.payload).toEqual(withOld.payload);
    expect(withOld.payload).toMatchObject({
      id: test.body.id,
      type: 'test',
      data: { webhookId: endpoint.id },
    });
    expect(() =>
      verifyWebhook(got.body, got.headers, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='),
    ).toThrow(expect.objectContaining({ code: 'webhook_signature_mismatch' }));

    await api.post(`/v1/webhooks/${endpoint.id}/rotate`, { gracePeriodSeconds: 0 });
    await api.post(`/v1/webhooks/${endpoint.id}/test`);
    await until(() => receiver.received.length === 2);
    expect(String(receiver.received[1]?.headers['webhook-signature']).split(' ')).toHaveLength(1);
  }, 20_000);

  it('disables an endpoint after a streak of failed deliveries, and says why', async () => {
    const { api, receiver, endpoint } = await setUp(['room.closed']);
    receiver.answer = () => 500;
    for (let i = 0; i < 3; i++) await api.post(`/v1/webhooks/${endpoint.id}/test`);
    await until(async () => (await api.get(`/v1/webhooks/${endpoint.id}`)).body.enabled === false);
    const disabled = await api.get(`/v1/webhooks/${endpoint.id}`);
    expect(disabled.body.disabledReason).toMatch(
      /^3 deliveries in a row failed every attempt; the last one got: HTTP 500/,
    );
    const log = await api.get(`/v1/webhooks/${endpoint.id}/deliveries`);
    expect(
      log.body.data.map((d: { status: string; attempts: number }) => `${d.status}:${d.attempts}`),
    ).toEqual(['failed:4', 'failed:4', 'failed:4']);
    expect(receiver.received).toHaveLength(12);

    // Disabled: room events are no longer enqueued for it.
    const room = (await api.post('/v1/rooms', {})).body.id as string;
    await api.delete(`/v1/rooms/${room}`);
    expect((await api.get(`/v1/webhooks/${endpoint.id}/deliveries`)).body.data).toHaveLength(3);

    receiver.answer = () => 200;
    const enabled = await api.patch(`/v1/webhooks/${endpoint.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
    await api.delete(`/v1/rooms/${(await api.post('/v1/rooms', {})).body.id}`);
    await until(() => receiver.delivered().length === 1);
  }, 30_000);

  it('announces rounds driven over REST: story.estimated with what a tracker needs, round.finalized for every round', async () => {
    const { api, receiver } = await setUp(['round.revealed', 'story.estimated', 'round.finalized']);
    const room = (await api.post('/v1/rooms', {})).body.id as string;
    const story = (
      await api.post(`/v1/rooms/${room}/stories`, {
        title: 'Checkout page',
        externalId: 'acme/shop#12',
        url: 'https://tracker.example/acme/shop/issues/12',
      })
    ).body;
    const ada = await joinRoom(api, room, 'Ada');
    const bob = await joinRoom(api, room, 'Bob');
    const round = (await api.post(`/v1/rooms/${room}/rounds`, { storyId: story.id })).body;
    await ada.client.send('vote.cast', { card: '3' });
    await bob.client.send('vote.cast', { card: '5' });
    await api.post(`/v1/rooms/${room}/rounds/current/reveal`);
    await api.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '5' });
    const bare = (await api.post(`/v1/rooms/${room}/rounds`, {})).body;
    await ada.client.send('vote.cast', { card: '1' });
    await api.post(`/v1/rooms/${room}/rounds/current/reveal`);
    await api.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '1' });
    await until(() => receiver.delivered().length === 5);

    const byType = (type: string) => receiver.delivered().filter((d) => d.type === type);
    expect(byType('story.estimated')).toHaveLength(1);
    const estimated = byType('story.estimated')[0]?.data;
    expect(estimated).toMatchObject({
      roomId: room,
      roundId: round.id,
      storyId: story.id,
      title: 'Checkout page',
      externalId: 'acme/shop#12',
      url: 'https://tracker.example/acme/shop/issues/12',
      estimate: '5',
      stats: { count: 2, median: 4, suggestion: '5' },
    });
    expect(estimated?.durationMs).toBeGreaterThanOrEqual(0);
    const finalized = byType('round.finalized').map((d) => d.data);
    expect(finalized).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ roundId: round.id, storyId: story.id, estimate: '5' }),
        expect.objectContaining({
          roundId: bare.id,
          storyId: null,
          estimate: '1',
          stats: expect.objectContaining({ count: 1 }),
        }),
      ]),
    );
    const revealed = byType('round.revealed').map((d) => d.data);
    expect(revealed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          roundId: bare.id,
          storyId: null,
          votes: [{ participantId: ada.participantId, card: '1' }],
        }),
      ]),
    );
  }, 30_000);

  it('delivered bodies that match their schemas in the contract, for every event type it lists', () => {
    expect(schemaProblems).toEqual([]);
    expect([...deliveredEventTypes].sort()).toEqual(Object.keys(spec.webhooks as object).sort());
  });
});
