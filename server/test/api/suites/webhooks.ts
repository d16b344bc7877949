import { describe, expect, it } from 'vitest';
import type { ApiFixture } from '../fixture.js';

/** Nothing listens here: deliveries of this suite fail and wait for their retry, which is all it needs. */
const URL = 'http://127.0.0.1:9/webhooks';

export function webhooksSuite(get: () => ApiFixture): void {
  describe('webhook endpoints', () => {
    it('creates an endpoint whose secret is shown once, lists, reads, changes and deletes it', async () => {
      const { api } = await get().newAccount();
      const created = await api.post('/v1/webhooks', {
        url: URL,
        eventTypes: ['round.revealed', 'room.closed'],
        description: 'Tracker sync',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        url: URL,
        eventTypes: ['round.revealed', 'room.closed'],
        enabled: true,
        disabledReason: null,
      });
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const id = created.body.id as string;

      const listed = await api.get('/v1/webhooks');
      expect(listed.body.data).toEqual([expect.objectContaining({ id })]);
      expect(listed.text).not.toContain(created.body.secret);
      expect((await api.get(`/v1/webhooks/${id}`)).text).not.toContain('whsec_');

      const patched = await api.patch(`/v1/webhooks/${id}`, {
        eventTypes: ['story.estimated'],
        description: null,
        enabled: false,
      });
      expect(patched.body).toMatchObject({
        eventTypes: ['story.estimated'],
        description: null,
        enabled: false,
        disabledReason: 'disabled through the API',
      });
      const enabled = await api.patch(`/v1/webhooks/${id}`, { enabled: true });
      expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });

      expect((await api.delete(`/v1/webhooks/${id}`)).status).toBe(204);
      expect((await api.get(`/v1/webhooks/${id}`)).body.code).toBe('not_found');
    });

    it('refuses URLs it must not call, each with a detail that says what to change', async () => {
      const { api } = await get().newAccount();
      const cases: [string, RegExp][] = [
        ['not a url', /not an absolute URL/],
        ['ftp://example.com/hook', /must start with https:\/\//],
        ['http://example.com/hook', /must use https:\/\//],
        ['https://user:pass@example.com/hook', /user name or password/],
        ['https://example.com/hook#part', /fragment/],
      ];
      for (const [url, detail] of cases) {
        const response = await api.post('/v1/webhooks', { url, eventTypes: ['room.closed'] });
        expect(response.status, url).toBe(400);
        expect(response.body.code, url).toBe('webhook_url_invalid');
        expect(response.body.detail, url).toMatch(detail);
      }
      const noTypes = await api.post('/v1/webhooks', { url: 'https://example.com/hook', eventTypes: [] });
      expect(noTypes.body).toMatchObject({
        code: 'invalid_request',
        detail: expect.stringMatching(/^eventTypes/),
      });
      const unknownType = await api.post('/v1/webhooks', {
        url: 'https://example.com/hook',
        eventTypes: ['vote.cast'],
      });
      expect(unknownType.body.code).toBe('invalid_request');
      const endpoint = await api.post('/v1/webhooks', {
        url: 'https://example.com/hook',
        eventTypes: ['room.closed'],
      });
      const patched = await api.patch(`/v1/webhooks/${endpoint.body.id}`, { url: 'http://example.com/hook' });
      expect(patched.body.code).toBe('webhook_url_invalid');
    });

    it('allows localhost only to test keys', async () => {
      const { sql } = get();
      const { createAccount } = await import('../../../src/storage/accounts.js');
      const { createApiKey } = await import('../../../src/storage/api-keys.js');
      const { ApiClient } = await import('../api-client.js');
      const accountId = await createAccount(sql, 'Live account');
      const { secret } = await createApiKey(sql, accountId, { mode: 'live' });
      const live = new ApiClient(get().server.url, secret);
      for (const url of ['http://127.0.0.1:3000/hook', 'https://localhost/hook', 'https://10.1.2.3/hook']) {
        const response = await live.post('/v1/webhooks', { url, eventTypes: ['room.closed'] });
        expect(response.body.code, url).toBe('webhook_url_invalid');
      }
      expect(
        (await live.post('/v1/webhooks', { url: 'https://example.com/h', eventTypes: ['room.closed'] }))
          .status,
      ).toBe(201);
      const { api } = await get().newAccount();
      expect(
        (await api.post('/v1/webhooks', { url: 'http://localhost:3000/h', eventTypes: ['room.closed'] }))
          .status,
      ).toBe(201);
    });

    it('needs the webhooks scope, and answers 404 not_found for another account’s endpoint', async () => {
      const { api } = await get().newAccount();
      const id = (await api.post('/v1/webhooks', { url: URL, eventTypes: ['room.closed'] })).body
        .id as string;
      const roomsOnly = (await get().newAccount(['rooms'])).api;
      const refused = await roomsOnly.get('/v1/webhooks');
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'scope_missing',
        detail: expect.stringContaining('"webhooks"'),
      });
      expect((await api.get('/v1/webhooks', { key: null })).body.code).toBe('api_key_missing');

      const other = (await get().newAccount()).api;
      const attempts = [
        other.get(`/v1/webhooks/${id}`),
        other.patch(`/v1/webhooks/${id}`, { enabled: false }),
        other.delete(`/v1/webhooks/${id}`),
        other.post(`/v1/webhooks/${id}/rotate`, {}),
        other.get(`/v1/webhooks/${id}/deliveries`),
        other.post(`/v1/webhooks/${id}/test`),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('not_found');
      }
      expect((await other.get('/v1/webhooks')).body.data).toEqual([]);
      expect((await api.get(`/v1/webhooks/${id}`)).body.enabled).toBe(true);
    });

    it('enqueues test events and pages through the delivery log, newest first', async () => {
      const { api } = await get().newAccount();
      const id = (await api.post('/v1/webhooks', { url: URL, eventTypes: ['room.closed'] })).body
        .id as string;
      const sent: string[] = [];
      for (let i = 0; i < 3; i++) {
        const test = await api.post(`/v1/webhooks/${id}/test`);
        expect(test.status).toBe(202);
        expect(test.body).toMatchObject({ type: 'test', status: 'pending', attempts: 0 });
        sent.push(test.body.id);
      }
      const first = await api.get(`/v1/webhooks/${id}/deliveries?limit=2`);
      expect(first.body.data.map((d: { id: string }) => d.id)).toEqual([sent[2], sent[1]]);
      const second = await api.get(`/v1/webhooks/${id}/deliveries?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({
        data: [expect.objectContaining({ id: sent[0] })],
        nextCursor: null,
      });
      expect((await api.get(`/v1/webhooks/${id}/deliveries?cursor=bm9wZQ`)).body.detail).toMatch(/^cursor/);
      expect((await api.get(`/v1/webhooks/${id}/deliveries?limit=0`)).body.detail).toMatch(/^limit/);
    });

    it('rotates the secret: a new one, and the old one signs too until the grace period ends', async () => {
      const { api } = await get().newAccount();
      const created = await api.post('/v1/webhooks', { url: URL, eventTypes: ['room.closed'] });
      const rotated = await api.post(`/v1/webhooks/${created.body.id}/rotate`, { gracePeriodSeconds: 600 });
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(created.body.secret);
      const expires = Date.parse(rotated.body.previousSecretExpiresAt);
      expect(expires - Date.now()).toBeGreaterThan(590_000);
      const now = await api.post(`/v1/webhooks/${created.body.id}/rotate`, { gracePeriodSeconds: 0 });
      expect(now.body.previousSecretExpiresAt).toBeNull();
    });
  });
}
