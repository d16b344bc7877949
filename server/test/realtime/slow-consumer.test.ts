import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolClient } from '../support/protocol-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('a slow consumer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres', { POKERROOM_SLOW_CONSUMER_BYTES: String(64 * 1024) });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('is closed with 4202 instead of silently missing events, and resumes without a gap', async () => {
    const room = await server.createRoom({});
    const facilitators = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const t = await server.mintToken(room.id, { name: `Fay ${i}`, role: 'facilitator' });
        return ProtocolClient.connect(t.wsUrl, t.token);
      }),
    );
    const [first] = facilitators;
    if (first === undefined) throw new Error('no facilitator');
    const added = await first.send('story.add', { title: 'Big' });
    const storyId = added.ok ? (added.result?.storyIds?.[0] ?? '') : '';

    const t = await server.mintToken(room.id, { name: 'Slow', role: 'observer', externalUserId: 'slow' });
    const slow = await ProtocolClient.connect(t.wsUrl, t.token);
    const lastSeq = slow.welcome.seq;
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    const tcp = (slow.socket as unknown as { _socket: Socket })._socket;
    tcp.pause();

    // 4 KB events, as fast as the per-connection rate limits allow, until the server gives up on it.
    const description = (i: number) => `${String(i).padStart(6, '0')}${'x'.repeat(3990)}`;
    let sent = 0;
    const deadline = Date.now() + 40_000;
    const closedByServer = (async () => {
      while (Date.now() < deadline) {
        const closed = await fetch(`${server.url}/metrics`)
          .then((r) => r.text())
          .then(
            (text) =>
              /pokerroom_ws_closes_total\{code="4202"\} [1-9]/.test(text) || text.includes('code="4202"'),
          );
        if (closed) return true;
        await Promise.all(
          facilitators.map((f) =>
            f.send('story.update', { storyId, description: description(sent++) }, 15_000),
          ),
        );
      }
      return false;
    })();
    expect(await closedByServer).toBe(true);
    tcp.resume();
    expect(await slow.closed(20_000)).toBe(4202);

    // It reconnects and resumes from the last event it applied: nothing missed, nothing twice.
    const applied = slow.events.map((e) => e.seq);
    expect(applied).toEqual(applied.map((_, i) => lastSeq + 1 + i));
    const resumeFrom = applied.at(-1) ?? lastSeq;
    const again = await ProtocolClient.connect(t.wsUrl, t.token);
    const answer = await again.send('resume', { lastSeq: resumeFrom }, 20_000);
    expect(answer.ok && answer.result?.resume).toBe('replay');
    const replayed = again.events.filter((e) => e.seq <= again.welcome.seq).map((e) => e.seq);
    expect(replayed).toEqual(
      Array.from({ length: again.welcome.seq - resumeFrom }, (_, i) => resumeFrom + 1 + i),
    );
    await Promise.all([again.close(), ...facilitators.map((f) => f.close())]);
  }, 90_000);
});
