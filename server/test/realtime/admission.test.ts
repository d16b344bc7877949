import { rmSync } from 'node:fs';
import { encode } from '@pokerroom/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDataDir } from '../support/embedded-data-dir.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { startServerProcess } from '../support/server-process.js';
import { signWithServerKey } from '../support/server-tokens.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A `wsUrl` minted by one run of the server, pointed at another run (a restart takes a new port). */
function onServer(wsUrl: string, serverUrl: string): string {
  const url = new URL(wsUrl);
  url.host = new URL(serverUrl).host;
  return url.toString();
}

/** Connects, expecting the server to refuse the room after the upgrade: the error frame and close code. */
async function refusal(wsUrl: string, token: string) {
  const client = await ProtocolClient.connect(wsUrl, token, { awaitWelcome: false });
  const code = await client.closed();
  const errors = client.messages.flatMap((m) => (m.t === 'error' ? [m.d.code] : []));
  return { code, errors, welcomed: client.messages.some((m) => m.t === 'welcome') };
}

describe('admission to a room: decided after the upgrade, with a close code a browser can read', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres');
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('closes a kicked participant with kicked (4001) on every return, in memory or after a restart', async () => {
    const roomId = (await server.createRoom({ name: 'Kick' })).id;
    const fay = await server.mintToken(roomId, { name: 'Fay', role: 'facilitator' });
    const mal = await server.mintToken(roomId, { name: 'Mal', role: 'voter' });
    const facilitator = await ProtocolClient.connect(fay.wsUrl, fay.token);
    const voter = await ProtocolClient.connect(mal.wsUrl, mal.token);
    expect((await facilitator.send('participant.kick', { participantId: mal.participantId })).ok).toBe(true);
    expect(await voter.closed()).toBe(4001);

    expect(await refusal(mal.wsUrl, mal.token)).toEqual({ code: 4001, errors: ['kicked'], welcomed: false });
    await facilitator.close();

    server = await server.restart();
    // The old token reaches a node that has not loaded the room yet: admission waits for the load.
    expect(await refusal(onServer(mal.wsUrl, server.url), mal.token)).toEqual({
      code: 4001,
      errors: ['kicked'],
      welcomed: false,
    });
  });

  it('closes connections to a closed room with room_closed (4002), and to a room that is gone likewise', async () => {
    const roomId = (await server.createRoom({ name: 'Closing' })).id;
    const ann = await server.mintToken(roomId, { name: 'Ann', role: 'voter' });
    const response = await fetch(`${server.url}/v1/rooms/${roomId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${server.key}` },
    });
    expect(response.ok).toBe(true);
    expect(await refusal(ann.wsUrl, ann.token)).toEqual({
      code: 4002,
      errors: ['room_closed'],
      welcomed: false,
    });

    server = await server.restart();
    expect(await refusal(onServer(ann.wsUrl, server.url), ann.token)).toEqual({
      code: 4002,
      errors: ['room_closed'],
      welcomed: false,
    });

    // A validly signed token for a room this database doesn't have (it was erased).
    const ghost = await signWithServerKey(server, { roomId: 'room_gone', participantId: 'p_ghost' });
    expect(await refusal(onServer(ann.wsUrl, server.url).replace(roomId, 'room_gone'), ghost)).toEqual({
      code: 4002,
      errors: ['room_not_found'],
      welcomed: false,
    });
  });

  it('closes a connection that floods before its welcome with rate_limited (4201)', async () => {
    const roomId = (await server.createRoom({ name: 'Early' })).id;
    const t = await server.mintToken(roomId, { name: 'Flo', role: 'voter' });
    server = await server.restart();
    const client = await ProtocolClient.connect(onServer(t.wsUrl, server.url), t.token, {
      awaitWelcome: false,
    });
    // Sent at once, while the room loads and the join is stored: the server closes the connection
    // at the first frame past a full burst instead of buffering them all for after the welcome.
    for (let id = 1; id <= 500; id++) client.sendRaw(encode({ v: 1, t: 'ping', id, d: {} }));
    expect(await client.closed()).toBe(4201);
    expect(client.messages.map((m) => m.t)).toEqual([]);
  });

  it('handles the frames sent before its welcome right after it, each with its own content', async () => {
    const roomId = (await server.createRoom({ name: 'Early' })).id;
    const t = await server.mintToken(roomId, { name: 'Ada', role: 'voter' });
    server = await server.restart();
    const client = await ProtocolClient.connect(onServer(t.wsUrl, server.url), t.token, {
      awaitWelcome: false,
    });
    // Sent at once, while the room loads: the server holds them, and their bytes must outlive the
    // callbacks that received them.
    client.sendRaw(encode({ v: 1, t: 'ping', id: 1, d: {} }));
    client.sendRaw(encode({ v: 1, t: 'reaction.send', id: 2, d: { emoji: '🦉' } }));
    client.sendRaw(encode({ v: 1, t: 'ping', id: 3, d: {} }));
    await client.waitFor((m) => m.t === 'ack' && m.d.id === 3);
    await client.waitFor((m) => m.t === 'ack' && m.d.id === 2);
    const reaction = await client.waitFor((m) => m.t === 'reaction');
    expect(reaction.t === 'reaction' && reaction.d.emoji).toBe('🦉');
    expect(client.messages.filter((m) => m.t === 'error')).toEqual([]);
    // Pings are answered at once, the reaction once the room has decided it.
    expect(client.messages.flatMap((m) => (m.t === 'ack' ? [m.d.id] : [])).sort()).toEqual([1, 2, 3]);
    expect(client.messages[0]?.t).toBe('welcome');
    await client.close();
  });
});

describe('upgrades to a room that is still loading', () => {
  const dataDir = embeddedDataDir('pokerroom-admission-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('complete inside the corked upgrade handler: no uWebSockets.js cork warning after a restart', async () => {
    const env = {
      POKERROOM_DATA_DIR: dataDir,
      POKERROOM_BOOTSTRAP_KEY: 'sk_test_admissionTestKey0000000000000',
    };
    const first = await startServerProcess(env);
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${first.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${env.POKERROOM_BOOTSTRAP_KEY}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; token: string; wsUrl: string };
    };
    const room = await post('/v1/rooms', { name: 'Cold start' });
    const tokens = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(`/v1/rooms/${room.id}/tokens`, { name: `P${i}`, role: 'voter' }),
      ),
    );
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServerProcess(env);
    try {
      // All 30 at once, to a room the new process has not loaded: every one waits for the same load.
      const clients = await Promise.all(
        tokens.map((t) => ProtocolClient.connect(onServer(t.wsUrl, second.url), t.token)),
      );
      expect(clients.map((c) => c.welcome.you.name).sort()).toEqual(tokens.map((_, i) => `P${i}`).sort());
      await Promise.all(clients.map((c) => c.close()));
      expect(second.output()).not.toMatch(/corked/);
    } finally {
      await second.stop('SIGTERM');
    }
  }, 60_000);
});
