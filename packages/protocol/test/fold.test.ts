import {
  DEFAULT_SETTINGS,
  foldRoomEvent,
  foldRoomEventV1,
  PRESET_DECKS,
  type PublicRoomEvent,
  type RoomSnapshot,
} from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';

const room: RoomSnapshot = {
  id: 'room_1',
  name: 'Sprint',
  deck: PRESET_DECKS.fibonacci,
  settings: DEFAULT_SETTINGS,
  participants: [
    { id: 'f', name: 'Fay', role: 'facilitator', presence: 'online' },
    { id: 'a', name: 'Ann', role: 'voter', presence: 'online' },
  ],
  stories: [{ id: 's', title: 'Login', status: 'active', estimate: null, timeSpentMs: 1000 }],
  round: { id: 'r', storyId: 's', status: 'revealed', startedAt: 0, anonymous: false, voted: ['a'] },
  timer: null,
  closed: false,
};

const fold = (fn: typeof foldRoomEvent, events: PublicRoomEvent[]) => events.reduce(fn, room);

// The server sends what v1 left implied as events of their own (see the v2 spec); a v1 server
// from before v2 did not, and the v1 fold works those changes out as v1 clients always did.
describe('the public folds', () => {
  it('v2 applies no implied change: a hand-over alone changes no role, a finalized round alone no story', () => {
    const after = fold(foldRoomEvent, [
      { t: 'facilitator.changed', d: { from: 'f', to: 'a', reason: 'transfer' } },
      { t: 'round.finalized', d: { roundId: 'r', storyId: 's', estimate: '5', durationMs: 500 } },
    ]);
    expect(after.participants).toEqual(room.participants);
    expect(after.stories).toEqual(room.stories);
    expect(after.round).toMatchObject({ status: 'finalized', estimate: '5' });
  });

  it('v1 works them out, as a v1 server before v2 left them to the client', () => {
    const after = fold(foldRoomEventV1, [
      { t: 'facilitator.changed', d: { from: 'f', to: 'a', reason: 'transfer' } },
      { t: 'round.finalized', d: { roundId: 'r', storyId: 's', estimate: '5', durationMs: 500 } },
    ]);
    expect(after.participants.map((p) => p.role)).toEqual(['voter', 'facilitator']);
    expect(after.stories[0]).toMatchObject({ status: 'estimated', estimate: '5', timeSpentMs: 1500 });
  });

  it("v1 and v2 fold a v2 server's events to the same room, implied changes and all", () => {
    const events: PublicRoomEvent[] = [
      { t: 'facilitator.changed', d: { from: 'f', to: 'a', reason: 'transfer' } },
      {
        t: 'participant.updated',
        d: { participant: { id: 'f', name: 'Fay', role: 'voter', presence: 'online' } },
      },
      {
        t: 'participant.updated',
        d: { participant: { id: 'a', name: 'Ann', role: 'facilitator', presence: 'online' } },
      },
      { t: 'round.finalized', d: { roundId: 'r', storyId: 's', estimate: '5', durationMs: 500 } },
      {
        t: 'story.updated',
        d: { story: { id: 's', title: 'Login', status: 'estimated', estimate: '5', timeSpentMs: 1500 } },
      },
    ];
    expect(fold(foldRoomEventV1, events)).toEqual(fold(foldRoomEvent, events));
    expect(fold(foldRoomEvent, events).participants.map((p) => p.role)).toEqual(['voter', 'facilitator']);
  });

  it('never changes the room it is given', () => {
    const copy = structuredClone(room);
    foldRoomEvent(room, { t: 'vote.cast', d: { participantId: 'f' } });
    foldRoomEventV1(room, { t: 'participant.left', d: { participantId: 'a', reason: 'left' } });
    expect(room).toEqual(copy);
  });
});
