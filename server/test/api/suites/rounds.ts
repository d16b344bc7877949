import type { ServerMessage } from '@pokerroom/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiFixture } from '../fixture.js';

/** What the rounds suite needs: the API and sockets, on either storage. */
export type RoundsFixture = Pick<ApiFixture, 'api' | 'join'>;

type Frame = ServerMessage & { seq: number; d: Record<string, unknown> };
const roomEvent = (t: string) => (m: ServerMessage) => m.t === t && 'seq' in m;

export function roundsSuite(get: () => RoundsFixture): void {
  describe('rounds over REST', () => {
    it('starts, reveals, re-votes and finalizes a round on a story, live for connected participants', async () => {
      const { api, join } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const story = (await api.post(`/v1/rooms/${room}/stories`, { title: 'Login', externalId: 'PR-7' }))
        .body;
      const ada = await join(room, 'Ada');
      const bob = await join(room, 'Bob');

      const started = await api.post(`/v1/rooms/${room}/rounds`, { storyId: story.id });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ storyId: story.id, status: 'voting', voted: [] });
      const seen = (await bob.waitFor(roomEvent('round.started'))) as Frame;
      expect(seen.d.round).toMatchObject({ id: started.body.id, storyId: story.id });
      expect((await api.get(`/v1/rooms/${room}`)).body.stories[0].status).toBe('active');

      expect(await ada.send('vote.cast', { card: '5' })).toMatchObject({ ok: true });
      expect(await bob.send('vote.cast', { card: '13' })).toMatchObject({ ok: true });
      const revealed = await api.post(`/v1/rooms/${room}/rounds/current/reveal`);
      expect(revealed.status).toBe(200);
      expect(revealed.body).toMatchObject({ id: started.body.id, status: 'revealed', stats: { count: 2 } });
      expect(revealed.body.votes).toHaveLength(2);
      const shown = (await ada.waitFor(roomEvent('round.revealed'))) as Frame;
      expect(shown.d).toMatchObject({ roundId: started.body.id, auto: false });

      const again = await api.post(`/v1/rooms/${room}/rounds/current/reveal`);
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toBe('application/problem+json');
      expect(again.body.code).toBe('round_already_revealed');

      const reset = await api.post(`/v1/rooms/${room}/rounds/current/reset`);
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ storyId: story.id, status: 'voting', voted: [] });
      expect(reset.body.id).not.toBe(started.body.id);
      await bob.waitFor(roomEvent('round.reset'));

      await ada.send('vote.cast', { card: '8' });
      await bob.send('vote.cast', { card: '8' });
      const early = await api.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '8' });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('round_not_revealed');
      await api.post(`/v1/rooms/${room}/rounds/current/reveal`);
      const finalized = await api.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '8' });
      expect(finalized.status).toBe(200);
      expect(finalized.body).toMatchObject({ id: reset.body.id, status: 'finalized', estimate: '8' });
      const closed = (await ada.waitFor(roomEvent('round.finalized'))) as Frame;
      expect(closed.d).toMatchObject({ roundId: reset.body.id, storyId: story.id, estimate: '8' });

      const read = await api.get(`/v1/rooms/${room}`);
      expect(read.body.stories[0]).toMatchObject({ id: story.id, status: 'estimated', estimate: '8' });
      // Stored in the room's log: both reveals are history, and a client joining now gets the state.
      const history = await api.get(`/v1/rooms/${room}/history`);
      // (A re-vote keeps its round's start time, so the two may come in either order.)
      const ids = history.body.rounds.map((r: { id: string }) => r.id);
      expect(ids.sort()).toEqual([started.body.id, reset.body.id].sort());
      const late = await join(room, 'Cy');
      expect(late.welcome.room.round).toMatchObject({ id: reset.body.id, status: 'finalized' });
      // Ada and Bob saw the same events in the same order.
      const order = (events: { t: string; seq: number }[]) =>
        events.filter((e) => e.t.startsWith('round.')).map((e) => `${e.seq}:${e.t}`);
      expect(order(ada.events)).toEqual(order(bob.events));
    });

    it('answers 409 with the domain’s code when no round is open', async () => {
      const { api } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      // A new room opens its first round at once: once that one is finalized, none is open.
      expect((await api.post(`/v1/rooms/${room}/rounds/current/reveal`)).status).toBe(200);
      expect((await api.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '3' })).status).toBe(
        200,
      );
      for (const action of ['reveal', 'reset', 'finalize']) {
        const body = action === 'finalize' ? { estimate: '3' } : undefined;
        const response = await api.post(`/v1/rooms/${room}/rounds/current/${action}`, body);
        expect(response.status, action).toBe(409);
        expect(response.headers.get('content-type'), action).toBe('application/problem+json');
        expect(response.body, action).toMatchObject({ code: 'no_active_round', retryable: false });
      }
      await api.post(`/v1/rooms/${room}/rounds`, {});
      await api.post(`/v1/rooms/${room}/rounds/current/reveal`);
      await api.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '?' });
      const twice = await api.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '?' });
      expect(twice.body.code).toBe('no_active_round');
    });

    it('starts a round without a story, and refuses unknown stories, rooms, closed rooms and bad bodies', async () => {
      const { api, join } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const voter = await join(room, 'Dee');
      const bare = await api.post(`/v1/rooms/${room}/rounds`);
      expect(bare.status).toBe(201);
      expect(bare.body).toMatchObject({ storyId: null, status: 'voting' });
      await voter.waitFor(roomEvent('round.started'));
      const noStory = await api.post(`/v1/rooms/${room}/rounds`, { storyId: 'story_nope' });
      expect(noStory.status).toBe(404);
      expect(noStory.body.code).toBe('story_not_found');
      expect((await api.post('/v1/rooms/room_nope/rounds', {})).body.code).toBe('room_not_found');
      const badEstimate = await api.post(`/v1/rooms/${room}/rounds/current/finalize`, { estimate: '' });
      expect(badEstimate.status).toBe(400);
      expect(badEstimate.body.detail).toMatch(/^estimate/);
      const unknownField = await api.post(`/v1/rooms/${room}/rounds`, { story: 'x' });
      expect(unknownField.status).toBe(400);
      await api.delete(`/v1/rooms/${room}`);
      const closed = await api.post(`/v1/rooms/${room}/rounds`, {});
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('room_closed');
    });

    it('honours Idempotency-Key: a retried start or reveal answers the first answer, and changes nothing', async () => {
      const { api, join } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const voter = await join(room, 'Eve');
      const key = { headers: { 'idempotency-key': `start-${room}` } };
      const first = await api.post(`/v1/rooms/${room}/rounds`, {}, key);
      const second = await api.post(`/v1/rooms/${room}/rounds`, {}, key);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');

      await voter.send('vote.cast', { card: '3' });
      const revealKey = { headers: { 'idempotency-key': `reveal-${room}` } };
      const revealed = await api.post(`/v1/rooms/${room}/rounds/current/reveal`, undefined, revealKey);
      const retried = await api.post(`/v1/rooms/${room}/rounds/current/reveal`, undefined, revealKey);
      expect(revealed.status).toBe(200);
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual(revealed.body);
      await voter.waitFor(roomEvent('round.revealed'));
      const read = await api.get(`/v1/rooms/${room}`);
      expect(read.body.round).toMatchObject({ id: first.body.id, status: 'revealed' });
      expect(voter.events.filter((e) => e.t === 'round.started')).toHaveLength(1);
      expect(voter.events.filter((e) => e.t === 'round.revealed')).toHaveLength(1);
    });

    it('honours Idempotency-Key on reset and finalize too: a retry answers the first answer, not a new round or a 409', async () => {
      const { api, join } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const voter = await join(room, 'Gus');
      expect(await voter.send('vote.cast', { card: '5' })).toMatchObject({ ok: true });

      const resetKey = { headers: { 'idempotency-key': `reset-${room}` } };
      const reset = await api.post(`/v1/rooms/${room}/rounds/current/reset`, undefined, resetKey);
      const resetAgain = await api.post(`/v1/rooms/${room}/rounds/current/reset`, undefined, resetKey);
      expect(reset.status).toBe(200);
      expect(resetAgain.status).toBe(200);
      expect(resetAgain.headers.get('idempotent-replayed')).toBe('true');
      // The same round: a second reset would have opened another under a new id.
      expect(resetAgain.body).toEqual(reset.body);

      expect(await voter.send('vote.cast', { card: '8' })).toMatchObject({ ok: true });
      expect((await api.post(`/v1/rooms/${room}/rounds/current/reveal`)).status).toBe(200);
      const finalizeKey = { headers: { 'idempotency-key': `finalize-${room}` } };
      const path = `/v1/rooms/${room}/rounds/current/finalize`;
      const finalized = await api.post(path, { estimate: '8' }, finalizeKey);
      const finalizedAgain = await api.post(path, { estimate: '8' }, finalizeKey);
      expect(finalized.status).toBe(200);
      // Without the key a second finalize is 409 no_active_round; with it, the first answer again.
      expect(finalizedAgain.status).toBe(200);
      expect(finalizedAgain.headers.get('idempotent-replayed')).toBe('true');
      expect(finalizedAgain.body).toEqual(finalized.body);
      const otherEstimate = await api.post(path, { estimate: '13' }, finalizeKey);
      expect(otherEstimate.status).toBe(409);
      expect(otherEstimate.body.code).toBe('idempotency_conflict');

      // Events arrive in order: once the next round's start is seen, anything the retries did was too.
      const next = await api.post(`/v1/rooms/${room}/rounds`, {});
      await voter.waitFor(
        (m) =>
          m.t === 'round.started' &&
          'seq' in m &&
          (m.d as { round: { id: string } }).round.id === next.body.id,
      );
      expect(voter.events.filter((e) => e.t === 'round.reset')).toHaveLength(1);
      expect(voter.events.filter((e) => e.t === 'round.finalized')).toHaveLength(1);
      const history = await api.get(`/v1/rooms/${room}/history`);
      expect(
        history.body.rounds.map((r: { id: string; estimate: string | null }) => [r.id, r.estimate]),
      ).toEqual([[reset.body.id, '8']]);
    });

    it('answers any body with a round or a coded problem, never a 5xx, and the room stays usable', async () => {
      const { api, join } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const voter = await join(room, 'Fuzz');
      const body = fc.oneof(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        fc.record({ storyId: fc.oneof(fc.constant(null), fc.string({ maxLength: 80 }), fc.integer()) }),
        fc.record({ estimate: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)) }),
      );
      const action = fc.constantFrom('', '/current/reveal', '/current/reset', '/current/finalize');
      await fc.assert(
        fc.asyncProperty(action, body, async (path, sent) => {
          const response = await api.post(`/v1/rooms/${room}/rounds${path}`, sent);
          if (response.status >= 500) return false;
          if (response.status >= 400) return typeof response.body.code === 'string';
          return typeof response.body.id === 'string' && typeof response.body.status === 'string';
        }),
        { numRuns: 40 },
      );
      const started = await api.post(`/v1/rooms/${room}/rounds`, {});
      expect(started.status).toBe(201);
      await voter.waitFor(
        (m) =>
          m.t === 'round.started' &&
          'seq' in m &&
          (m.d as { round: { id: string } }).round.id === started.body.id,
      );
      expect(await voter.send('vote.cast', { card: '2' })).toMatchObject({ ok: true });
    });
  });
}
