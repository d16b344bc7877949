import { encode, LIMITS } from '@pokerroom/protocol';
import { Packr } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_LIMITS, INVALID_FRAMES } from '../../src/realtime/rate-limit.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { type StorageKind, startTestServer, type TestServer } from '../support/test-server.js';

const packr = new Packr({ useRecords: false });

describe.each<StorageKind>(['embedded', 'postgres'])(
  'what one client sends never breaks a room (%s)',
  (storage) => {
    let server: TestServer;
    let roomId: string;
    let facilitator: ProtocolClient;

    beforeAll(async () => {
      server = await startTestServer(storage);
      roomId = (await server.createRoom({ name: 'Target' })).id;
      const t = await server.mintToken(roomId, { name: 'Fay', role: 'facilitator', externalUserId: 'fay' });
      facilitator = await ProtocolClient.connect(t.wsUrl, t.token);
    }, 60_000);
    afterAll(async () => {
      await facilitator?.close();
      await server?.destroy();
    });

    async function connect(room: string, name: string, role = 'voter') {
      const t = await server.mintToken(room, { name, role, externalUserId: name });
      return ProtocolClient.connect(t.wsUrl, t.token);
    }

    it('two tabs at once: both connections of a participant who has not joined yet are welcomed (regression)', async () => {
      for (let i = 0; i < 8; i++) {
        const t = await server.mintToken(roomId, {
          name: `Tab ${i}`,
          role: 'voter',
          externalUserId: `tab-${i}`,
        });
        const tabs = await Promise.all([
          ProtocolClient.connect(t.wsUrl, t.token),
          ProtocolClient.connect(t.wsUrl, t.token),
        ]);
        for (const tab of tabs) {
          expect(tab.welcome.you.id).toBe(t.participantId);
          expect(tab.welcome.room.participants.map((p) => p.id)).toContain(t.participantId);
          expect(await tab.send('ping', {})).toMatchObject({ ok: true });
        }
        await Promise.all(tabs.map((tab) => tab.close()));
        expect(tabs.map((tab) => tab.closeCode)).toEqual([1000, 1000]);
      }
    }, 60_000);

    it('a MessagePack extension value in room.update is refused and every welcome stays valid (regression)', async () => {
      // {v:1, t:'room.update', id:41, d:{settings:{autoReveal: fixext 1 type 0}}}
      const valid = Buffer.from(
        packr.pack({ v: 1, t: 'room.update', id: 41, d: { settings: { autoReveal: 0 } } }),
      );
      const poisoned = Buffer.concat([valid.subarray(0, valid.length - 1), Buffer.from([0xd4, 0x00, 0x00])]);
      facilitator.sendRaw(poisoned);
      const error = await facilitator.waitFor((m) => m.t === 'error' && m.d.code === 'malformed_frame');
      expect(error.t === 'error' && error.d.retryable).toBe(false);
      // A fresh welcome still passes the SDK's validation (ProtocolClient decodes with it).
      const late = await connect(roomId, 'Late');
      expect(late.undecodable).toEqual([]);
      expect(late.welcome.room.settings.autoReveal).toBe(false);
      await late.close();
    });

    it('a NUL in story.update title is refused at the boundary, and other rooms’ votes are stored (regression)', async () => {
      const story = await facilitator.send('story.add', { title: 'Clean' });
      expect(story.ok).toBe(true);
      const storyId = facilitator.events.findLast((e) => e.t === 'story.added')?.d.stories[0]?.id ?? '';
      const otherRoom = (await server.createRoom({ name: 'Bystander' })).id;
      const other = await connect(otherRoom, 'Host', 'facilitator');
      expect((await other.send('round.start', {})).ok).toBe(true);
      const votes: Promise<unknown>[] = [];
      const refusals: Promise<unknown>[] = [];
      // Fewer than the invalid frames a connection may send, which would close it.
      for (let i = 0; i < 20; i++) {
        if (i % 4 === 0) refusals.push(facilitator.send('story.update', { storyId, title: `bad\u0000${i}` }));
        votes.push(other.send('vote.cast', { card: i % 2 === 0 ? '3' : '5' }));
      }
      for (const answer of await Promise.all(refusals)) {
        expect(answer).toMatchObject({ ok: false, code: 'invalid_payload', retryable: false });
      }
      expect(await Promise.all(votes)).toEqual(votes.map(() => expect.objectContaining({ ok: true })));
      await other.close();
      const view = await connect(roomId, 'Auditor', 'observer');
      expect(view.welcome.room.stories.find((s) => s.id === storyId)?.title).toBe('Clean');
      await view.close();
    });

    it('participant.role refuses "facilitator": the room keeps one facilitator (regression)', async () => {
      const voter = await connect(roomId, 'Vic');
      const frame = encode({
        v: 1,
        t: 'participant.role',
        id: 77,
        d: { participantId: voter.welcome.you.id, role: 'facilitator' },
      } as never);
      facilitator.sendRaw(frame);
      const error = await facilitator.waitFor((m) => m.t === 'error' && m.d.id === 77);
      expect(error.t === 'error' && error.d.code).toBe('invalid_payload');
      expect(error.t === 'error' && error.d.message).toMatch(/role/);
      await voter.close();
      const view = await connect(roomId, 'Auditor', 'observer');
      expect(view.welcome.room.participants.filter((p) => p.role === 'facilitator').length).toBe(1);
      await view.close();
    });

    it('an error about a 5,000-character type stays within the protocol’s message limit, with its request id (regression)', async () => {
      const client = await connect(roomId, 'Long');
      client.sendRaw(packr.pack({ v: 1, t: 'x'.repeat(5000), id: 12, d: {} }));
      client.sendRaw(packr.pack({ v: 1, t: 'ping', id: 13, d: {}, ['k'.repeat(5000)]: 1 }));
      const unknown = await client.waitFor((m) => m.t === 'error' && m.d.id === 12);
      const envelope = await client.waitFor((m) => m.t === 'error' && m.d.code === 'invalid_payload');
      expect(client.undecodable).toEqual([]);
      for (const error of [unknown, envelope]) {
        expect(error.t === 'error' && error.d.message.length).toBeLessThanOrEqual(LIMITS.errorMessageLength);
      }
      expect(unknown.t === 'error' && unknown.d.code).toBe('unknown_type');
      await client.close();
    });

    it('the command limit holds across reconnects: it is per participant, not per connection (regression)', async () => {
      const t = await server.mintToken(roomId, { name: 'Loop', role: 'voter', externalUserId: 'loop' });
      const pings = (client: ProtocolClient, count: number) =>
        Promise.all(Array.from({ length: count }, () => client.send('ping', {}, 10_000)));
      const first = await ProtocolClient.connect(t.wsUrl, t.token);
      // Most of the burst, not all: the next connection must still be let in (opening costs one).
      expect((await pings(first, 30)).every((a) => a.ok)).toBe(true);
      await first.close();
      // A fresh connection used to bring a fresh burst of 40: now it shares the spent bucket.
      const second = await ProtocolClient.connect(t.wsUrl, t.token);
      const answers = await pings(second, 40);
      const refused = answers.filter((a) => !a.ok);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]).toMatchObject({ ok: false, code: 'rate_limited', retryable: true });
      await second.close();
    });

    it('a participant may not open more than the connection limit at once', async () => {
      const t = await server.mintToken(roomId, { name: 'Many', role: 'voter', externalUserId: 'many' });
      const open = await Promise.all(
        Array.from({ length: CONNECTION_LIMITS.perParticipant }, () =>
          ProtocolClient.connect(t.wsUrl, t.token),
        ),
      );
      const extra = await ProtocolClient.connect(t.wsUrl, t.token, { awaitWelcome: false });
      expect(await extra.closed()).toBe(4201);
      expect(extra.messages).toEqual([
        { v: 1, t: 'error', d: expect.objectContaining({ code: 'rate_limited', retryable: true }) },
      ]);
      await Promise.all(open.map((client) => client.close()));
    });

    it('a connection that keeps sending invalid frames is closed with 4003, even with valid frames in between (regression)', async () => {
      const client = await connect(roomId, 'Junk');
      for (let i = 0; i < INVALID_FRAMES.capacity + 5; i++) {
        client.sendRaw(new Uint8Array([0xc1]));
        client.sendRaw(encode({ v: 1, t: 'ping', id: i, d: {} }));
      }
      expect(await client.closed()).toBe(4003);
      const errors = client.messages.filter((m) => m.t === 'error' && m.d.code === 'malformed_frame');
      expect(errors.length).toBe(INVALID_FRAMES.capacity);
    });
  },
);
