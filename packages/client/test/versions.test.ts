import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFresh, join, startTestServer, type TestServer, until } from './support.js';

// The SDK offers every version it speaks, newest first, and speaks the one the server chose.
describe('the protocol version the SDK speaks', () => {
  let current: TestServer;
  let v1Only: TestServer;
  beforeAll(async () => {
    [current, v1Only] = await Promise.all([
      startTestServer('embedded'),
      // A server that serves only v1, as every server did before v2.
      startTestServer('embedded', { POKERROOM_PROTOCOL_VERSIONS: '1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([current?.destroy(), v1Only?.destroy()]);
  });

  it('is v2 against a server that serves v2', async () => {
    const { id } = await current.createRoom({ name: 'v2' });
    const room = await join(() => current, id, 'Fay', 'facilitator');
    try {
      expect(room.protocolVersion).toBe(2);
      // A v2 command: the facilitator runs the room without voting, then votes again.
      await room.setVoting(false);
      await until(room, (s) => s.you.votes === false);
      await room.setVoting(true);
      await until(room, (s) => s.you.votes === undefined);
      await room.vote('5');
      await room.reveal();
      await room.finalize('5');
      await until(room, (s) => s.round?.status === 'finalized');
      await expectFresh(current, room);
    } finally {
      room.close();
    }
  });

  it('falls back to v1 against a server that only serves v1, and plays a whole round there', async () => {
    const { id } = await v1Only.createRoom({ name: 'v1' });
    const facilitator = await join(() => v1Only, id, 'Fay', 'facilitator');
    const voter = await join(() => v1Only, id, 'Ann', 'voter');
    try {
      expect(facilitator.protocolVersion).toBe(1);
      expect(voter.protocolVersion).toBe(1);
      // A v2 command is refused before it leaves: v1 has no such command.
      await expect(facilitator.setVoting(false)).rejects.toMatchObject({
        code: 'unknown_type',
        message: 'participant.votes is a command of protocol v2; this connection speaks v1',
      });
      const { storyIds } = await facilitator.addStory({ title: 'Login' });
      await facilitator.newRound(storyIds?.[0]);
      await until(voter, (s) => s.round?.storyId === storyIds?.[0]);
      await voter.vote('3');
      await facilitator.reveal();
      await facilitator.finalize('3');
      const done = await until(voter, (s) => s.stories[0]?.status === 'estimated');
      expect(done.stories[0]).toMatchObject({ estimate: '3' });
      await facilitator.transferFacilitator(voter.state.you.id);
      await until(voter, (s) => s.you.role === 'facilitator');
      await expectFresh(v1Only, voter);
      await expectFresh(v1Only, facilitator);
    } finally {
      facilitator.close();
      voter.close();
    }
  });
});
