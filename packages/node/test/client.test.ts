import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import { PokerRoom, PokerRoomError, retryingFetch } from '../src/index.js';

let server: TestServer;
let poker: PokerRoom;

beforeAll(async () => {
  server = await startTestServer('postgres');
  poker = new PokerRoom({ apiKey: server.key, baseUrl: server.url });
});

afterAll(async () => {
  await server?.destroy();
});

describe('PokerRoom against the real server', () => {
  it('creates a room, fills its queue, mints a token and reads it back', async () => {
    const room = await poker.rooms.create({ name: 'SDK room', deck: { kind: 'fibonacci' } });
    expect(room).toMatchObject({ name: 'SDK room', closed: false, deck: { kind: 'fibonacci' } });
    const stories = await poker.stories.import(room.id, [{ title: 'One' }, { title: 'Two' }]);
    await poker.stories.reorder(room.id, [stories[1]?.id ?? '', stories[0]?.id ?? '']);
    await poker.stories.update(room.id, stories[0]?.id ?? '', { title: 'One, edited' });
    const added = await poker.stories.add(room.id, { title: 'Three' });
    await poker.stories.remove(room.id, added.id);
    const token = await poker.rooms.mintToken(room.id, { name: 'Ada', role: 'facilitator' });
    expect(token.wsUrl).toContain('/v1/ws');
    const detail = await poker.rooms.get(room.id);
    expect(detail.stories.map((s) => s.title)).toEqual(['Two', 'One, edited']);
    expect((await poker.rooms.update(room.id, { name: 'Renamed' })).name).toBe('Renamed');
    expect((await poker.history.get(room.id)).rounds).toEqual([]);
    const csv = await new Response(await poker.history.csv(room.id)).text();
    expect(csv).toMatch(/^round_id,/);
    expect((await poker.usage.get()).rooms).toBeGreaterThanOrEqual(1);
    expect((await poker.rooms.close(room.id)).closed).toBe(true);
  });

  it('drives a round: start, reveal, vote again, finalize, with the domain’s codes on conflicts', async () => {
    const room = await poker.rooms.create({});
    const story = await poker.stories.add(room.id, { title: 'Driven' });
    const started = await poker.rounds.start(room.id, { storyId: story.id });
    expect(started).toMatchObject({ storyId: story.id, status: 'voting' });
    expect((await poker.rounds.reveal(room.id)).status).toBe('revealed');
    const refused = await poker.rounds.reveal(room.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PokerRoomError);
    expect((refused as PokerRoomError).code).toBe('round_already_revealed');
    const again = await poker.rounds.reset(room.id);
    expect(again.id).not.toBe(started.id);
    const early = await poker.rounds.finalize(room.id, '5').catch((error: unknown) => error);
    expect((early as PokerRoomError).code).toBe('round_not_revealed');
    await poker.rounds.reveal(room.id);
    expect(await poker.rounds.finalize(room.id, '5')).toMatchObject({ status: 'finalized', estimate: '5' });
    expect((await poker.rooms.get(room.id)).stories[0]).toMatchObject({ status: 'estimated', estimate: '5' });
  });

  it('pages through every room', async () => {
    for (let i = 0; i < 3; i++) await poker.rooms.create({ name: `Paged ${i}` });
    const seen: string[] = [];
    for await (const room of poker.rooms.all({ limit: 2 })) seen.push(room.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('manages keys', async () => {
    const key = await poker.keys.create({ name: 'SDK', scopes: ['rooms'] });
    expect((await poker.keys.list()).some((k) => k.id === key.id)).toBe(true);
    const rotated = await poker.keys.rotate(key.id, 0);
    expect(rotated.secret).not.toBe(key.secret);
    expect((await poker.keys.revoke(rotated.id)).revokedAt).not.toBeNull();
  });

  it('throws PokerRoomError with the stable code', async () => {
    const error = await poker.rooms.get('room_doesNotExist0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PokerRoomError);
    expect(error).toMatchObject({ code: 'room_not_found', status: 404, retryable: false });
    const offline = new PokerRoom({
      apiKey: server.key,
      baseUrl: 'http://127.0.0.1:1',
      retry: { maxRetries: 0 },
    });
    await expect(offline.rooms.list()).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });

  it('sends an Idempotency-Key on every POST and keeps it across retries, so a retried POST runs once', async () => {
    const seen: string[] = [];
    let attempts = 0;
    const flaky: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push(request.headers.get('idempotency-key') ?? '');
      const response = await fetch(request);
      // The first answer is lost on the way back, as on a flaky network.
      if (++attempts === 1) return new Response('{}', { status: 503, headers: { 'retry-after': '0' } });
      return response;
    };
    const sdk = new PokerRoom({
      apiKey: server.key,
      baseUrl: server.url,
      fetch: flaky,
      retry: { baseDelayMs: 1 },
    });
    const before = (await poker.rooms.list({ limit: 100 })).data.length;
    const room = await sdk.rooms.create({ name: 'Exactly once' });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]).toBe(seen[0]);
    const after = (await poker.rooms.list({ limit: 100 })).data;
    expect(after.length).toBe(before + 1);
    expect(after[0]?.id).toBe(room.id);
  });
});

describe('retryingFetch', () => {
  it('honours Retry-After on 429 and gives up after maxRetries', async () => {
    const at: number[] = [];
    const limited: typeof fetch = async () => {
      at.push(Date.now());
      return new Response('{}', { status: 429, headers: { 'retry-after': '1' } });
    };
    const response = await retryingFetch(limited, { maxRetries: 1 })('http://x.invalid/v1/rooms');
    expect(response.status).toBe(429);
    expect(at).toHaveLength(2);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not retry answers that will not change', async () => {
    let calls = 0;
    const refused: typeof fetch = async () => {
      calls++;
      return new Response('{}', { status: 400 });
    };
    expect((await retryingFetch(refused)('http://x.invalid/')).status).toBe(400);
    expect(calls).toBe(1);
  });
});
