import {
  encode,
  foldRoomEvent,
  foldRoomEventV1,
  type RoomSnapshot,
  type ServerMessage,
} from '@pokerroom/protocol';
import { Unpackr } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolClient } from '../support/protocol-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const BOTH = 'pokerroom.v2, pokerroom.v1';

async function join(server: TestServer, roomId: string, name: string, role: string, protocol: string) {
  const { token, wsUrl } = await server.mintToken(roomId, { name, role });
  return ProtocolClient.connect(wsUrl, token, { protocol });
}

/** The room a client has folded from its welcome and the events after it, with its version's fold. */
function foldedRoom(client: ProtocolClient): RoomSnapshot {
  const fold = client.version === 1 ? foldRoomEventV1 : foldRoomEvent;
  return client.events.reduce(fold, client.welcome.room);
}

// Read with int64 as bigint: an integral `number` beyond 32 bits can then only have been a float64.
const exact = Object.assign(new Unpackr({ useRecords: false, mapsAsObjects: true }), {
  int64AsType: 'bigint',
});
function floatIntegers(value: unknown): unknown[] {
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) > 0xffff_ffff ? [value] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(floatIntegers);
}

describe('v1 and v2 served side by side', () => {
  let server: TestServer;
  let v1Only: TestServer;
  beforeAll(async () => {
    [server, v1Only] = await Promise.all([
      startTestServer('embedded'),
      startTestServer('embedded', { POKERROOM_PROTOCOL_VERSIONS: '1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([server?.destroy(), v1Only?.destroy()]);
  });

  it('gives each client the newest version it offers', async () => {
    const room = await server.createRoom({ name: 'Negotiation' });
    const v2 = await join(server, room.id, 'Ann', 'voter', BOTH);
    const v1 = await join(server, room.id, 'Bob', 'voter', 'pokerroom.v1');
    expect([v2.socket.protocol, v2.version]).toEqual(['pokerroom.v2', 2]);
    expect([v1.socket.protocol, v1.version]).toEqual(['pokerroom.v1', 1]);
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/pokerroom_ws_connections_by_version\{version="2"\} 1\b/);
    expect(metrics).toMatch(/pokerroom_ws_connections_by_version\{version="1"\} 1\b/);
    v1.socket.close();
    v2.socket.close();
  });

  it('shows a v1 and a v2 client in one room the same room, each in its own wire form', async () => {
    const room = await server.createRoom({ name: 'Mixed' });
    const fay = await join(server, room.id, 'Fay', 'facilitator', BOTH);
    const ann = await join(server, room.id, 'Ann', 'voter', 'pokerroom.v1');
    const bob = await join(server, room.id, 'Bob', 'voter', BOTH);
    const story = await fay.send('story.add', { title: 'Login' });
    const storyId = story.ok ? (story.result?.storyIds?.[0] ?? null) : null;
    expect((await fay.send('round.start', { storyId })).ok).toBe(true);
    expect((await fay.send('timer.start', { seconds: 60 })).ok).toBe(true);
    expect((await ann.send('vote.cast', { card: '3' })).ok).toBe(true);
    expect((await bob.send('vote.cast', { card: '5' })).ok).toBe(true);
    expect((await fay.send('round.reveal', {})).ok).toBe(true);
    expect((await fay.send('round.finalize', { estimate: '5' })).ok).toBe(true);
    expect((await fay.send('facilitator.transfer', { participantId: ann.welcome.you.id })).ok).toBe(true);
    expect((await ann.send('participant.kick', { participantId: bob.welcome.you.id })).ok).toBe(true);

    const fresh = await join(server, room.id, 'Oz', 'observer', BOTH);
    const last = fresh.welcome.seq;
    for (const client of [fay, ann]) await client.waitFor((m) => 'seq' in m && m.seq === last);
    // Both saw the same events, seq for seq, since both were in; folded, each gives the room a
    // fresh welcome shows.
    const since = ann.welcome.seq;
    const seqs = (client: ProtocolClient) =>
      client.events.filter((e) => e.seq > since).map((e) => [e.seq, e.t]);
    expect(seqs(ann)).toEqual(seqs(fay));
    expect(foldedRoom(ann)).toEqual(fresh.welcome.room);
    expect(foldedRoom(fay)).toEqual(fresh.welcome.room);
    expect(fresh.welcome.room.stories[0]).toMatchObject({ status: 'estimated', estimate: '5' });
    expect(fresh.welcome.room.timer).toBeNull();

    // Every change an event: the reveal stopped the countdown, the finalize estimated the story,
    // the hand-over changed both roles, the kick took the vote back first.
    const types = fay.events.map((e) => e.t);
    expect(types.slice(types.indexOf('round.revealed'), types.indexOf('round.revealed') + 2)).toEqual([
      'round.revealed',
      'timer.stopped',
    ]);
    expect(types.slice(types.indexOf('round.finalized'), types.indexOf('round.finalized') + 2)).toEqual([
      'round.finalized',
      'story.updated',
    ]);
    expect(
      types.slice(types.indexOf('facilitator.changed'), types.indexOf('facilitator.changed') + 3),
    ).toEqual(['facilitator.changed', 'participant.updated', 'participant.updated']);

    // Acks name their command in v2 only; integers are integers in v2, floats beyond 32 bits in v1.
    const acks = (client: ProtocolClient) =>
      client.messages.filter((m): m is Extract<ServerMessage, { t: 'ack' }> => m.t === 'ack');
    expect(acks(fay).map((a) => a.d.command)).toEqual([
      'story.add',
      'round.start',
      'timer.start',
      'round.reveal',
      'round.finalize',
      'facilitator.transfer',
    ]);
    expect(acks(ann).map((a) => a.d.command)).toEqual([undefined, undefined]);
    expect(fay.frames.flatMap((frame) => floatIntegers(exact.unpack(frame)))).toEqual([]);
    expect(floatIntegers(exact.unpack(ann.frames[0] as Uint8Array))).not.toEqual([]);
    for (const client of [fay, ann, fresh]) client.socket.close();
  });

  it("keeps a facilitator's choice not to vote (v2) from v1 clients, who still see the same room", async () => {
    const room = await server.createRoom({ name: 'Facilitating', settings: { autoReveal: true } });
    const fay = await join(server, room.id, 'Fay', 'facilitator', BOTH);
    const ann = await join(server, room.id, 'Ann', 'voter', 'pokerroom.v1');
    const bob = await join(server, room.id, 'Bob', 'voter', BOTH);
    expect(await ann.send('participant.votes', { votes: false })).toMatchObject({
      ok: false,
      code: 'unknown_type',
    });
    expect((await fay.send('participant.votes', { votes: false })).ok).toBe(true);
    expect((await ann.send('vote.cast', { card: '3' })).ok).toBe(true);
    expect((await bob.send('vote.cast', { card: '5' })).ok).toBe(true);
    // Nobody waits for the facilitator: the two voters' votes revealed the round.
    await fay.waitFor((m) => m.t === 'round.revealed');
    await ann.waitFor((m) => m.t === 'round.revealed');

    const late = await join(server, room.id, 'Oz', 'observer', BOTH);
    const lateV1 = await join(server, room.id, 'Old', 'observer', 'pokerroom.v1');
    const facilitatorIn = (snapshot: RoomSnapshot) =>
      snapshot.participants.find((p) => p.id === fay.welcome.you.id);
    expect(facilitatorIn(late.welcome.room)).toMatchObject({ votes: false });
    expect(facilitatorIn(lateV1.welcome.room)).not.toHaveProperty('votes');
    expect(fay.welcome.you).not.toHaveProperty('votes');
    const v1Updates = ann.events.filter((e) => e.t === 'participant.updated');
    expect(v1Updates.map((e) => e.d)).toEqual([
      { participant: { id: fay.welcome.you.id, name: 'Fay', role: 'facilitator', presence: 'online' } },
    ]);
    const last = lateV1.welcome.seq;
    for (const client of [ann, bob, late]) await client.waitFor((m) => 'seq' in m && m.seq === last);
    expect(foldedRoom(bob)).toEqual(foldedRoom(late));
    expect(facilitatorIn(foldedRoom(bob))).toMatchObject({ votes: false });
    expect(foldedRoom(ann)).toEqual(lateV1.welcome.room);
    for (const client of [fay, ann, bob, late, lateV1]) client.socket.close();
  });

  it('says what an error without id concerns, and answers a frame of the wrong version by its id (v2)', async () => {
    const room = await server.createRoom({ name: 'Errors' });
    const v2 = await join(server, room.id, 'Ann', 'voter', BOTH);
    v2.sendRaw(new Uint8Array([0xc1]));
    const unreadable = await v2.waitFor((m) => m.t === 'error');
    expect(unreadable.d).toMatchObject({ code: 'malformed_frame', scope: 'frame' });
    expect(unreadable.d).not.toHaveProperty('id');
    v2.sendRaw(encode({ v: 1, t: 'ping', id: 77, d: {} }));
    const wrongVersion = await v2.waitFor((m) => m.t === 'error' && m.d.code === 'unsupported_version');
    expect(wrongVersion.d).toMatchObject({ id: 77, scope: 'command' });

    const v1 = await join(server, room.id, 'Bob', 'voter', 'pokerroom.v1');
    v1.sendRaw(encode({ v: 2, t: 'ping', id: 78, d: {} }));
    const inV1 = await v1.waitFor((m) => m.t === 'error');
    // v1 unchanged: no scope, and no id on a frame of another version, as before v2.
    expect(inV1.d).toMatchObject({ code: 'unsupported_version' });
    expect(inV1.d).not.toHaveProperty('id');
    expect(inV1.d).not.toHaveProperty('scope');
    v1.socket.close();
    v2.socket.close();
  });

  it('serves v1 to a client that offers both when v1 is all the server serves, and refuses v2 alone', async () => {
    const room = await v1Only.createRoom({ name: 'Old' });
    const client = await join(v1Only, room.id, 'Ann', 'voter', BOTH);
    expect(client.version).toBe(1);
    expect(client.welcome.room.name).toBe('Old');
    client.socket.close();
    const refused = await join(v1Only, room.id, 'Bob', 'voter', 'pokerroom.v2').catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ status: 400 });
    expect(String((refused as { body?: string }).body)).toContain('pokerroom.v1');
    expect(String((refused as { body?: string }).body)).not.toContain('pokerroom.v2,');
  });
});
