import { describe, expect, it } from 'vitest';
import type { ApiFixture } from '../fixture.js';

export function authSuite(get: () => ApiFixture): void {
  describe('authentication and keys', () => {
    it('answers 401 api_key_missing without a key and 401 api_key_invalid for a malformed or unknown one', async () => {
      const { api } = get();
      expect((await api.get('/v1/rooms', { key: null })).body).toMatchObject({
        status: 401,
        code: 'api_key_missing',
      });
      const malformed = await api.get('/v1/rooms', {
        key: null,
        headers: { authorization: 'Bearer not-a-key' },
      });
      expect(malformed.body.code).toBe('api_key_invalid');
      const basic = await api.get('/v1/rooms', {
        key: null,
        headers: { authorization: 'Basic dXNlcjpwYXNz' },
      });
      expect(basic.body.code).toBe('api_key_invalid');
      const unknown = await api.get('/v1/rooms', { key: 'sk_test_000000000000000000000000unknown' });
      expect(unknown.body.code).toBe('api_key_invalid');
    });

    it('answers 403 scope_missing when the key lacks the route’s scope', async () => {
      const { api } = await get().newAccount(['tokens']);
      const response = await api.get('/v1/rooms');
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        code: 'scope_missing',
        detail: expect.stringContaining('"rooms"'),
      });
    });

    it('answers 404 room_not_found for another account’s room on every room route', async () => {
      const { api } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const story = (await api.post(`/v1/rooms/${room}/stories`, { title: 'Mine' })).body.id as string;
      const other = (await get().newAccount()).api;
      const attempts = [
        other.get(`/v1/rooms/${room}`),
        other.patch(`/v1/rooms/${room}`, { name: 'Stolen' }),
        other.delete(`/v1/rooms/${room}`),
        other.post(`/v1/rooms/${room}/tokens`, { name: 'Mallory' }),
        other.post(`/v1/rooms/${room}/stories`, { title: 'Spam' }),
        other.patch(`/v1/rooms/${room}/stories/${story}`, { title: 'Spam' }),
        other.get(`/v1/rooms/${room}/history`),
        other.post(`/v1/rooms/${room}/rounds`, {}),
        other.post(`/v1/rooms/${room}/rounds/current/reveal`),
        other.post(`/v1/rooms/${room}/rounds/current/reset`),
        other.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '5' }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('room_not_found');
      }
      const missing = await other.get('/v1/rooms/room_doesNotExist00');
      expect(missing.body.detail).toBe((await other.get(`/v1/rooms/${room}`)).body.detail);
      expect((await api.get(`/v1/rooms/${room}`)).body.closed).toBe(false);
      // The room's opening round is as it was: nobody else moved it.
      expect((await api.get(`/v1/rooms/${room}`)).body.round).toMatchObject({ status: 'voting', voted: [] });
    });

    it('creates keys whose secret is shown once, lists them by their last four, and revokes them', async () => {
      const { api } = await get().newAccount();
      const created = await api.post('/v1/keys', { name: 'CI', scopes: ['rooms', 'history'] });
      expect(created.status).toBe(201);
      const secret = created.body.secret as string;
      expect(secret).toMatch(/^sk_test_/);
      expect(created.body.last4).toBe(secret.slice(-4));
      const listed = await api.get('/v1/keys');
      expect(listed.text).not.toContain(secret);
      expect(listed.body.data).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: created.body.id, last4: secret.slice(-4) })]),
      );

      const ci = api.request.bind(api);
      const asCi = (path: string) => ci('GET', path, { key: secret });
      expect((await asCi('/v1/rooms')).status).toBe(200);
      expect((await asCi('/v1/keys')).body.code).toBe('scope_missing');

      const revoked = await api.delete(`/v1/keys/${created.body.id}`);
      expect(revoked.body.revokedAt).not.toBeNull();
      expect((await asCi('/v1/rooms')).body).toMatchObject({ status: 401, code: 'api_key_revoked' });
      expect((await api.delete('/v1/keys/key_unknown')).body.code).toBe('not_found');
    });

    it('never lets a key create a key with more power than itself', async () => {
      const { api } = await get().newAccount(['keys', 'rooms']);
      const wider = await api.post('/v1/keys', { scopes: ['rooms', 'usage'] });
      expect(wider.status).toBe(403);
      expect(wider.body.detail).toContain('usage');
      expect((await api.post('/v1/keys', { mode: 'live' })).body.code).toBe('key_mode_mismatch');
    });

    it('rotates a key: the old one works through the grace period, then is refused', async () => {
      const { api } = await get().newAccount();
      const old = await api.post('/v1/keys', { name: 'Deploy', scopes: ['rooms', 'keys'] });
      const rotated = await api.post(`/v1/keys/${old.body.id}/rotate`, { gracePeriodSeconds: 3600 });
      expect(rotated.status).toBe(201);
      expect(rotated.body).toMatchObject({ name: 'Deploy', scopes: ['rooms', 'keys'] });
      expect(rotated.body.secret).not.toBe(old.body.secret);
      expect((await api.get('/v1/rooms', { key: old.body.secret })).status).toBe(200);
      expect((await api.get('/v1/rooms', { key: rotated.body.secret })).status).toBe(200);
      const listed = await api.get('/v1/keys');
      expect(listed.body.data.find((k: { id: string }) => k.id === old.body.id).expiresAt).not.toBeNull();

      const now = await api.post(`/v1/keys/${rotated.body.id}/rotate`, { gracePeriodSeconds: 0 });
      expect((await api.get('/v1/rooms', { key: rotated.body.secret })).body.code).toBe('api_key_revoked');
      expect((await api.get('/v1/rooms', { key: now.body.secret })).status).toBe(200);
      expect((await api.post(`/v1/keys/${rotated.body.id}/rotate`, {})).body.code).toBe('not_found');
    });
  });
}
