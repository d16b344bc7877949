import { describe, expect, it } from 'vitest';
import type { ApiFixture } from '../fixture.js';

export function roomsSuite(get: () => ApiFixture): void {
  describe('rooms', () => {
    it('creates a room with defaults, and with a preset deck and settings', async () => {
      const { api } = get();
      const plain = await api.post('/v1/rooms', {});
      expect(plain.status).toBe(201);
      expect(plain.body).toMatchObject({
        name: 'Planning poker',
        closed: false,
        closedAt: null,
        deck: { kind: 'modified-fibonacci' },
      });
      const custom = await api.post('/v1/rooms', {
        name: 'Sprint 12',
        deck: { kind: 't-shirt' },
        settings: { autoReveal: true },
      });
      expect(custom.body).toMatchObject({
        name: 'Sprint 12',
        deck: { kind: 't-shirt' },
        settings: { autoReveal: true, anonymous: false },
      });
    });

    it('refuses a custom deck without cards with invalid_deck', async () => {
      const response = await get().api.post('/v1/rooms', { deck: { kind: 'custom' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'invalid_deck',
        detail: expect.stringContaining('deck.cards'),
      });
    });

    it('reads a room with its live state', async () => {
      const { api, join } = get();
      const room = await api.post('/v1/rooms', { name: 'Live' });
      await join(room.body.id, 'Ada', 'facilitator');
      const read = await api.get(`/v1/rooms/${room.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        id: room.body.id,
        name: 'Live',
        stories: [],
        // Ready to vote from the start: the room opened its round when it was created.
        round: { status: 'voting', storyId: null, voted: [] },
        timer: null,
      });
      expect(read.body.participants).toEqual([expect.objectContaining({ name: 'Ada', role: 'facilitator' })]);
    });

    it('changes name, deck and settings through the room, so connected participants see it', async () => {
      const { api, join } = get();
      const room = await api.post('/v1/rooms', { name: 'Before' });
      const voter = await join(room.body.id, 'Bob');
      const patched = await api.patch(`/v1/rooms/${room.body.id}`, {
        name: 'After',
        deck: { kind: 'powers-of-two' },
        settings: { revealPolicy: 'voters' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: 'After',
        deck: { kind: 'powers-of-two' },
        settings: { revealPolicy: 'voters' },
      });
      const event = await voter.waitFor((m) => m.t === 'room.updated' && m.d.name === 'After');
      expect(event.d).toMatchObject({ deck: { kind: 'powers-of-two' } });
      expect((await api.get(`/v1/rooms/${room.body.id}`)).body.name).toBe('After');
    });

    it('closes a room: participants are disconnected with 4002, and later changes are refused', async () => {
      const { api, join } = get();
      const room = await api.post('/v1/rooms', {});
      const voter = await join(room.body.id, 'Cy');
      const closed = await api.delete(`/v1/rooms/${room.body.id}`);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ closed: true, closedAt: expect.any(String) });
      expect(await voter.closed()).toBe(4002);
      expect((await api.delete(`/v1/rooms/${room.body.id}`)).body.closed).toBe(true);
      const patch = await api.patch(`/v1/rooms/${room.body.id}`, { name: 'Too late' });
      expect(patch.status).toBe(409);
      expect(patch.body.code).toBe('room_closed');
      const token = await api.post(`/v1/rooms/${room.body.id}/tokens`, { name: 'Late' });
      expect(token.body.code).toBe('room_closed');
    });

    it('pages through rooms newest first, stable while rooms are created, with a closed filter', async () => {
      const { api } = await get().newAccount();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await api.post('/v1/rooms', { name: `Room ${i}` })).body.id);
      const first = await api.get('/v1/rooms?limit=2');
      expect(first.body.data.map((r: { id: string }) => r.id)).toEqual([ids[4], ids[3]]);
      await api.post('/v1/rooms', { name: 'Created meanwhile' });
      const second = await api.get(`/v1/rooms?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.data.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
      const third = await api.get(`/v1/rooms?limit=2&cursor=${second.body.nextCursor}`);
      expect(third.body).toMatchObject({ data: [{ id: ids[0] }], nextCursor: null });

      await api.delete(`/v1/rooms/${ids[0]}`);
      const closed = await api.get('/v1/rooms?closed=true');
      expect(closed.body.data.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
      const open = await api.get('/v1/rooms?closed=false&limit=100');
      expect(open.body.data).toHaveLength(5);
      expect(open.body.data.every((r: { closed: boolean }) => !r.closed)).toBe(true);
    });

    it('refuses bad paging parameters with the parameter named', async () => {
      const { api } = get();
      expect((await api.get('/v1/rooms?limit=0')).body).toMatchObject({
        code: 'invalid_request',
        detail: expect.stringMatching(/^limit/),
      });
      expect((await api.get('/v1/rooms?closed=maybe')).body.detail).toMatch(/^closed/);
      expect((await api.get('/v1/rooms?cursor=bm9wZQ')).body.detail).toMatch(/^cursor/);
      const other = await get().newAccount();
      const theirs = await other.api.post('/v1/rooms', {});
      const cursor = Buffer.from(theirs.body.id).toString('base64url');
      expect((await api.get(`/v1/rooms?cursor=${cursor}`)).body).toMatchObject({ code: 'invalid_request' });
    });

    it('mints participant tokens with bounded lifetimes', async () => {
      const { api } = get();
      const room = await api.post('/v1/rooms', {});
      const token = await api.post(`/v1/rooms/${room.body.id}/tokens`, {
        name: 'Dee',
        role: 'observer',
        ttlSeconds: 120,
      });
      expect(token.status).toBe(201);
      expect(token.body.wsUrl).toContain('/v1/ws');
      expect(Date.parse(token.body.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
      const same = await api.post(`/v1/rooms/${room.body.id}/tokens`, { name: 'Eve', externalUserId: 'u-1' });
      const again = await api.post(`/v1/rooms/${room.body.id}/tokens`, {
        name: 'Eve',
        externalUserId: 'u-1',
      });
      expect(same.body.participantId).toBe(again.body.participantId);
      for (const ttlSeconds of [10, 100_000]) {
        const refused = await api.post(`/v1/rooms/${room.body.id}/tokens`, { name: 'Fay', ttlSeconds });
        expect(refused.body).toMatchObject({
          code: 'invalid_request',
          detail: expect.stringMatching(/^ttlSeconds/),
        });
      }
    });
  });
}
