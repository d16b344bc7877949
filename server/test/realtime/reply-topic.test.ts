import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPLY_TOPIC_QUIET_SECONDS } from '../../src/realtime/reply-topic.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

async function join(server: TestServer, roomId: string, name: string, role: string) {
  const { token, wsUrl } = await server.mintToken(roomId, { name, role });
  return ProtocolClient.connect(wsUrl, token);
}

/** The node's count of connections holding a reply topic, as its last sweep set it. */
async function replyTopics(server: TestServer): Promise<number> {
  const text = await fetch(`${server.url}/metrics`).then((response) => response.text());
  const line = /^pokerroom_ws_reply_topics (\d+)$/m.exec(text);
  if (line === null) throw new Error('pokerroom_ws_reply_topics is not in /metrics');
  return Number(line[1]);
}

/** Waits for the gauge to read `wanted` (the sweep sets it four times a second). */
async function replyTopicsReach(server: TestServer, wanted: number): Promise<void> {
  await vi.waitFor(async () => expect(await replyTopics(server)).toBe(wanted), {
    timeout: 5000,
    interval: 50,
  });
}

/** Whether a client that sent only votes got its `k`-th ack after its own `k`-th `vote.cast` event. */
function acksFollowOwnVotes(client: ProtocolClient): boolean {
  const you = client.welcome.you.id;
  let casts = 0;
  let acks = 0;
  for (const message of client.messages) {
    if (message.t === 'vote.cast' && message.d.participantId === you) casts += 1;
    if (message.t === 'ack') {
      acks += 1;
      if (casts < acks) return false;
    }
  }
  return acks > 0;
}

describe('reply topics: held while a connection sends commands, given back when it is quiet', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('embedded');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('a connection that only listens and pings holds none; one that sends a command holds one', async () => {
    const room = await server.createRoom({ name: 'Listeners' });
    const facilitator = await join(server, room.id, 'Fay', 'facilitator');
    const listener = await join(server, room.id, 'Lee', 'observer');
    await replyTopicsReach(server, 0);

    expect((await listener.send('ping', {})).ok).toBe(true);
    expect((await facilitator.send('round.start', { storyId: null })).ok).toBe(true);
    // Both happened before this sweep: only the facilitator took a topic.
    await vi.waitFor(async () => expect(await replyTopics(server)).toBeGreaterThan(0), { timeout: 5000 });
    expect(await replyTopics(server)).toBe(1);
    // The listener still gets the room's events, through the room's topic.
    await listener.waitFor((m) => m.t === 'round.started');

    await Promise.all([facilitator.close(), listener.close()]);
    await replyTopicsReach(server, 0);
  });

  it(`gives the topic back after ${REPLY_TOPIC_QUIET_SECONDS} s of quiet and takes it again for the next command, its ack still after its events`, async () => {
    const room = await server.createRoom({ name: 'Quiet spells' });
    const facilitator = await join(server, room.id, 'Fay', 'facilitator');
    const voter = await join(server, room.id, 'Ann', 'voter');
    expect((await facilitator.send('round.start', { storyId: null })).ok).toBe(true);
    expect((await voter.send('vote.cast', { card: '3' })).ok).toBe(true);
    await replyTopicsReach(server, 2);

    // The process's monotonic clock jumps past the quiet period; the sweep gives both topics back.
    const now = performance.now.bind(performance);
    vi.spyOn(performance, 'now').mockImplementation(() => now() + (REPLY_TOPIC_QUIET_SECONDS + 1) * 1000);
    await replyTopicsReach(server, 0);

    // Pipelined, so that the first ack is published right after the topic is taken again.
    const answers = await Promise.all(['5', '8', '13'].map((card) => voter.send('vote.cast', { card })));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(acksFollowOwnVotes(voter)).toBe(true);
    await replyTopicsReach(server, 1);

    // Heartbeats alone don't take a topic: they are answered straight to the socket. Once the
    // voter leaves, nobody holds one (a ping that took one would keep the gauge at 1).
    expect((await facilitator.send('ping', {})).ok).toBe(true);
    await voter.close();
    await replyTopicsReach(server, 0);

    await facilitator.close();
  });
});
