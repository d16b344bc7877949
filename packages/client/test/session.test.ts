import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PokerRoomError, type Room } from '../src/index.js';
import { expectFresh, join, startTestServer, type TestServer, until } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('embedded');
});
afterAll(async () => {
  await server?.destroy();
});

describe('a five-participant session with the SDK alone', () => {
  it('votes hidden, reveals the same statistics to all, finalizes; observers cannot vote', async () => {
    const { id } = await server.createRoom({ name: 'Sprint 12' });
    const facilitator = await join(() => server, id, 'Fay', 'facilitator');
    const voters = [
      await join(() => server, id, 'Ann', 'voter'),
      await join(() => server, id, 'Bob', 'voter'),
      await join(() => server, id, 'Cid', 'voter'),
    ];
    const observer = await join(() => server, id, 'Oz', 'observer');
    const everyone: Room[] = [facilitator, ...voters, observer];
    try {
      await until(facilitator, (s) => s.participants.length === 5);
      const added = await facilitator.addStory({ title: 'Login page' });
      const storyId = added.storyIds?.[0];
      expect(storyId).toBeTypeOf('string');
      await facilitator.newRound(storyId);

      const cards = ['3', '5', '5'];
      for (const [i, voter] of voters.entries()) {
        await until(voter, (s) => s.round?.status === 'voting');
        await voter.vote(cards[i] ?? '?');
        expect(voter.state.yourVote).toBe(cards[i]);
      }
      const seq = Math.max(...voters.map((v) => v.state.seq));
      for (const room of everyone) {
        const state = await until(room, (s) => s.seq === seq);
        expect(state.round?.voted).toEqual(voters.map((v) => v.state.you.id));
        expect(state.round?.votes).toBeUndefined();
      }
      expect(observer.state.yourVote).toBeNull();

      const refused = await observer.vote('8').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PokerRoomError);
      expect(refused).toMatchObject({ code: 'forbidden', retryable: false });

      const reveals = everyone.map(
        (room) => new Promise((resolve) => room.on('reveal', (event) => resolve(event.d))),
      );
      await facilitator.reveal();
      const seen = await Promise.all(reveals);
      for (const reveal of seen) expect(reveal).toEqual(seen[0]);
      expect(seen[0]).toMatchObject({
        votes: [
          { participantId: voters[0]?.state.you.id, card: '3' },
          { participantId: voters[1]?.state.you.id, card: '5' },
          { participantId: voters[2]?.state.you.id, card: '5' },
        ],
        stats: { count: 3, numericCount: 3, modes: ['5'], median: 5, min: 3, max: 5, consensus: false },
      });

      await facilitator.finalize('5');
      for (const room of everyone) {
        // v2: the `story.updated` that follows `round.finalized` estimates the story.
        const state = await until(
          room,
          (s) => s.round?.status === 'finalized' && s.stories[0]?.status === 'estimated',
        );
        expect(state.stories[0]).toMatchObject({ status: 'estimated', estimate: '5' });
      }
      await expectFresh(server, observer);
      await expectFresh(server, voters[0] as Room);
    } finally {
      for (const room of everyone) room.close();
    }
  });
});
