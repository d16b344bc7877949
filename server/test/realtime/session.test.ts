import type { Round } from '@pokerroom/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolClient } from '../support/protocol-client.js';
import { type StorageKind, startTestServer, type TestServer } from '../support/test-server.js';

async function join(server: TestServer, roomId: string, name: string, role: string) {
  const { token, wsUrl } = await server.mintToken(roomId, { name, role });
  return ProtocolClient.connect(wsUrl, token);
}

describe.each<StorageKind>(['embedded', 'postgres'])(
  'a five-person estimation session (%s storage)',
  (storage) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(storage);
    });
    afterAll(async () => {
      await server?.destroy();
    });

    it('hides votes until the reveal, reveals the same results to everyone, and survives a restart', async () => {
      const room = await server.createRoom({ name: 'Sprint 12' });
      const facilitator = await join(server, room.id, 'Fay', 'facilitator');
      const voters = [
        await join(server, room.id, 'Ann', 'voter'),
        await join(server, room.id, 'Bob', 'voter'),
        await join(server, room.id, 'Cy', 'voter'),
      ];
      const observer = await join(server, room.id, 'Oz', 'observer');
      const everyone = [facilitator, ...voters, observer];

      const added = await facilitator.send('story.add', { title: 'Login page', externalId: 'PROJ-1' });
      expect(added.ok).toBe(true);
      const storyId = added.ok ? added.result?.storyIds?.[0] : undefined;
      expect(storyId).toBeTypeOf('string');
      expect(await facilitator.send('round.start', { storyId: storyId ?? null })).toEqual({
        ok: true,
        result: undefined,
      });

      const cards = ['3', '5', '5'];
      for (const [index, voter] of voters.entries()) {
        expect((await voter.send('vote.cast', { card: cards[index] ?? '?' })).ok).toBe(true);
      }
      expect(await observer.send('vote.cast', { card: '8' })).toMatchObject({ ok: false, code: 'forbidden' });

      // Every client sees three vote.cast events, none of them carrying a card.
      for (const client of everyone) {
        await client.waitFor((m) => m.t === 'vote.cast' && m.d.participantId === voters[2]?.welcome.you.id);
        const casts = client.events.filter((m) => m.t === 'vote.cast');
        expect(casts).toHaveLength(3);
        for (const cast of casts) expect(Object.keys(cast.d)).toEqual(['participantId']);
      }

      expect((await facilitator.send('round.reveal', {})).ok).toBe(true);
      const reveals = await Promise.all(everyone.map((c) => c.waitFor((m) => m.t === 'round.revealed')));
      for (const reveal of reveals) expect(reveal).toEqual(reveals[0]);
      const reveal = reveals[0];
      if (reveal?.t !== 'round.revealed') throw new Error('no reveal');
      expect(reveal.d.votes.map((v) => v.card).sort()).toEqual(['3', '5', '5']);
      expect(reveal.d.stats).toMatchObject({
        count: 3,
        numericCount: 3,
        median: 5,
        min: 3,
        max: 5,
        spread: 2,
        modes: ['5'],
        consensus: false,
        suggestion: '5',
      });
      expect(reveal.d.stats.mean).toBeCloseTo(13 / 3);
      expect(reveal.d.stats.agreement).toBeCloseTo(2 / 3);

      expect((await facilitator.send('round.finalize', { estimate: '5' })).ok).toBe(true);
      await Promise.all(everyone.map((c) => c.waitFor((m) => m.t === 'round.finalized')));

      // Everyone saw the same events in the same order.
      const seqs = everyone.map((c) => c.events.map((e) => `${e.seq}:${e.t}`));
      const tail = (list: string[]) =>
        list.filter((entry) => Number(entry.split(':')[0]) > (observer.welcome.seq ?? 0));
      for (const list of seqs) expect(tail(list)).toEqual(tail(seqs[4] ?? []));

      await Promise.all(everyone.map((c) => c.close()));
      const restarted = await server.restart();
      server = restarted;
      const again = await join(server, room.id, 'Fay', 'observer');
      const { room: snapshot } = again.welcome;
      const story = snapshot.stories.find((s) => s.id === storyId);
      expect(story).toMatchObject({
        title: 'Login page',
        externalId: 'PROJ-1',
        status: 'estimated',
        estimate: '5',
      });
      expect(snapshot.round).toMatchObject<Partial<Round>>({
        status: 'finalized',
        estimate: '5',
        storyId: storyId ?? null,
      });
      expect(snapshot.round?.votes?.map((v) => v.card).sort()).toEqual(['3', '5', '5']);
      expect(snapshot.participants.map((p) => p.name).sort()).toEqual([
        'Ann',
        'Bob',
        'Cy',
        'Fay',
        'Fay',
        'Oz',
      ]);
      await again.close();
    });

    it("sends each command's ack after the events it caused, also when commits batch many commands", async () => {
      const room = await server.createRoom({ name: 'Order of replies' });
      const facilitator = await join(server, room.id, 'Fay', 'facilitator');
      const voters = await Promise.all(
        ['Ann', 'Bob', 'Cy'].map((name) => join(server, room.id, name, 'voter')),
      );
      expect((await facilitator.send('round.start', { storyId: null })).ok).toBe(true);
      expect(facilitator.messages.findIndex((m) => m.t === 'round.started')).toBeLessThan(
        facilitator.messages.findIndex((m) => m.t === 'ack'),
      );

      // Pipelined, so that a commit carries votes of several commands and sockets at once.
      const votesEach = 20;
      const answers = await Promise.all(
        voters.flatMap((voter) =>
          Array.from({ length: votesEach }, (_, index) =>
            voter.send('vote.cast', { card: String(index % 3) }),
          ),
        ),
      );
      expect(answers.every((answer) => answer.ok)).toBe(true);

      // The k-th ack a voter gets (voters sent nothing but votes) comes after its own k-th vote.cast event.
      for (const voter of voters) {
        const you = voter.welcome.you.id;
        let casts = 0;
        let acks = 0;
        for (const message of voter.messages) {
          if (message.t === 'vote.cast' && message.d.participantId === you) casts += 1;
          if (message.t === 'ack') {
            acks += 1;
            expect(casts).toBeGreaterThanOrEqual(acks);
          }
        }
        expect(acks).toBe(votesEach);
      }
      await Promise.all([facilitator, ...voters].map((client) => client.close()));
    });
  },
);
