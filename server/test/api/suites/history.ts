import { describe, expect, it } from 'vitest';
import type { ApiFixture } from '../fixture.js';

/** Plays one estimation: two votes, reveal, final estimate. */
export async function playRound(fixture: ApiFixture, roomId: string, storyId: string | null) {
  const ada = await fixture.join(roomId, 'Ada', 'facilitator');
  const bob = await fixture.join(roomId, 'Bob');
  for (const answer of [
    await ada.send('round.start', { storyId }),
    await ada.send('vote.cast', { card: '5' }),
    await bob.send('vote.cast', { card: '8' }),
    await ada.send('round.reveal', {}),
    await ada.send('round.finalize', { estimate: '8' }),
  ]) {
    expect(answer).toMatchObject({ ok: true });
  }
}

export function historySuite(get: () => ApiFixture): void {
  describe('history and usage', () => {
    it('returns revealed rounds with every vote, statistics and the final estimate', async () => {
      const fixture = await get();
      const { api } = fixture;
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const story = await api.post(`/v1/rooms/${room}/stories`, {
        title: 'Checkout, "fast"',
        externalId: '=HYPERLINK(1)',
      });
      await playRound(fixture, room, story.body.id);
      const history = await api.get(`/v1/rooms/${room}/history`);
      expect(history.status).toBe(200);
      expect(history.body.rounds).toHaveLength(1);
      const [round] = history.body.rounds;
      expect(round).toMatchObject({
        story: { id: story.body.id, title: 'Checkout, "fast"' },
        estimate: '8',
        anonymous: false,
      });
      expect(round.statistics).toMatchObject({ count: 2, mean: 6.5 });
      expect(
        round.votes
          .map((v: { participantName: string; card: string }) => `${v.participantName}:${v.card}`)
          .sort(),
      ).toEqual(['Ada:5', 'Bob:8']);

      const csv = await api.get(`/v1/rooms/${room}/history`, { headers: { accept: 'text/csv' } });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^round_id,story_id,story_title/);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('"Checkout, ""fast"""');
      expect(lines[1]).toContain(",'=HYPERLINK(1),");
    });

    it('counts usage for a period', async () => {
      const fixture = get();
      const { api } = await fixture.newAccount();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const sub = { ...fixture, api };
      sub.join = async (roomId, name, role) => {
        const minted = await api.post(`/v1/rooms/${roomId}/tokens`, { name, role });
        const { ProtocolClient } = await import('../../support/protocol-client.js');
        return ProtocolClient.connect(minted.body.wsUrl, minted.body.token);
      };
      await playRound(sub, room, null);
      const usage = await api.get('/v1/usage');
      expect(usage.body).toMatchObject({ rooms: 1, rounds: 1, votes: 2, participants: 2 });
      const past = await api.get('/v1/usage?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z');
      expect(past.body).toMatchObject({ rooms: 0, votes: 0 });
      expect((await api.get('/v1/usage?from=yesterday')).body.detail).toMatch(/^from/);
      expect((await api.get('/v1/usage?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z')).status).toBe(400);
    });
  });
}
