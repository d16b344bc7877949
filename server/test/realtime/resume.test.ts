import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolClient } from '../support/protocol-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('resume', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres');
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it.each([1, 7, 40])('a client that missed %i events gets exactly those, in order, once', async (missed) => {
    const room = await server.createRoom({});
    const host = await server.mintToken(room.id, { name: 'Host', role: 'facilitator' });
    const guest = await server.mintToken(room.id, {
      name: 'Guest',
      role: 'observer',
      externalUserId: 'guest-1',
    });
    const facilitator = await ProtocolClient.connect(host.wsUrl, host.token);
    const first = await ProtocolClient.connect(guest.wsUrl, guest.token);
    const lastSeq = first.welcome.seq;
    first.terminate();

    // Each story.add is one room event; the facilitator's commands run while the guest is away.
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < missed; i++)
      pending.push(
        facilitator.send('story.add', { title: `Story ${i}` }).then((a) => expect(a.ok).toBe(true)),
      );
    await Promise.all(pending);

    const second = await ProtocolClient.connect(guest.wsUrl, guest.token);
    const welcomeSeq = second.welcome.seq;
    const answer = await second.send('resume', { lastSeq });
    expect(answer.ok).toBe(true);
    const replayed = second.events.filter((e) => e.seq <= welcomeSeq);
    expect(replayed.map((e) => e.seq)).toEqual(
      Array.from({ length: welcomeSeq - lastSeq }, (_, i) => lastSeq + 1 + i),
    );
    expect(answer.ok && answer.result).toEqual({ replayed: welcomeSeq - lastSeq, resume: 'replay' });
    // The guest's own reconnect adds presence events after the missed ones; the missed stories are all there.
    const titles = replayed.flatMap((e) => (e.t === 'story.added' ? e.d.stories.map((s) => s.title) : []));
    expect(titles).toEqual(Array.from({ length: missed }, (_, i) => `Story ${i}`));
    await Promise.all([facilitator.close(), second.close()]);
  });

  it('replays from the log when the gap is older than the in-memory window', async () => {
    const room = await server.createRoom({});
    const host = await server.mintToken(room.id, { name: 'Host', role: 'facilitator' });
    const guest = await server.mintToken(room.id, {
      name: 'Guest',
      role: 'observer',
      externalUserId: 'guest-2',
    });
    const facilitator = await ProtocolClient.connect(host.wsUrl, host.token);
    expect((await facilitator.send('round.start', {})).ok).toBe(true);
    const first = await ProtocolClient.connect(guest.wsUrl, guest.token);
    const lastSeq = first.welcome.seq;
    first.terminate();
    // 60 voters × 40 vote changes: more events than the 2048 frames the room keeps in memory,
    // within every connection's rate limit.
    const voters = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const t = await server.mintToken(room.id, { name: `Voter ${i}`, role: 'voter' });
        return ProtocolClient.connect(t.wsUrl, t.token);
      }),
    );
    await Promise.all(
      voters.map(async (voter) => {
        for (let i = 0; i < 40; i++)
          expect((await voter.send('vote.cast', { card: i % 2 ? '3' : '5' })).ok).toBe(true);
      }),
    );
    const second = await ProtocolClient.connect(guest.wsUrl, guest.token);
    const welcomeSeq = second.welcome.seq;
    expect(welcomeSeq - lastSeq).toBeGreaterThan(2048);
    const answer = await second.send('resume', { lastSeq }, 20_000);
    expect(answer.ok && answer.result).toEqual({ replayed: welcomeSeq - lastSeq, resume: 'replay' });
    const replayed = second.events.filter((e) => e.seq <= welcomeSeq).map((e) => e.seq);
    expect(replayed).toEqual(Array.from({ length: welcomeSeq - lastSeq }, (_, i) => lastSeq + 1 + i));
    expect(second.events.filter((e) => e.t === 'vote.cast' && e.seq <= welcomeSeq)).toHaveLength(2400);
    await Promise.all([facilitator.close(), second.close(), ...voters.map((v) => v.close())]);
  }, 60_000);

  it('replays nothing for a client that is up to date', async () => {
    const room = await server.createRoom({});
    const guest = await server.mintToken(room.id, { name: 'Guest', role: 'voter' });
    const client = await ProtocolClient.connect(guest.wsUrl, guest.token);
    const answer = await client.send('resume', { lastSeq: client.welcome.seq });
    expect(answer).toEqual({ ok: true, result: { replayed: 0, resume: 'replay' } });
    await client.close();
  });
});
