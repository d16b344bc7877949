import { type ClientCommandType, ROLES } from '@pokerroom/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type RoomCommandType } from '../../src/rooms/index.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A well-formed payload for each room command; whether it succeeds is the room's business. */
const PAYLOADS: { [T in RoomCommandType]: unknown } = {
  'vote.cast': { card: '5' },
  'vote.retract': {},
  'round.start': {},
  'round.reveal': {},
  'round.reset': {},
  'round.finalize': { estimate: '5' },
  'round.nudge': {},
  'story.add': { title: 'A story' },
  'story.update': { storyId: 'story_unknown', title: 'Renamed' },
  'story.remove': { storyId: 'story_unknown' },
  'story.reorder': { storyIds: [] },
  'story.import': { stories: [{ title: 'Imported' }] },
  'room.update': { name: 'Renamed room' },
  'participant.rename': { participantId: 'p_someone_else', name: 'New name' },
  'participant.role': { participantId: 'p_someone_else', role: 'voter' },
  'participant.kick': { participantId: 'p_someone_else' },
  'participant.votes': { votes: true },
  'facilitator.transfer': { participantId: 'p_someone_else' },
  'timer.start': { seconds: 30 },
  'timer.stop': {},
  'reaction.send': { emoji: '🎉' },
};

describe('the permission table over real sockets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres');
  });
  afterAll(async () => {
    await server?.destroy();
  });

  for (const role of ROLES) {
    it(`${role}: every command is allowed or refused with "forbidden" exactly as the table says`, async () => {
      const room = await server.createRoom({});
      const { token, wsUrl } = await server.mintToken(room.id, { name: role, role });
      // v2: the table covers every command, some of which (participant.votes) v1 does not have.
      const client = await ProtocolClient.connect(wsUrl, token, { protocol: 'pokerroom.v2' });
      for (const [type, payload] of Object.entries(PAYLOADS) as [RoomCommandType, never][]) {
        const answer = await client.send(type as ClientCommandType, payload);
        const cell = PERMISSIONS[type][role];
        // 'self' and 'reveal-policy' cells deny here: the payloads target someone else, and the
        // room's default reveal policy is facilitators only.
        const allowed = cell === 'allow';
        const forbidden = !answer.ok && answer.code === 'forbidden';
        expect({ type, role, forbidden }).toEqual({ type, role, forbidden: !allowed });
      }
      await client.close();
    });
  }
});
