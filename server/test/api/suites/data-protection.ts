import { CLOSE_CODES } from '@pokerroom/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { PokerRoom } from '../../../../packages/node/src/index.js';
import { connectPostgres } from '../../../src/storage/database.js';
import { ProtocolClient } from '../../support/protocol-client.js';
import { startTestServer } from '../../support/test-server.js';
import { ApiClient } from '../api-client.js';
import type { ApiFixture } from '../fixture.js';

const AVATAR = 'https://cdn.example/avatars/grace-h.png';
const ERASED = {
  participants: 0,
  rooms: 0,
  events: 0,
  webhookDeliveries: 0,
  storedResponses: 0,
  votes: 0,
};

interface Person {
  readonly name: string;
  readonly externalUserId?: string;
  readonly avatarUrl?: string;
  readonly role?: 'facilitator' | 'voter' | 'observer';
}

/** A unique external user id, so tests sharing the server never see each other's people. */
const uniqueUser = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@corp.example`;

export function dataProtectionSuite(get: () => ApiFixture): void {
  describe('data protection: export and erasure of a user', () => {
    const sockets: ProtocolClient[] = [];
    afterAll(async () => {
      await Promise.all(sockets.splice(0).map((socket) => socket.close()));
    });

    async function join(api: ApiClient, roomId: string, person: Person) {
      const minted = await api.post(`/v1/rooms/${roomId}/tokens`, { role: 'voter', ...person });
      expect(minted.status).toBe(201);
      const client = await ProtocolClient.connect(minted.body.wsUrl, minted.body.token);
      sockets.push(client);
      return { client, participantId: minted.body.participantId as string, minted: minted.body };
    }

    /** A room where the person (Grace) and Ada vote on a story, revealed and finalized. */
    async function estimatedRoom(api: ApiClient, externalUserId: string, name = 'Sprint 7') {
      const room = (await api.post('/v1/rooms', { name })).body.id as string;
      const story = (await api.post(`/v1/rooms/${room}/stories`, { title: 'Checkout flow' })).body
        .id as string;
      const ada = await join(api, room, { name: 'Ada', role: 'facilitator' });
      const grace = await join(api, room, { name: 'Grace Hopper', externalUserId, avatarUrl: AVATAR });
      for (const answer of [
        await ada.client.send('round.start', { storyId: story }),
        await ada.client.send('vote.cast', { card: '5' }),
        await grace.client.send('vote.cast', { card: '8' }),
        await ada.client.send('round.reveal', {}),
        await ada.client.send('round.finalize', { estimate: '8' }),
      ]) {
        expect(answer).toMatchObject({ ok: true });
      }
      return { room, story, ada, grace };
    }

    it('exports every participant record and vote of the user, in this account only', async () => {
      const { api } = await get().newAccount();
      const user = uniqueUser('grace');
      const first = await estimatedRoom(api, user, 'Sprint 7');
      const second = (await api.post('/v1/rooms', { name: 'Retro' })).body.id as string;
      await join(api, second, { name: 'Grace H.', externalUserId: user, role: 'observer' });
      const bystander = await join(api, second, { name: 'Linus', externalUserId: uniqueUser('linus') });

      const exported = await api.get(`/v1/users/${encodeURIComponent(user)}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body).toMatchObject({ externalUserId: user, truncated: false });
      expect(exported.body.participants).toHaveLength(2);
      expect(exported.body.participants).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            roomId: first.room,
            roomName: 'Sprint 7',
            participantId: first.grace.participantId,
            name: 'Grace Hopper',
            role: 'voter',
            avatarUrl: AVATAR,
            leftAt: null,
          }),
          expect.objectContaining({ roomId: second, roomName: 'Retro', name: 'Grace H.', role: 'observer' }),
        ]),
      );
      expect(exported.body.votes).toEqual([
        expect.objectContaining({
          roomId: first.room,
          participantId: first.grace.participantId,
          storyId: first.story,
          storyTitle: 'Checkout flow',
          anonymous: false,
          card: '8',
          estimate: '8',
          finalizedAt: expect.any(String),
        }),
      ]);
      expect(exported.text).not.toContain(bystander.participantId);
      expect(exported.text).not.toContain('Ada');

      // The same external id in another account is another person: nothing of this one leaks.
      const other = (await get().newAccount()).api;
      const elsewhere = await other.get(`/v1/users/${encodeURIComponent(user)}/export`);
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body).toMatchObject({ participants: [], votes: [], truncated: false });
      expect((await other.delete(`/v1/users/${encodeURIComponent(user)}`)).body).toEqual(ERASED);
      expect((await api.get(`/v1/users/${encodeURIComponent(user)}/export`)).body.participants).toHaveLength(
        2,
      );

      const unknown = await api.get('/v1/users/nobody-here/export');
      expect(unknown.body).toMatchObject({ participants: [], votes: [] });
    });

    it('erases the user: connected clients see the rename, history keeps the anonymous vote, export is empty', async () => {
      const { api } = await get().newAccount();
      const user = uniqueUser('grace');
      const { room, ada, grace } = await estimatedRoom(api, user);
      const historyBefore = (await api.get(`/v1/rooms/${room}/history`)).body;

      const erased = await api.delete(`/v1/users/${encodeURIComponent(user)}`);
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ participants: 1, rooms: 1, votes: 1 });
      expect(erased.body.events).toBeGreaterThanOrEqual(2); // the join and the rename, at least

      // Everyone connected sees the rename through the room, then the person leaves the room.
      const renamed = await ada.client.waitFor(
        (m) =>
          m.t === 'participant.updated' &&
          m.d.participant.id === grace.participantId &&
          m.d.participant.name === 'Deleted user',
      );
      expect(renamed.t).toBe('participant.updated');
      await ada.client.waitFor(
        (m) => m.t === 'participant.left' && m.d.participantId === grace.participantId,
      );
      expect(await grace.client.closed()).toBe(CLOSE_CODES.kicked);

      // The export has nothing left; the history still counts the vote, without a name.
      const after = await api.get(`/v1/users/${encodeURIComponent(user)}/export`);
      expect(after.body).toMatchObject({ participants: [], votes: [] });
      const history = (await api.get(`/v1/rooms/${room}/history`)).body;
      expect(history.rounds[0].statistics).toEqual(historyBefore.rounds[0].statistics);
      expect(
        history.rounds[0].votes
          .map((v: { participantName: string; card: string }) => `${v.participantName}:${v.card}`)
          .sort(),
      ).toEqual(['Ada:5', 'Deleted user:8']);
      const csv = await api.get(`/v1/rooms/${room}/history`, { headers: { accept: 'text/csv' } });
      expect(csv.text).not.toContain('Grace');

      // Neither the room, its log nor its projections name the person any more.
      const detail = await api.get(`/v1/rooms/${room}`);
      expect(detail.text).not.toMatch(/Grace|grace|avatars/);
      const { sql } = get();
      const events = await sql<
        { payload: unknown }[]
      >`select payload from room_events where room_id = ${room}`;
      const log = JSON.stringify(events.map((e) => e.payload));
      expect(log).not.toContain('Grace');
      expect(log).not.toContain(user);
      expect(log).not.toContain(AVATAR);
      expect(log).toContain('Deleted user');
      const [row] = await sql`select name, external_id, avatar_url from participants
        where room_id = ${room} and id = ${grace.participantId}`;
      expect(row).toEqual({ name: 'Deleted user', externalId: null, avatarUrl: null });

      // A token minted before the erasure carries the name: it no longer gets in (closed as kicked,
      // never welcomed).
      const reuse = await ProtocolClient.connect(grace.minted.wsUrl, grace.minted.token, {
        awaitWelcome: false,
      });
      expect(await reuse.closed()).toBe(4001);
      expect(reuse.messages).toEqual([
        { v: 1, t: 'error', d: expect.objectContaining({ code: 'kicked', retryable: false }) },
      ]);

      // The same external id later is a new participant, unlinked from the erased one.
      const back = await join(api, room, { name: 'Grace again', externalUserId: user });
      expect(back.participantId).not.toBe(grace.participantId);
      const again = await api.get(`/v1/users/${encodeURIComponent(user)}/export`);
      expect(again.body.participants).toEqual([
        expect.objectContaining({ participantId: back.participantId, name: 'Grace again' }),
      ]);
      expect(again.body.votes).toEqual([]);
    });

    it('is idempotent: a second erasure answers zero counts', async () => {
      const { api } = await get().newAccount();
      const user = uniqueUser('twice');
      await estimatedRoom(api, user);
      const first = await api.delete(`/v1/users/${encodeURIComponent(user)}`);
      expect(first.body.participants).toBe(1);
      const second = await api.delete(`/v1/users/${encodeURIComponent(user)}`);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(ERASED);
    });

    it('erases the user from closed rooms too, including a closed room held in memory', async () => {
      const { api } = await get().newAccount();
      const user = uniqueUser('closed');
      const { room, grace } = await estimatedRoom(api, user);
      await grace.client.close();
      expect((await api.delete(`/v1/rooms/${room}`)).body.closed).toBe(true);
      expect((await api.get(`/v1/rooms/${room}`)).text).toContain('Grace Hopper');

      const erased = await api.delete(`/v1/users/${encodeURIComponent(user)}`);
      expect(erased.body).toMatchObject({ participants: 1, rooms: 1, votes: 1 });
      const detail = await api.get(`/v1/rooms/${room}`);
      expect(detail.text).not.toMatch(/Grace|avatars/);
      expect(detail.text).not.toContain(user);
      expect(detail.body.participants).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: grace.participantId, name: 'Deleted user' })]),
      );
      const events = await get().sql<{ payload: unknown }[]>`
        select payload from room_events where room_id = ${room}`;
      expect(JSON.stringify(events)).not.toMatch(/Grace|avatars/);
      const history = (await api.get(`/v1/rooms/${room}/history`)).body;
      expect(history.rounds[0].statistics).toMatchObject({ count: 2 });
    });

    it('removes the user from webhook deliveries and stored token answers', async () => {
      const { api } = await get().newAccount();
      const user = uniqueUser('hooked');
      const hook = await api.post('/v1/webhooks', {
        url: 'http://localhost:9/hook',
        eventTypes: ['participant.joined'],
      });
      expect(hook.status).toBe(201);
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const minted = await api.post(
        `/v1/rooms/${room}/tokens`,
        { name: 'Grace Hopper', externalUserId: user, avatarUrl: AVATAR },
        { headers: { 'idempotency-key': `mint-${user}` } },
      );
      sockets.push(await ProtocolClient.connect(minted.body.wsUrl, minted.body.token));

      const erased = await api.delete(`/v1/users/${encodeURIComponent(user)}`);
      expect(erased.body).toMatchObject({ participants: 1, webhookDeliveries: 1, storedResponses: 1 });
      const { sql } = get();
      const deliveries = await sql<{ data: unknown }[]>`
        select data from webhook_deliveries where endpoint_id = ${hook.body.id}`;
      expect(deliveries).toHaveLength(1);
      expect(JSON.stringify(deliveries)).not.toMatch(/Grace|avatars/);
      expect(JSON.stringify(deliveries)).toContain('Deleted user');
      const stored = await sql`select body from idempotency_keys where key = ${`mint-${user}`}`;
      expect(stored).toEqual([]);
    });

    it('needs the history scope to export and the rooms scope to erase', async () => {
      const roomsOnly = (await get().newAccount(['rooms'])).api;
      const historyOnly = (await get().newAccount(['history'])).api;
      const exported = await roomsOnly.get('/v1/users/u-1/export');
      expect(exported.status).toBe(403);
      expect(exported.body).toMatchObject({
        code: 'scope_missing',
        detail: expect.stringContaining('"history"'),
      });
      const erased = await historyOnly.delete('/v1/users/u-1');
      expect(erased.status).toBe(403);
      expect(erased.body).toMatchObject({
        code: 'scope_missing',
        detail: expect.stringContaining('"rooms"'),
      });
      expect((await historyOnly.get('/v1/users/u-1/export')).status).toBe(200);
      expect((await roomsOnly.delete('/v1/users/u-1')).body).toEqual(ERASED);
      const tooLong = await historyOnly.get(`/v1/users/${'x'.repeat(129)}/export`);
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.detail).toMatch(/^externalUserId/);
    });

    it('works through @pokerroom/node, with ids that need percent-encoding', async () => {
      const fixture = get();
      const { api } = await fixture.newAccount();
      const user = `team/ü ${uniqueUser('sdk')}`;
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      await join(api, room, { name: 'Grace Hopper', externalUserId: user });
      const poker = new PokerRoom({ apiKey: api.key, baseUrl: fixture.server.url });
      const exported = await poker.users.export(user);
      expect(exported.externalUserId).toBe(user);
      expect(exported.participants.map((p) => p.name)).toEqual(['Grace Hopper']);
      expect((await poker.users.delete(user)).participants).toBe(1);
      expect((await poker.users.export(user)).participants).toEqual([]);
    });

    it('leaves no trace after a server restart: not in the welcome, the log, or the room', async () => {
      let server = await startTestServer('postgres');
      const sql = connectPostgres(server.config.databaseUrl ?? '', { max: 1 });
      try {
        let api = new ApiClient(server.url, server.key);
        const user = uniqueUser('restart');
        const { room, ada, grace } = await estimatedRoom(api, user);
        expect((await api.delete(`/v1/users/${encodeURIComponent(user)}`)).body.participants).toBe(1);
        await grace.client.closed();
        await ada.client.close();

        server = await server.restart();
        api = new ApiClient(server.url, server.key);
        const observer = await join(api, room, { name: 'Oz', role: 'observer' });
        const welcome = JSON.stringify(observer.client.welcome);
        expect(welcome).not.toMatch(/Grace|avatars/);
        expect(welcome).not.toContain(user);
        expect(observer.client.welcome.room.participants.map((p) => p.name).sort()).toEqual(['Ada', 'Oz']);
        expect(observer.client.welcome.room.round?.votes?.map((v) => v.card).sort()).toEqual(['5', '8']);
        await observer.client.close();

        const events = await sql<{ type: string; payload: unknown }[]>`
          select type, payload from room_events where room_id = ${room} order by seq`;
        const log = JSON.stringify(events);
        expect(log).not.toMatch(/Grace|avatars/);
        expect(log).not.toContain(user);
        expect(events.filter((e) => e.type === 'participant.joined')).toHaveLength(3);
        expect((await api.get(`/v1/rooms/${room}`)).text).not.toMatch(/Grace|avatars/);
        expect((await api.get(`/v1/users/${encodeURIComponent(user)}/export`)).body.participants).toEqual([]);
        const history = (await api.get(`/v1/rooms/${room}/history`)).body;
        expect(history.rounds[0].statistics).toMatchObject({ count: 2, mean: 6.5 });
      } finally {
        await sql.end();
        await server.destroy();
      }
    }, 30_000);
  });
}
