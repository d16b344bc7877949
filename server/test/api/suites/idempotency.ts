import { describe, expect, it } from 'vitest';
import type { ApiFixture } from '../fixture.js';

export function idempotencySuite(get: () => ApiFixture): void {
  describe('Idempotency-Key and rate limits', () => {
    it('answers a repeated POST with the stored response, and runs it once', async () => {
      const { api } = await get().newAccount();
      const headers = { 'idempotency-key': 'create-room-1' };
      const first = await api.post('/v1/rooms', { name: 'Once' }, { headers });
      const again = await api.post('/v1/rooms', { name: 'Once' }, { headers });
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect((await api.get('/v1/rooms')).body.data).toHaveLength(1);
    });

    it('answers 409 idempotency_conflict when the key comes back with another body', async () => {
      const { api } = await get().newAccount();
      const headers = { 'idempotency-key': 'k-2' };
      await api.post('/v1/rooms', { name: 'A' }, { headers });
      const other = await api.post('/v1/rooms', { name: 'B' }, { headers });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('idempotency_conflict');
    });

    it('replays a refusal too, keeps keys per account, and checks the key itself', async () => {
      const { api } = await get().newAccount();
      const headers = { 'idempotency-key': 'k-3' };
      const refused = await api.post('/v1/rooms/room_missing00000/tokens', { name: 'X' }, { headers });
      const again = await api.post('/v1/rooms/room_missing00000/tokens', { name: 'X' }, { headers });
      expect(again.status).toBe(404);
      expect(again.text).toBe(refused.text);
      const elsewhere = await get().api.post('/v1/rooms', {}, { headers });
      expect(elsewhere.status).toBe(201);
      const bad = await api.post('/v1/rooms', {}, { headers: { 'idempotency-key': 'x'.repeat(300) } });
      expect(bad.body).toMatchObject({
        code: 'invalid_request',
        detail: expect.stringMatching(/^Idempotency-Key/),
      });
    });

    it('runs concurrent requests with one key exactly once', async () => {
      const { api } = await get().newAccount();
      const headers = { 'idempotency-key': 'race' };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => api.post('/v1/rooms', { name: 'Race' }, { headers })),
      );
      const created = answers.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
      for (const answer of answers.filter((a) => a.status !== 201))
        expect(answer.body.code).toBe('idempotency_conflict');
      expect((await api.get('/v1/rooms')).body.data).toHaveLength(1);
    });

    it('limits each key with a token bucket: 429 rate_limited with Retry-After and RateLimit headers', async () => {
      const { api } = get();
      const limited = await api.post('/v1/keys', {
        name: 'Slow script',
        rateLimit: { perSecond: 1, burst: 2 },
      });
      const key = limited.body.secret as string;
      const first = await api.get('/v1/rooms?limit=1', { key });
      expect(first.headers.get('ratelimit-limit')).toBe('2');
      expect(first.headers.get('ratelimit-remaining')).toBe('1');
      await api.get('/v1/rooms?limit=1', { key });
      const refused = await api.get('/v1/rooms?limit=1', { key });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'rate_limited', retryable: true });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect((await api.get('/v1/rooms?limit=1')).status).toBe(200);
    });
  });
}
