import { encode, LIMITS } from '@pokerroom/protocol';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../src/identity/participant-tokens.js';
import { MAX_TRANSPORT_FRAME_BYTES } from '../../src/realtime/ws-handler.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { signWithServerKey } from '../support/server-tokens.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const packr = new Packr({ useRecords: false });

describe('bad input never crashes the server or corrupts a room', () => {
  let server: TestServer;
  let roomId: string;
  let facilitator: ProtocolClient;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    roomId = (await server.createRoom({ name: 'Target' })).id;
    const t = await server.mintToken(roomId, { name: 'Fay', role: 'facilitator' });
    facilitator = await ProtocolClient.connect(t.wsUrl, t.token);
    expect((await facilitator.send('story.add', { title: 'Keep me' })).ok).toBe(true);
    expect((await facilitator.send('round.start', {})).ok).toBe(true);
    expect((await facilitator.send('vote.cast', { card: '8' })).ok).toBe(true);
  });
  afterAll(async () => {
    await facilitator?.close();
    await server?.destroy();
  });

  async function voter(name = 'Mallory') {
    const t = await server.mintToken(roomId, { name, role: 'voter', externalUserId: name });
    return ProtocolClient.connect(t.wsUrl, t.token);
  }

  /**
   * The room as a fresh observer sees it, minus what bad clients may legitimately change: their
   * own joining, and presence.
   */
  async function roomView(known?: readonly string[]) {
    const t = await server.mintToken(roomId, {
      name: 'Auditor',
      role: 'observer',
      externalUserId: 'auditor',
    });
    const client = await ProtocolClient.connect(t.wsUrl, t.token);
    const { room } = client.welcome;
    await client.close();
    const participants = room.participants
      .filter((p) => known === undefined || known.includes(p.id))
      .map(({ presence: _presence, ...rest }) => rest);
    return { ...room, participants };
  }

  it('answers each kind of bad frame with its error code and leaves the room as it was', async () => {
    const before = await roomView();
    const client = await voter();
    const cases: [Uint8Array | string, string][] = [
      [new Uint8Array([0xc1, 0xff, 0x00]), 'malformed_frame'],
      [packr.pack([1, 2, 3]), 'malformed_frame'],
      [packr.pack({ v: 2, t: 'vote.cast', id: 1, d: { card: '5' } }), 'unsupported_version'],
      [packr.pack({ v: 1, t: 'vote.explode', id: 2, d: {} }), 'unknown_type'],
      [packr.pack({ v: 1, t: 'vote.cast', id: 3, d: { card: 5 } }), 'invalid_payload'],
      [packr.pack({ v: 1, t: 'vote.cast', id: 4, d: { card: '5', extra: true } }), 'invalid_payload'],
      [packr.pack({ v: 1, t: 'vote.cast', id: 'x', d: { card: '5' } }), 'invalid_payload'],
      [encode({ v: 1, t: 'vote.cast', id: 5, d: { card: '1000' } }), 'invalid_card'],
      ['{"v":1,"t":"ping","id":6,"d":{}}', 'malformed_frame'],
    ];
    for (const [frame, code] of cases) {
      const seen = client.messages.length;
      client.sendRaw(frame);
      const error = await client.waitFor((m) => m.t === 'error' && client.messages.indexOf(m) >= seen);
      expect(error.t === 'error' && error.d.code).toBe(code);
    }
    // A readable request id is echoed so the sender can settle the right command.
    const withId = client.messages
      .filter((m) => m.t === 'error' && m.d.id !== undefined)
      .map((m) => m.t === 'error' && m.d.id);
    expect(withId).toEqual([2, 3, 4, 5]);
    expect(await client.send('ping', {})).toMatchObject({ ok: true });
    await client.close();
    expect(await roomView(before.participants.map((p) => p.id))).toEqual(before);
  });

  it('refuses an oversized frame before parsing it, and drops the connection past the transport ceiling', async () => {
    const client = await voter('Big');
    // Garbage that would be malformed if parsed: the size check comes first.
    client.sendRaw(new Uint8Array(LIMITS.clientFrameBytes + 1).fill(0xc1));
    const error = await client.waitFor((m) => m.t === 'error');
    expect(error.t === 'error' && error.d.code).toBe('frame_too_large');
    expect(await client.send('ping', {})).toMatchObject({ ok: true });
    client.sendRaw(new Uint8Array(MAX_TRANSPORT_FRAME_BYTES + 1));
    expect(await client.closed()).not.toBeNull();
  });

  it('refuses a flood with rate_limited, then closes with 4201', async () => {
    const client = await voter('Flood');
    for (let i = 0; i < 300; i++) client.sendRaw(encode({ v: 1, t: 'ping', id: i, d: {} }));
    const code = await client.closed();
    expect(client.messages.some((m) => m.t === 'error' && m.d.code === 'rate_limited' && m.d.retryable)).toBe(
      true,
    );
    expect(code).toBe(4201);
  });

  it('refuses a token for another room, a forged token, an expired token and a wrong protocol', async () => {
    const other = await server.createRoom({});
    const t = await server.mintToken(other.id, { name: 'Eve', role: 'voter' });
    // Token refusals pass the upgrade, so that a browser (which can't read the HTTP status of a
    // refused upgrade) reads why in an error frame and the close code: 4000, do not reconnect.
    const refusedWith = async (url: string, token: string) => {
      const client = await ProtocolClient.connect(url, token, { awaitWelcome: false });
      return { close: await client.closed(), messages: client.messages };
    };
    const refusal = (code: string) => ({
      close: 4000,
      messages: [{ v: 1, t: 'error', d: expect.objectContaining({ code, retryable: false }) }],
    });
    const wrongRoom = t.wsUrl.replace(other.id, roomId);
    expect(await refusedWith(wrongRoom, t.token)).toEqual(refusal('wrong_room'));
    expect(await refusedWith(t.wsUrl, `${t.token.slice(0, -4)}AAAA`)).toEqual(refusal('token_invalid'));
    expect(await refusedWith(t.wsUrl.replace(/token=[^&]*/, ''), '')).toEqual(refusal('token_missing'));
    // A version the server doesn't speak is refused before the upgrade, with the versions it does.
    await expect(
      ProtocolClient.connect(t.wsUrl, t.token, { protocol: 'pokerroom.v9' }),
    ).rejects.toMatchObject({ status: 400, body: expect.stringContaining('pokerroom.v1') });

    // An expired token: close code 4100, fetch a new token.
    const forged = new TokenSigner('not the server key');
    expect(forged.verify(t.token)).toBe('token_invalid');
    const expired = await signWithServerKey(
      server,
      { roomId: other.id, participantId: 'p_late' },
      { ttlSeconds: 60, issuedAt: Date.now() - 3_600_000 },
    );
    const client = await ProtocolClient.connect(t.wsUrl, expired, { awaitWelcome: false });
    expect(await client.closed()).toBe(4100);
    expect(client.messages).toEqual([
      { v: 1, t: 'error', d: expect.objectContaining({ code: 'token_expired' }) },
    ]);
  });

  it('survives thousands of random and mutated frames with the room untouched', async () => {
    const before = await roomView();
    const valid = [
      encode({ v: 1, t: 'vote.cast', id: 1, d: { card: '5' } }),
      encode({ v: 1, t: 'story.add', id: 2, d: { title: 'x' } }),
      encode({ v: 1, t: 'room.update', id: 3, d: { name: 'y' } }),
    ];
    const frames = fc.sample(
      fc.oneof(
        fc.uint8Array({ maxLength: 256 }),
        fc
          .tuple(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 0, max: 255 }))
          .map(([frame, at, byte]) => {
            const copy = frame.slice();
            copy[at % copy.length] = byte;
            return copy;
          }),
        fc.anything().map((value) => packr.pack({ v: 1, t: 'room.update', id: 9, d: value })),
      ),
      { numRuns: 3000, seed: 20261122 },
    );
    // Observers may not change the room at all, so any frame that decodes is refused too.
    // Another participant after each close (80 in turn): one reconnecting in a loop would be
    // refused by its own rate limit, and the room holds 100 participants at most.
    let fuzzers = 0;
    const fuzzer = async () => {
      const t = await server.mintToken(roomId, {
        name: 'Fuzz',
        role: 'observer',
        externalUserId: `fuzz-${fuzzers++ % 80}`,
      });
      return ProtocolClient.connect(t.wsUrl, t.token);
    };
    let client = await fuzzer();
    let sent = 0;
    for (const frame of frames) {
      if (client.closeCode !== null) client = await fuzzer();
      client.sendRaw(frame);
      if (++sent % 30 === 0) await client.send('ping', {}).catch(() => undefined);
    }
    await client.close();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await roomView(before.participants.map((p) => p.id))).toEqual(before);
  }, 60_000);
});
